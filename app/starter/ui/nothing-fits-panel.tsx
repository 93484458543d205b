import { Form, Link, useLocation } from '@remix-run/react'

import type { FinderBackground } from '../finder'
import { GAP_SENT_PARAM } from '../gap-request-input'

import { describeBackground } from './finder-form'

// "Nothing fits me?" under the finder's results: sends the person's background, with a note, to
// the maintainers' gap dashboard (the /starter/nothing-fits action), or asks them to sign in.

/** Where a demo maintainer finds a request to answer it: signing in as one comes back there. */
export const ANSWER_AS_DEMO_MAINTAINER_HREF = `/login?returnTo=${encodeURIComponent('/starter/gaps')}`

/**
 * What happens after "nothing fits me" is sent, said where the thanks are: a newcomer learns
 * where the answer arrives and where the request is kept, not only that someone will read it.
 * A demo person's request is a demo action: "the maintainers will see it" and "when a maintainer
 * answers" promised an answer from the community's maintainers, who never see it; only a visitor
 * signed in as a demo maintainer answers it, which nothing said she could.
 */
export function RequestSentNext({ isDemo }: { isDemo: boolean }) {
  return (
    <>
      When a maintainer answers, you are told in your{' '}
      <Link to="/notifications" className="underline">
        Inbox
      </Link>
      ; your requests are listed on{' '}
      <Link to="/me" className="underline">
        My work
      </Link>
      .
      {isDemo ? (
        <>
          {' '}
          It is a demo request: in this demo the maintainers are demo accounts, so an answer comes
          when someone signs in as one.{' '}
          <Link to={ANSWER_AS_DEMO_MAINTAINER_HREF} className="underline">
            Be a demo maintainer
          </Link>{' '}
          to answer it from the Gap dashboard.
        </>
      ) : null}
    </>
  )
}

export function NothingFitsPanel({
  isSignedIn,
  background,
  languageName,
  query,
}: {
  isSignedIn: boolean
  background: FinderBackground
  languageName: string
  query: string
}) {
  const location = useLocation()
  const finderUrl = `/starter${query ? `?${query}` : ''}`
  // Once sent, the form folds away and starts afresh (a new key remounts it): a form left open
  // and ready invites a duplicate request.
  const isSent = new URLSearchParams(location.search).get(GAP_SENT_PARAM) === 'sent'
  const formKey = isSent ? location.key : 'draft'
  return (
    <section
      aria-labelledby="nothing-fits-heading"
      className="mt-6 rounded border border-blue-200 bg-blue-50 p-3 text-sm"
    >
      <h2 id="nothing-fits-heading" className="font-semibold">
        Nothing fits me?
      </h2>
      {isSignedIn && isSent ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-slate-700">
            Sent: a maintainer’s answer will come to your Inbox.{' '}
            <span className="text-blue-700 underline">Send another request</span>
          </summary>
          <NothingFitsForm
            key={formKey}
            background={background}
            languageName={languageName}
            finderUrl={finderUrl}
          />
        </details>
      ) : isSignedIn ? (
        <NothingFitsForm
          key={formKey}
          background={background}
          languageName={languageName}
          finderUrl={finderUrl}
        />
      ) : (
        <p className="mt-1">
          <Link
            // Back to this panel, not the top of a long list: on a phone it is screens away.
            to={`/login?returnTo=${encodeURIComponent(`${location.pathname}${location.search}#nothing-fits-heading`)}`}
            className="text-blue-700 underline"
          >
            Sign in to tell maintainers what you are looking for
          </Link>
        </p>
      )}
    </section>
  )
}

function NothingFitsForm({
  background,
  languageName,
  finderUrl,
}: {
  background: FinderBackground
  languageName: string
  finderUrl: string
}) {
  return (
    <Form method="post" action="/starter/nothing-fits" className="mt-2 space-y-2">
      {/* Named here: it is the background of the results above, not what may be ticked in the
          form since, and "your background" alone does not say what a maintainer will read. */}
      <p className="text-slate-700">
        Send the maintainers your background (
        <strong className="font-medium">{describeBackground(background, languageName)}</strong>),
        with a note on what you would like to work on. They use these requests to write new starter
        projects.
      </p>
      <input type="hidden" name="languageLevel" value={background.level} />
      {background.knownDomains.map((domain) => (
        <input key={domain} type="hidden" name="domains" value={domain} />
      ))}
      <input type="hidden" name="time" value={background.time} />
      <input type="hidden" name="wantsMentor" value={background.wantsMentor ? 'on' : ''} />
      <input type="hidden" name="returnTo" value={finderUrl} />
      <label className="flex flex-col">
        <span className="font-medium">Your note (optional)</span>
        <textarea
          name="note"
          rows={3}
          maxLength={2000}
          className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
          placeholder="e.g. I know TCP well and would like something in networking"
        />
      </label>
      <button
        type="submit"
        className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800"
      >
        Tell the maintainers
      </button>
    </Form>
  )
}
