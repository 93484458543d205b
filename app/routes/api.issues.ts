import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { getBoardClock } from '~/mirror/board-clock.server'
import { queryBoard } from '~/mirror/board.server'
import { encodeIssueCursor, parseIssueFilters, parseStaleFilter } from '~/mirror/issue-filters'
import { staleCutoff } from '~/mirror/issue.server'
import { getEnv } from '~/utils/env.server'
import {
  answerOnlyGet,
  badRequest,
  serviceUnavailableFor,
  refuseOptions,
} from '~/utils/http.server'
import { readApiQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const params = readApiQuery(request)
  const { filters, problems } = parseIssueFilters(params)
  const stale = parseStaleFilter(params, {
    defaultMonths: getEnv().STALE_AFTER_MONTHS,
    state: filters.state,
  })
  if (problems.length + stale.problems.length > 0) {
    return badRequest([...problems, ...stale.problems])
  }
  try {
    // Measured as /issues/stale measures: from the data's own time on a board that does not sync
    // (decision 012), so the two list the same items.
    const clock = stale.months === null ? null : await getBoardClock()
    const measure = clock && stale.months !== null ? { months: stale.months, now: clock.now } : null
    const board = await queryBoard({ ...filters, stale: measure })
    if (board.problems.length > 0) return badRequest(board.problems)
    return json({
      items: board.items.map((issue) => ({
        repo: issue.repo,
        number: issue.number,
        title: issue.title,
        state: issue.state,
        isPullRequest: issue.is_pull_request,
        labels: issue.labels.map((label) => label.name),
        author: issue.author_login,
        url: issue.html_url,
        createdAt: issue.created_at.toISOString(),
        updatedAt: issue.updated_at.toISOString(),
        // False for the demo's issues: their source records no activity, so updatedAt is a lower bound.
        historyRecorded: issue.history_recorded,
      })),
      nextCursor: board.nextCursor ? encodeIssueCursor(board.nextCursor) : null,
      // Only with stale=true: the measure the items were chosen by, so a client can say it.
      ...(measure && clock
        ? {
            stale: {
              months: measure.months,
              untouchedSince: staleCutoff(measure.months, clock.now).toISOString(),
              measuredAsOf: clock.now.toISOString(),
              clock: clock.kind,
            },
          }
        : {}),
    })
  } catch (error) {
    const unavailable = serviceUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }
}

export const action = answerOnlyGet
