import { expect } from 'vitest'

import type { Database } from '../../db/client.server'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'

import { claimStarterProject, endClaim, submitClaimFeedback } from './claim.server'

// Shared set-up for the tests of the thread on a claim (mentors' answers and claimants' replies)
// and of the queries that count mentors one can reach (imported by *.test.ts files only).

/**
 * Mentors as boards hold them: names from an old list, @logins (spaces around, or broken), and
 * accounts here. Each a way to reach someone or not, as next-step.ts canReachMentors says; the
 * finder's and the triage queue's SQL (`CAN_REACH_MENTORS`) are held to it with every one.
 */
export const MENTOR_NAMES = [
  'Anil Madhavapeddy',
  'mo',
  '@hannesm',
  ' @hannesm\t',
  '\u3000@dinosaure\ufeff',
  '@dinosaure\u200b',
  '@-dash',
  '@',
  `@${'a'.repeat(40)}`,
  'email@example.org',
]

/** The names above that are an @login, a way to reach someone (finder.ts githubLoginOf). */
export const EXPECTED_LOGIN = ['@hannesm', ' @hannesm\t', '\u3000@dinosaure\ufeff']

/** A project mentored by Mo (a GitHub account), claimed by Nia; Max is a (demo) maintainer. */
export async function claimedProject(db: Database) {
  const mentor = await createGitHubAccount(db, 'mo')
  const newcomer = await createGitHubAccount(db, 'nia')
  const maintainer = await createAccount(db, 'max', 'maintainer')
  const projectId = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const claim = await claimStarterProject(projectId, newcomer, db)
  // PostgreSQL keeps microseconds and a Date only milliseconds: stored as the Date reads it, the
  // claim's start is the one the tests count days from, on either database.
  await db
    .updateTable('starter_claim')
    .set({ claimed_at: claim.claimed_at })
    .where('id', '=', claim.id)
    .execute()
  return { db, mentor, newcomer, maintainer, projectId, claim }
}

/** Everything a refused answer or reply must leave as it was. */
async function threadSnapshot(db: Database) {
  return {
    answers: await db.selectFrom('claim_answer').selectAll().orderBy('id').execute(),
    notices: await db
      .selectFrom('notification')
      .select(['account_id', 'kind', 'event_key'])
      .orderBy('id')
      .execute(),
  }
}

/** `call` is refused with `status` and a message matching `message`, and nothing changes. */
export async function refusedLeavingThread(
  db: Database,
  call: () => Promise<unknown>,
  status: number,
  message: RegExp,
) {
  const before = await threadSnapshot(db)
  await expect(call()).rejects.toMatchObject({ status, message: expect.stringMatching(message) })
  expect(await threadSnapshot(db)).toEqual(before)
}

/** The notices of one kind an account has had, oldest first. */
export async function noticesOf(db: Database, accountId: number, kind = 'claim_answered') {
  return db
    .selectFrom('notification')
    .select(['title', 'link', 'event_key', 'is_demo_action'])
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute()
}

/**
 * `holder` claims the project, finishes it and reports its stars (by default 3★ in OCaml and 1★ in
 * its domain, a week's work): a contributor's report, as the calibration reads them.
 */
export async function finishWithReport(
  db: Database,
  projectId: number,
  holder: { id: number; login: string },
  stars: { languageStars: 1 | 2 | 3; domainStars: 1 | 2 | 3 } = {
    languageStars: 3,
    domainStars: 1,
  },
) {
  const claim = await claimStarterProject(projectId, holder, db)
  await endClaim(projectId, claim.id, holder, 'done', db)
  await submitClaimFeedback(
    projectId,
    claim.id,
    holder,
    { ...stars, timeTaken: 'week', note: '' },
    db,
  )
}

/**
 * mirage/mirage as the issue lists see starter work, on a mirror that never synced (its board
 * clock is its newest open activity, 2026-06-01): #1 an open starter project (OCaml 2★, storage
 * 3★), #2 one Nia is working on, #3 a triage candidate touched that day (a short concrete body),
 * #5 a candidate untouched for four months (stale on a 3-month measure, recent on the triage
 * queue's 6), #4 none of these (a long design discussion), #6 a pull request. #1, #2, #4 and #6
 * are from 2020. Dana maintains; Cam contributes.
 */
export async function mirrorStarterWork(db: Database) {
  const repo = repositoryPayload('mirage/mirage')
  const short = 'Rename the flag: `--tls` is read as `--tl`.'
  const long = 'A long design discussion. '.repeat(80)
  await mirror(db, repo, [
    issuePayload(repo.full_name, 1, { body: long }),
    issuePayload(repo.full_name, 2, { body: long }),
    issuePayload(repo.full_name, 3, { body: short, updated_at: '2026-06-01T00:00:00Z' }),
    issuePayload(repo.full_name, 4, { body: long }),
    issuePayload(repo.full_name, 5, { body: short, updated_at: '2026-02-01T00:00:00Z' }),
    issuePayload(repo.full_name, 6, { body: short, pull_request: { merged_at: null } }),
  ])
  const open = await createProject(db, {
    title: 'Flag parsing',
    issue: 'mirage/mirage#1',
    languageStars: 2,
    domainStars: 3,
    primaryDomain: 'storage',
  })
  const claimed = await createProject(db, { title: 'TLS flags', issue: 'mirage/mirage#2' })
  await claimStarterProject(claimed, await createGitHubAccount(db, 'nia'), db)
  const dana = await createAccount(db, 'dana', 'maintainer')
  const cam = await createAccount(db, 'cam')
  return { projects: { open, claimed }, dana, cam }
}
