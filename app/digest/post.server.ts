import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import type { GitHubClient } from '../github/client.server'
import type { GitHubFailure } from '../github/failure.server'
import {
  createIssue,
  editIssue,
  findIssueByMarker,
  readViewer,
  type PostedIssue,
} from '../github/issues.server'
import { refuse } from '../utils/refusal'

import { digestMarkdown, type Digest } from './compose'

// `npm run digest -- --post owner/name`: the agenda as a GitHub issue, once per period. The issue
// posted for a period is remembered in digest_post, so a second run edits it; should that row be
// lost (a restored database, another board), the issue is found again by the hidden marker its
// body ends with, among the issues the token's user opened since the period's last day began.

export type DigestPostOutcome = {
  action: 'created' | 'updated'
  repo: string
  issue: PostedIssue
}

/** The hidden line that names the period in the issue's body. */
export function digestMarker(period: string) {
  return `<!-- pioneer-board digest ${period} -->`
}

/**
 * The issue's title and body: the markdown's heading as the title, the rest and the marker; its
 * links go to the board at `origin`.
 */
export function digestIssue(digest: Digest, origin: string) {
  const [heading = '', ...rest] = digestMarkdown(digest, origin).split('\n')
  const body = `${rest.join('\n').trim()}\n\n${digestMarker(digest.period.key)}\n`
  return { title: heading.replace(/^#\s*/, ''), body }
}

/** GitHub's refusal as one line a person can act on; a 5xx or no answer is no refusal. */
function refuseFor(failure: GitHubFailure, repo: string): never {
  const message = failure.message.split('\n')[0]
  const because =
    failure.status === null ? message : `GitHub answered ${failure.status}: ${message}`
  // Its message names the address, what was wrong with the answer and GITHUB_API_URL.
  if (failure.kind === 'not-github') refuse(`The agenda was not posted to ${repo}: ${message}.`)
  if (failure.kind === 'transient')
    throw new Error(`GitHub did not answer for ${repo} (${because}); try again later.`)
  if (failure.kind === 'moved')
    refuse(`${repo} has moved on GitHub (${because}); sync the board, then post again.`, 409)
  if (failure.kind === 'rejected') refuse(`GitHub refused the agenda for ${repo} (${because}).`)
  // forbidden, unauthorized, or gone: GitHub hides what a token may not see behind a 404.
  refuse(
    `The token cannot write issues in ${repo} (${because}); set GITHUB_TOKEN to one that can.`,
    403,
  )
}

/**
 * Opens the agenda as an issue in the mirrored repository `repoName`, or edits the issue already
 * posted for the same period there. Refuses, before any request, a repository the board does not
 * mirror (404) or the demo's copy of one (409); refuses when GitHub will not let the token write
 * issues (403). Runs under a lock
 * per repository, so two runs at once make one issue.
 */
export async function postDigest(
  repoName: string,
  digest: Digest,
  octokit: GitHubClient,
  origin: string,
  db: Database = getDb(),
): Promise<DigestPostOutcome> {
  const repository = await db
    .selectFrom('repository')
    .select(['id', 'owner', 'name', 'full_name', 'history_recorded'])
    .where(sql`lower(full_name)`, '=', repoName.toLowerCase())
    .executeTakeFirst()
  if (!repository)
    refuse(
      `${repoName.slice(0, 140)} is not mirrored: post to a repository the board mirrors.`,
      404,
    )
  // The demo's repositories bear the real names (decision 012): its agenda, made of demo people's
  // actions, would land on the real repository.
  if (!repository.history_recorded)
    refuse(
      `${repository.full_name} here is the MirageOS demo's copy, not a mirror: the demo's agenda is never posted to GitHub.`,
      409,
    )
  const repo = repository.full_name
  const target = { owner: repository.owner, repo: repository.name }
  const period = digest.period.key
  const { title, body } = digestIssue(digest, origin)

  return inTransaction(db, async (trx) => {
    // Repository ids are bigints: the lock is named by one hashed text.
    await sql`select pg_advisory_xact_lock(hashtext(${`digest_post:${repository.id}`}))`.execute(
      trx,
    )
    const remember = async (issue: PostedIssue) => {
      await trx
        .insertInto('digest_post')
        .values({
          repository_id: repository.id,
          period,
          issue_number: issue.number,
          html_url: issue.htmlUrl,
        })
        .onConflict((oc) =>
          oc.columns(['repository_id', 'period']).doUpdateSet({
            issue_number: issue.number,
            html_url: issue.htmlUrl,
            updated_at: sql<Date>`now()`,
          }),
        )
        .execute()
    }
    const update = async (issueNumber: number) => {
      const edit = await editIssue(octokit, { ...target, issueNumber, title, body })
      if (edit.outcome === 'failed') refuseFor(edit.failure, repo)
      if (edit.outcome === 'missing') return null
      await remember(edit.issue)
      return { action: 'updated' as const, repo, issue: edit.issue }
    }

    const known = await trx
      .selectFrom('digest_post')
      .select('issue_number')
      .where('repository_id', '=', repository.id)
      .where('period', '=', period)
      .executeTakeFirst()
    if (known) {
      const updated = await update(known.issue_number)
      if (updated) return updated
    }

    const viewer = await readViewer(octokit)
    if (viewer.outcome === 'failed') refuseFor(viewer.failure, repo)
    const lastDay = new Date(`${period.slice(-10)}T00:00:00Z`)
    const found = await findIssueByMarker(octokit, {
      ...target,
      creator: viewer.login,
      since: lastDay,
      marker: digestMarker(period),
    })
    if (found.outcome === 'failed') refuseFor(found.failure, repo)
    if (found.outcome === 'found') {
      const updated = await update(found.issue.number)
      if (updated) return updated
    }

    const created = await createIssue(octokit, { ...target, title, body })
    if (created.outcome === 'failed') refuseFor(created.failure, repo)
    await remember(created.issue)
    return { action: 'created' as const, repo, issue: created.issue }
  })
}
