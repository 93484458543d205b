import { expect } from 'vitest'

import type { Database } from '../../db/client.server'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'

import { claimStarterProject, endClaim, submitClaimFeedback } from './claim.server'

// Shared set-up for the tests of the thread on a claim: mentors' answers and claimants' replies
// (imported by *.test.ts files only).

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
