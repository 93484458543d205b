import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { queryBoard } from '~/mirror/board.server'
import { encodeIssueCursor, parseIssueFilters } from '~/mirror/issue-filters'
import { badRequest, serviceUnavailable } from '~/utils/http.server'
import { readApiQuery } from '~/utils/request-input.server'

import { isDatabaseUnavailableError } from '../../db/client.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = parseIssueFilters(readApiQuery(request))
  if (problems.length > 0) return badRequest(problems)
  try {
    const board = await queryBoard(filters)
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
    })
  } catch (error) {
    if (isDatabaseUnavailableError(error)) return serviceUnavailable()
    throw error
  }
}
