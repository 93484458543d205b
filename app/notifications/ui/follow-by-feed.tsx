import type { Feeds } from '~/notifications/feeds.server'

/**
 * The board's Atom feeds, each with what it carries: one way back that needs no visit and no
 * email. Plain links (not <Link>): a feed is a resource route, not a page.
 */
export function FollowByFeed({ feeds }: { feeds: Feeds }) {
  return (
    <p className="mt-1 text-sm text-slate-600">
      Follow by feed:{' '}
      <a href={feeds.starter} type="application/atom+xml" className="text-blue-700 underline">
        new starter projects
      </a>{' '}
      (the finder’s feed link keeps your background and filters)
      {feeds.decisions ? (
        <>
          {' · '}
          <a
            href={feeds.decisions.href}
            type="application/atom+xml"
            className="text-blue-700 underline"
          >
            roadmap decisions
          </a>{' '}
          (each round’s outcome for {feeds.decisions.target})
        </>
      ) : null}
      .
    </p>
  )
}
