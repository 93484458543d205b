import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { setDelivery, setFollowing } from '../notifications/inbox.server'

import { CLAIM_ANSWER_MAX, claimAnswerProblem, UNANSWERED_CLAIM_DAYS } from './claim-answer'
import {
  answerClaim,
  getUnansweredClaims,
  listClaimAnswers,
  listClaimsToAnswer,
  replyToClaim,
} from './claim-answer.server'
import { claimStarterProject, endClaim } from './claim.server'
import { claimedProject, noticesOf, refusedLeavingThread } from './test-fixtures'

const getDb = setupTestDatabase()

const DAY_MS = 86_400_000

test('a mentor’s answer is stored as plain text and its claimant is told, with its start', async () => {
  const { db, mentor, newcomer, projectId, claim } = await claimedProject(getDb())
  const id = await answerClaim(
    projectId,
    claim.id,
    { ...mentor, isMaintainer: false },
    { message: '  Welcome!\r\nStart with the vnetif tests.  ' },
    db,
  )
  expect(await listClaimAnswers(projectId, db)).toEqual([
    expect.objectContaining({
      id,
      claim_id: claim.id,
      login: 'mo',
      // Trimmed, with the form's CR LF made one line break.
      message: 'Welcome!\nStart with the vnetif tests.',
      is_demo: false,
    }),
  ])
  expect(await noticesOf(getDb(), newcomer.id)).toEqual([
    {
      title: 'mo answered your claim on “TCP tests”: “Welcome! Start with the vnetif tests.”',
      link: `/starter/${projectId}#claims-heading`,
      event_key: `claim-answered:${id}`,
      is_demo_action: false,
    },
  ])
  // Only the claimant: the mentor who wrote it is not told of her own answer.
  expect(await noticesOf(getDb(), mentor.id)).toEqual([])
})

test('answering a claim reads the answerer’s own notices of it (each claiming, each reply), nobody else’s', async () => {
  const db = getDb()
  const [mo, lee, fay, nia] = [
    await createGitHubAccount(db, 'mo'),
    await createGitHubAccount(db, 'lee'),
    await createGitHubAccount(db, 'fay'),
    await createGitHubAccount(db, 'nia'),
  ]
  const projectId = await createProject(db, { title: 'TCP tests', mentors: ['@mo', '@lee'] })
  const other = await createProject(db, { title: 'DNS docs', mentors: ['@mo'] })
  await setFollowing(fay.id, { type: 'project', id: projectId }, true, db)
  const claim = await claimStarterProject(projectId, nia, db)
  // Lapsed, then claimed again: a second "is working on" notice for the same claim.
  await db
    .updateTable('starter_claim')
    .set({ expires_at: new Date(Date.now() - DAY_MS) })
    .where('id', '=', claim.id)
    .execute()
  await claimStarterProject(projectId, nia, db)
  const otherClaim = await claimStarterProject(other, nia, db)
  const unread = async (accountId: number) =>
    (
      await db
        .selectFrom('notification')
        .select('event_key')
        .where('account_id', '=', accountId)
        .where('read_at', 'is', null)
        .orderBy('id')
        .execute()
    ).map((row) => row.event_key.replace(/:\d{10,}$/, ':<time>'))
  expect(await unread(mo.id)).toEqual([
    `project-claimed:${claim.id}:<time>`,
    `project-claimed:${claim.id}:<time>`,
    `project-claimed:${otherClaim.id}:<time>`,
  ])

  await answerClaim(projectId, claim.id, { ...mo, isMaintainer: false }, { message: 'Hi' }, db)
  // Hers about this claim are read; the other project's claim still waits for her.
  expect(await unread(mo.id)).toEqual([`project-claimed:${otherClaim.id}:<time>`])
  // The other mentor and the follower have not read it: news to them still.
  expect(await unread(lee.id)).toHaveLength(2)
  expect(await unread(fay.id)).toHaveLength(2)

  // The claimant replies: the reply's notice is read once she answers it.
  const replyId = await replyToClaim(projectId, claim.id, nia, { message: 'Thanks!' }, db)
  expect(await unread(mo.id)).toEqual([
    `project-claimed:${otherClaim.id}:<time>`,
    `claim-replied:${replyId}`,
  ])
  await answerClaim(projectId, claim.id, { ...mo, isMaintainer: false }, { message: null }, db)
  expect(await unread(mo.id)).toEqual([`project-claimed:${otherClaim.id}:<time>`])
  // A refused answer reads nothing.
  await refusedLeavingThread(
    getDb(),
    () => answerClaim(other, otherClaim.id, { ...fay, isMaintainer: false }, { message: 'Hi' }, db),
    403,
    /^Only this project’s mentors/,
  )
  expect(await unread(mo.id)).toEqual([`project-claimed:${otherClaim.id}:<time>`])
})

