import type { LoaderFunctionArgs } from '@remix-run/node'

import { renderStarterFeed } from '~/starter/atom-feed.server'
import { parseFeedQuery } from '~/starter/feed-query'
import { listNewStarterProjects } from '~/starter/finder.server'
import { getStarterSettings } from '~/starter/settings.server'
import { answerOnlyGet, feedUnavailableFor, refuseOptions } from '~/utils/http.server'
import { publicOrigin } from '~/utils/public-origin.server'
import { readQuery } from '~/utils/request-input.server'

// /starter/feed.atom: the newest open starter projects; with the finder's background (?level=,
// ?know=...) only those within that level, and with its filters (?domain=, ?q=, ?repo=,
// ?status=...) only those they keep (app/starter/feed-query.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const settings = getStarterSettings()
  const { feed, problems } = parseFeedQuery(readQuery(request), settings.domains)
  if (problems.length > 0) {
    const reasons = problems.map((problem) => `${problem.message}. Use: ${problem.allowed}.\n`)
    return new Response(reasons.join(''), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    })
  }
  let projects
  try {
    projects = await listNewStarterProjects({ ...feed.filters, background: feed.background })
  } catch (error) {
    // A 503 with its reason, so feed readers retry later instead of recording a server error.
    const unavailable = feedUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }
  const xml = renderStarterFeed({
    projects,
    origin: publicOrigin(request),
    feed,
    languageName: settings.languageName,
  })
  return new Response(xml, {
    headers: {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    },
  })
}

export const action = answerOnlyGet
