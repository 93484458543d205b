import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { encodeFinderCursor, parseFinderQuery } from '~/starter/finder'
import { findStarterProjects, toApiItem } from '~/starter/finder.server'
import { getStarterSettings } from '~/starter/settings.server'
import {
  answerOnlyGet,
  badRequest,
  serviceUnavailableFor,
  refuseOptions,
} from '~/utils/http.server'
import { publicOrigin } from '~/utils/public-origin.server'
import { readApiQuery } from '~/utils/request-input.server'

// The finder as JSON: the same parameters as /starter, the same eligibility and order.
export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const { state, problems } = parseFinderQuery(readApiQuery(request), getStarterSettings().domains)
  if (problems.length > 0) return badRequest(problems)
  try {
    const page = await findStarterProjects(state)
    const origin = publicOrigin(request)
    return json({
      items: page.items.map((item) => toApiItem(item, origin)),
      nextCursor: page.nextCursor ? encodeFinderCursor(page.nextCursor) : null,
    })
  } catch (error) {
    const unavailable = serviceUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }
}

export const action = answerOnlyGet