test('acknowledging says "seen" with no words; a maintainer who is no mentor may answer too', async () => {
  const { db, newcomer, maintainer, projectId, claim } = await claimedProject(getDb())
  await answerClaim(
    projectId,
    claim.id,
    { ...maintainer, isMaintainer: true },
    { message: null },
    db,
  )
  expect(await listClaimAnswers(projectId, db)).toEqual([
    expect.objectContaining({ login: 'max', message: null, is_demo: true }),
  ])
  // A demo person's answer is a demo action, in the notice too.
  expect(await noticesOf(getDb(), newcomer.id)).toEqual([
    expect.objectContaining({
      title: 'max (demo person) saw your claim on “TCP tests”',
      is_demo_action: true,
    }),
  ])
})

test('the answer reaches its claimant even if she unfollowed the project; her settings still rule', async () => {
  const { db, mentor, newcomer, maintainer, projectId, claim } = await claimedProject(getDb())
  await setFollowing(newcomer.id, { type: 'project', id: projectId }, false, db)
  await answerClaim(projectId, claim.id, { ...mentor, isMaintainer: false }, { message: 'Hi' }, db)
  expect(await noticesOf(getDb(), newcomer.id)).toHaveLength(1)
  await setDelivery(newcomer.id, 'claim_answered', 'off', db)
  await answerClaim(
    projectId,
    claim.id,
    { ...maintainer, isMaintainer: true },
    { message: null },
    db,
  )
  expect(await noticesOf(getDb(), newcomer.id)).toHaveLength(1)
  expect(await listClaimAnswers(projectId, db)).toHaveLength(2)
})

test('hostile or empty text is refused with 400 and nothing is written', async () => {
  const { db, mentor, projectId, claim } = await claimedProject(getDb())
  const as = { ...mentor, isMaintainer: false }
  const answer = (message: string) => () => answerClaim(projectId, claim.id, as, { message }, db)
  await refusedLeavingThread(getDb(), answer(''), 400, /Write a few words/)
  await refusedLeavingThread(getDb(), answer(' \n\t '), 400, /Write a few words/)
  await refusedLeavingThread(
    getDb(),
    answer('x'.repeat(CLAIM_ANSWER_MAX + 1)),
    400,
    /at most 500 characters \(it has 501\)/,
  )
  await refusedLeavingThread(getDb(), answer('hello\u0000world'), 400, /control character/)
  await refusedLeavingThread(getDb(), answer('bell\u0007'), 400, /control character/)
  // Exactly the limit, counted in characters (an emoji is one), is fine.
  await answerClaim(projectId, claim.id, as, { message: '🐫'.repeat(CLAIM_ANSWER_MAX) }, db)
  expect((await listClaimAnswers(projectId, db))[0]?.message).toHaveLength(CLAIM_ANSWER_MAX * 2)
})

test('someone who is neither a mentor nor a maintainer, or the claimant herself, gets a 403', async () => {
  const { db, newcomer, projectId, claim } = await claimedProject(getDb())
  const stranger = await createGitHubAccount(db, 'eve')
  await refusedLeavingThread(
    getDb(),
    () =>
      answerClaim(projectId, claim.id, { ...stranger, isMaintainer: false }, { message: 'Hi' }, db),
    403,
    /Only this project’s mentors or a maintainer/,
  )
  // Mentor of another project: still not this one's.
  await createProject(db, { mentors: ['@eve'] })
  await refusedLeavingThread(
    getDb(),
    () =>
      answerClaim(projectId, claim.id, { ...stranger, isMaintainer: false }, { message: null }, db),
    403,
    /Only this project’s mentors/,
  )
  await refusedLeavingThread(
    getDb(),
    () =>
      answerClaim(projectId, claim.id, { ...newcomer, isMaintainer: true }, { message: 'Me' }, db),
    403,
    /your own claim/,
  )
})

test('an unknown claim, or one on another project, is a 404; an ended or already answered one a 409', async () => {
  const { db, mentor, newcomer, projectId, claim } = await claimedProject(getDb())
  const as = { ...mentor, isMaintainer: false }
  const otherProject = await createProject(db, { mentors: ['@mo'] })
  await refusedLeavingThread(
    getDb(),
    () => answerClaim(projectId, 999999, as, { message: 'Hi' }, db),
    404,
    /no such claim/,
  )
  await refusedLeavingThread(
    getDb(),
    () => answerClaim(otherProject, claim.id, as, { message: 'Hi' }, db),
    404,
    /no such/,
  )
  await answerClaim(projectId, claim.id, as, { message: 'Hi' }, db)
  await refusedLeavingThread(
    getDb(),
    () => answerClaim(projectId, claim.id, as, { message: null }, db),
    409,
    /already answered/,
  )
  const other = await claimStarterProject(otherProject, newcomer, db)
  await endClaim(otherProject, other.id, newcomer, 'abandoned', db)
  await refusedLeavingThread(
    getDb(),
    () => answerClaim(otherProject, other.id, as, { message: 'Hi' }, db),
    409,
    /ended/,
  )
})

