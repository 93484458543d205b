import type { LoaderFunctionArgs } from '@remix-run/node'

import { renderDecisionsFeed } from '~/roadmap/decisions-feed.server'
import { findReleaseTarget, listRoundHistory } from '~/roadmap/roadmap.server'
import { answerOnlyGet, feedUnavailableFor, refuseOptions } from '~/utils/http.server'
import { publicOrigin } from '~/utils/public-origin.server'
import { readQuery } from '~/utils/request-input.server'

// /roadmap/decisions.atom?target=: the decisions of a release target (the newest by default).

const SLUG = /^[a-z0-9-]{1,80}$/

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const slug = readQuery(request).get('target')?.trim() || null
  if (slug !== null && !SLUG.test(slug)) {
    return text(
      `"${slug}" is not a release target slug. Use: lower-case letters, digits and dashes.\n`,
      400,
    )
  }
  try {
    const target = await findReleaseTarget(slug)
    if (!target) {
      return text(
        slug ? `There is no release target "${slug}".\n` : 'There is no release target yet.\n',
        404,
      )
    }
    const history = await listRoundHistory(target.id)
    const xml = renderDecisionsFeed({ target, history, origin: publicOrigin(request) })
    return new Response(xml, {
      headers: {
        'Content-Type': 'application/atom+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
      },
    })
  } catch (error) {
    const unavailable = feedUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }
}

export const action = answerOnlyGet
