import { Link } from '@remix-run/react'

import { Card } from './card'
import { buttonClass } from './form-styles'

// What the roadmap and the ideas pages show before there is a release target: what will come,
// something a contributor can do meanwhile, and for a maintainer the one click that starts it.
// Both pages say it the same way, so it is said once, here.

export function RoadmapNotStarted({ isMaintainer }: { isMaintainer: boolean }) {
  return (
    <Card className="mt-4">
      <h2 className="text-lg font-semibold">The roadmap has not started yet</h2>
      <p className="mt-1 text-sm text-slate-700">
        It starts when a maintainer names a release target (such as the next major release) and its
        areas of focus. Planning then comes in two separate steps:
      </p>
      <ol className="mt-2 list-decimal space-y-1 pl-6 text-sm text-slate-700">
        <li>
          <strong>Ideas</strong>: anyone signed in proposes ideas in those areas, +1s and comments
          on them.
        </li>
        <li>
          <strong>Prioritisation</strong>: once a month the maintainers shortlist ideas and rank
          them in a recorded round; the agreed ones become this roadmap’s efforts.
        </li>
      </ol>
      {isMaintainer ? (
        <p className="mt-4">
          <Link to="/roadmap/rounds#new-target" className={`inline-block ${buttonClass}`}>
            Create the first release target
          </Link>
        </p>
      ) : (
        <WhileYouWait lead="Until a maintainer starts it:" />
      )}
    </Card>
  )
}

/**
 * A release target without areas: ideas are proposed in an area, so none can be yet, and its
 * roadmap, whose efforts are agreed ideas, waits for them too.
 */
export function NoAreasYet({
  target,
  isMaintainer,
  page = 'ideas',
}: {
  target: { slug: string; name: string }
  isMaintainer: boolean
  /** The page it is shown on: the ideas page, or the roadmap, which comes after the ideas. */
  page?: 'ideas' | 'roadmap'
}) {
  return (
    <Card className="mt-4">
      <h2 className="text-lg font-semibold">No areas of focus yet</h2>
      <p className="mt-1 text-sm text-slate-700">
        {page === 'roadmap' ? 'This roadmap’s efforts are agreed ideas, and ideas' : 'Ideas'} for{' '}
        {target.name} are proposed in its areas of focus (such as “Quality and testing”), and a
        maintainer has not named any yet. Once there is one, anyone signed in can propose ideas{' '}
        {page === 'roadmap' ? (
          <>
            on the{' '}
            <Link to={`/roadmap/ideas?target=${target.slug}`} className="text-blue-700 underline">
              ideas page
            </Link>
          </>
        ) : (
          'here'
        )}
        .
      </p>
      {isMaintainer ? (
        <p className="mt-4">
          <Link
            to={`/roadmap/rounds?target=${target.slug}#new-area`}
            className={`inline-block ${buttonClass}`}
          >
            Add the first area
          </Link>
        </p>
      ) : (
        <WhileYouWait lead="Meanwhile:" />
      )}
    </Card>
  )
}

/** What a contributor can do before the roadmap can take ideas. */
function WhileYouWait({ lead }: { lead: string }) {
  return (
    <p className="mt-3 text-sm text-slate-700">
      {lead} read{' '}
      <Link to="/roadmap/how-we-plan" className="text-blue-700 underline">
        how we plan
      </Link>
      , or pick up a{' '}
      <Link to="/starter" className="text-blue-700 underline">
        starter project
      </Link>{' '}
      to work on now.
    </p>
  )
}