test('two answers by one person at once: one is stored, the other refused with 409', async () => {
  const { db, mentor, projectId, claim } = await claimedProject(getDb())
  const as = { ...mentor, isMaintainer: false }
  const results = await Promise.allSettled([
    answerClaim(projectId, claim.id, as, { message: 'One' }, db),
    answerClaim(projectId, claim.id, as, { message: 'Two' }, db),
  ])
  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
  expect(results.find((result) => result.status === 'rejected')).toMatchObject({
    reason: { status: 409 },
  })
  expect(await listClaimAnswers(projectId, db)).toHaveLength(1)
})

test('a mentor’s queue: running, unanswered claims on her projects, not once answered or lapsed', async () => {
  const { db, mentor, maintainer, projectId, claim } = await claimedProject(getDb())
  const elsewhere = await createProject(db, { title: 'Not hers' })
  await claimStarterProject(elsewhere, await createGitHubAccount(db, 'ola'), db)
  const now = new Date(claim.claimed_at.getTime() + 3 * DAY_MS)
  expect(await listClaimsToAnswer(mentor.id, 10, db, now)).toEqual([
    expect.objectContaining({
      id: claim.id,
      project_id: projectId,
      title: 'TCP tests',
      login: 'nia',
      waiting_days: 3,
    }),
  ])
  // Lapsed by then: nobody is on it to welcome.
  const afterLapse = new Date(claim.expires_at.getTime() + DAY_MS)
  expect(await listClaimsToAnswer(mentor.id, 10, db, afterLapse)).toEqual([])
  // Answered by anyone (here a maintainer): it waits for nobody.
  await answerClaim(
    projectId,
    claim.id,
    { ...maintainer, isMaintainer: true },
    { message: null },
    db,
  )
  expect(await listClaimsToAnswer(mentor.id, 10, db, now)).toEqual([])
})

test(`maintainers see claims nobody answered for ${UNANSWERED_CLAIM_DAYS} days, on an injected clock`, async () => {
  const { db, mentor, projectId, claim } = await claimedProject(getDb())
  const demoClaimant = await createAccount(db, 'demo-rin')
  const demoProject = await createProject(db, { title: 'Demo one' })
  const demoClaim = await claimStarterProject(demoProject, demoClaimant, db)
  // Same start for both, so the rule is read at exact day boundaries.
  await db
    .updateTable('starter_claim')
    .set({ claimed_at: claim.claimed_at })
    .where('id', '=', demoClaim.id)
    .execute()
  const at = (days: number) => new Date(claim.claimed_at.getTime() + days * DAY_MS)
  const justUnder = new Date(at(UNANSWERED_CLAIM_DAYS).getTime() - 1000)
  expect(await getUnansweredClaims(3, db, { now: justUnder })).toMatchObject({ count: 0 })
  expect(await getUnansweredClaims(3, db, { now: at(UNANSWERED_CLAIM_DAYS) })).toEqual({
    count: 2,
    demo: 1,
    oldestDays: UNANSWERED_CLAIM_DAYS,
    projectCount: 2,
    projects: [
      { id: projectId, title: 'TCP tests' },
      { id: demoProject, title: 'Demo one' },
    ],
  })
  await answerClaim(projectId, claim.id, { ...mentor, isMaintainer: false }, { message: 'Hi' }, db)
  expect(await getUnansweredClaims(3, db, { now: at(10) })).toMatchObject({
    count: 1,
    demo: 1,
    oldestDays: 10,
  })
  // The database's own clock, when none is injected: nothing has waited a week yet.
  expect(await getUnansweredClaims(3, db)).toMatchObject({ count: 0 })
})

test('the database refuses what the rules refuse, whoever writes', async () => {
  const { db, mentor, projectId, claim } = await claimedProject(getDb())
  const row = { claim_id: claim.id, project_id: projectId, author_id: mentor.id }
  for (const message of ['', 'x'.repeat(CLAIM_ANSWER_MAX + 1)]) {
    await expect(
      db
        .insertInto('claim_answer')
        .values({ ...row, message })
        .execute(),
    ).rejects.toThrow(/claim_answer_message_check/)
  }
  expect(await sql`select count(*)::int as n from claim_answer`.execute(db)).toMatchObject({
    rows: [{ n: 0 }],
  })
})

test('claimAnswerProblem: the words the form shows', () => {
  expect(claimAnswerProblem('Welcome!\n\tStart here.')).toBeNull()
  expect(claimAnswerProblem('')).toMatch(/Acknowledge/)
})
