import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { setDelivery, setFollowing } from '../notifications/inbox.server'

import { CLAIM_ANSWER_MAX, claimReplyProblem } from './claim-answer'
import {
  answerClaim,
  firstAnswerOf,
  getUnansweredClaims,
  listClaimAnswers,
  listClaimsToAnswer,
  replyToClaim,
} from './claim-answer.server'
import { claimStarterProject, endClaim } from './claim.server'
import { claimedProject, noticesOf, refusedLeavingThread } from './test-fixtures'

// The claimant's side of the thread on a claim: her replies to the answers, who is told, and
// the mentors' answers after a reply. The answers themselves: claim-answer.server.test.ts.

const getDb = setupTestDatabase()

const DAY_MS = 86_400_000

/** Claimed and answered by Mo: something to reply to. */
async function answeredClaim() {
  const setup = await claimedProject(getDb())
  const asMentor = { ...setup.mentor, isMaintainer: false }
  await answerClaim(
    setup.projectId,
    setup.claim.id,
    asMentor,
    { message: 'Welcome! Start with the vnetif tests.' },
    setup.db,
  )
  return { ...setup, asMentor }
}

test('the claimant’s reply is stored after the answer and the mentor who answered is told', async () => {
  const { db, mentor, newcomer, projectId, claim } = await answeredClaim()
  const id = await replyToClaim(
    projectId,
    claim.id,
    newcomer,
    { message: '  Thanks!\r\nWhere are the tests?  ' },
    db,
  )
  expect(await listClaimAnswers(projectId, db)).toEqual([
    expect.objectContaining({ login: 'mo', by_claimant: false, round: 0 }),
    expect.objectContaining({
      id,
      login: 'nia',
      // Trimmed, with the form's CR LF made one line break, as an answer is.
      message: 'Thanks!\nWhere are the tests?',
      by_claimant: true,
      round: 1,
      is_demo: false,
    }),
  ])
  expect(await noticesOf(getDb(), mentor.id, 'claim_replied')).toEqual([
    {
      title: 'nia replied to your answer on “TCP tests”: “Thanks! Where are the tests?”',
      link: `/starter/${projectId}#claims-heading`,
      event_key: `claim-replied:${id}`,
      is_demo_action: false,
    },
  ])
  // Not herself.
  expect(await noticesOf(getDb(), newcomer.id, 'claim_replied')).toEqual([])
})

test('after her reply the mentor answers again, and she is told; then she may reply again', async () => {
  const { db, newcomer, projectId, claim, asMentor } = await answeredClaim()
  await replyToClaim(projectId, claim.id, newcomer, { message: 'Where?' }, db)
  const again = await answerClaim(projectId, claim.id, asMentor, { message: 'In test/vnetif.' }, db)
  await refusedLeavingThread(
    getDb(),
    () => answerClaim(projectId, claim.id, asMentor, { message: 'And…' }, db),
    409,
    /already answered their last reply/,
  )
  expect(await noticesOf(getDb(), newcomer.id, 'claim_answered')).toEqual([
    expect.objectContaining({ event_key: expect.any(String) }),
    expect.objectContaining({
      title: 'mo answered your claim on “TCP tests”: “In test/vnetif.”',
      event_key: `claim-answered:${again}`,
    }),
  ])
  await replyToClaim(projectId, claim.id, newcomer, { message: 'Found them, thanks.' }, db)
  expect(
    (await listClaimAnswers(projectId, db)).map((row) => [row.login, row.message, row.round]),
  ).toEqual([
    ['mo', 'Welcome! Start with the vnetif tests.', 0],
    ['nia', 'Where?', 1],
    ['mo', 'In test/vnetif.', 1],
    ['nia', 'Found them, thanks.', 2],
  ])
})

test('acknowledging her reply tells her the reply was seen', async () => {
  const { db, newcomer, maintainer, projectId, claim } = await answeredClaim()
  await replyToClaim(projectId, claim.id, newcomer, { message: 'Where?' }, db)
  await answerClaim(
    projectId,
    claim.id,
    { ...maintainer, isMaintainer: true },
    { message: null },
    db,
  )
  expect((await noticesOf(getDb(), newcomer.id, 'claim_answered')).at(-1)).toMatchObject({
    title: 'max (demo person) saw your reply on “TCP tests”',
    is_demo_action: true,
  })
})

test('everyone who answered is told; a demo reply is a demo action; settings rule, unfollows do not', async () => {
  const db = getDb()
  const mentor = await createGitHubAccount(db, 'mo')
  const maintainer = await createAccount(db, 'max', 'maintainer')
  const demoNewcomer = await createAccount(db, 'demo-rin')
  const projectId = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const claim = await claimStarterProject(projectId, demoNewcomer, db)
  await answerClaim(projectId, claim.id, { ...mentor, isMaintainer: false }, { message: 'Hi' }, db)
  await answerClaim(
    projectId,
    claim.id,
    { ...maintainer, isMaintainer: true },
    { message: null },
    db,
  )
  await setFollowing(mentor.id, { type: 'project', id: projectId }, false, db)
  await setDelivery(maintainer.id, 'claim_replied', 'off', db)
  await replyToClaim(projectId, claim.id, demoNewcomer, { message: 'Hello both' }, db)
  expect(await noticesOf(getDb(), mentor.id, 'claim_replied')).toEqual([
    expect.objectContaining({ is_demo_action: true }),
  ])
  expect(await noticesOf(getDb(), maintainer.id, 'claim_replied')).toEqual([])
  expect((await listClaimAnswers(projectId, db)).at(-1)).toMatchObject({
    by_claimant: true,
    is_demo: true,
  })
})

test('bad text is a 400 and writes nothing: empty, too long, control characters', async () => {
  const { db, newcomer, projectId, claim } = await answeredClaim()
  const reply = (message: string) => () =>
    replyToClaim(projectId, claim.id, newcomer, { message }, db)
  await refusedLeavingThread(getDb(), reply('   \n '), 400, /Write a few words to reply/)
  await refusedLeavingThread(
    getDb(),
    reply('x'.repeat(CLAIM_ANSWER_MAX + 1)),
    400,
    /at most 500 characters \(it has 501\)/,
  )
  await refusedLeavingThread(getDb(), reply('Hi\u0000there'), 400, /control character/)
  // The limit counts characters, not UTF-16 units.
  await replyToClaim(projectId, claim.id, newcomer, { message: '🐫'.repeat(CLAIM_ANSWER_MAX) }, db)
})

test('only the claimant replies (403); an unknown claim is a 404', async () => {
  const { db, mentor, maintainer, projectId, claim } = await answeredClaim()
  for (const person of [mentor, maintainer]) {
    await refusedLeavingThread(
      getDb(),
      () => replyToClaim(projectId, claim.id, person, { message: 'Hi' }, db),
      403,
      /Only the person who claimed it/,
    )
  }
  const otherProject = await createProject(db, {})
  await refusedLeavingThread(
    getDb(),
    () => replyToClaim(otherProject, claim.id, mentor, { message: 'Hi' }, db),
    404,
    /no such claim/,
  )
})

test('nothing to reply to is a 409: no answer yet, an ended claim, her reply not yet answered', async () => {
  const { db, newcomer, projectId, claim, asMentor } = await claimedProject(getDb()).then(
    async (setup) => ({ ...setup, asMentor: { ...setup.mentor, isMaintainer: false } }),
  )
  await refusedLeavingThread(
    getDb(),
    () => replyToClaim(projectId, claim.id, newcomer, { message: 'Hello?' }, db),
    409,
    /Nobody has answered your claim yet/,
  )
  await answerClaim(projectId, claim.id, asMentor, { message: 'Hi' }, db)
  await replyToClaim(projectId, claim.id, newcomer, { message: 'Hello!' }, db)
  await refusedLeavingThread(
    getDb(),
    () => replyToClaim(projectId, claim.id, newcomer, { message: 'Hello!' }, db),
    409,
    /You already replied .*once someone answers/,
  )
  await answerClaim(projectId, claim.id, asMentor, { message: 'Yes?' }, db)
  await endClaim(projectId, claim.id, newcomer, 'abandoned', db)
  await refusedLeavingThread(
    getDb(),
    () => replyToClaim(projectId, claim.id, newcomer, { message: 'Bye' }, db),
    409,
    /ended on .*nothing to reply to/,
  )
})

test('the same reply sent twice at once is stored once; the other is refused with 409', async () => {
  const { db, newcomer, projectId, claim } = await answeredClaim()
  const results = await Promise.allSettled([
    replyToClaim(projectId, claim.id, newcomer, { message: 'Thanks' }, db),
    replyToClaim(projectId, claim.id, newcomer, { message: 'Thanks' }, db),
  ])
  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
  expect(results.find((result) => result.status === 'rejected')).toMatchObject({
    reason: { status: 409 },
  })
  expect(await listClaimAnswers(projectId, db)).toHaveLength(2)
})

test('a reply puts the claim in no queue, and "answered" stays the first answer', async () => {
  const { db, mentor, newcomer, projectId, claim } = await answeredClaim()
  const [first] = await listClaimAnswers(projectId, db)
  await replyToClaim(projectId, claim.id, newcomer, { message: 'Where?' }, db)
  const later = new Date(claim.claimed_at.getTime() + 10 * DAY_MS)
  expect(await listClaimsToAnswer(mentor.id, 10, db, later)).toEqual([])
  expect(await getUnansweredClaims(3, db, { now: later })).toMatchObject({ count: 0 })
  const { first_answer } = await db
    .selectFrom('starter_claim as c')
    .select((eb) => firstAnswerOf(eb.ref('c.id')).as('first_answer'))
    .where('c.id', '=', claim.id)
    .executeTakeFirstOrThrow()
  expect(new Date(first_answer!.at)).toEqual(first!.created_at)
})

test('the database refuses a reply without words, a reply before any answer, and a second in a round', async () => {
  const { db, newcomer, projectId, claim } = await answeredClaim()
  const reply = { claim_id: claim.id, project_id: projectId, author_id: newcomer.id }
  await expect(
    db
      .insertInto('claim_answer')
      .values({ ...reply, message: null, by_claimant: true, round: 1 })
      .execute(),
  ).rejects.toThrow(/claim_answer_reply_check/)
  await expect(
    db
      .insertInto('claim_answer')
      .values({ ...reply, message: 'Hi', by_claimant: true, round: 0 })
      .execute(),
  ).rejects.toThrow(/claim_answer_reply_check/)
  for (const message of ['', 'x'.repeat(CLAIM_ANSWER_MAX + 1)]) {
    await expect(
      db
        .insertInto('claim_answer')
        .values({ ...reply, message, by_claimant: true, round: 1 })
        .execute(),
    ).rejects.toThrow(/claim_answer_message_check/)
  }
  await db
    .insertInto('claim_answer')
    .values({ ...reply, message: 'Hi', by_claimant: true, round: 1 })
    .execute()
  await expect(
    db
      .insertInto('claim_answer')
      .values({ ...reply, message: 'Hi again', by_claimant: true, round: 1 })
      .execute(),
  ).rejects.toThrow(/claim_answer_claim_author_round_key/)
  expect(
    await sql`select count(*)::int as n from claim_answer where by_claimant`.execute(db),
  ).toMatchObject({ rows: [{ n: 1 }] })
})

test('claimReplyProblem: the words the form shows', () => {
  expect(claimReplyProblem('Thanks!\n\tWhere?')).toBeNull()
  expect(claimReplyProblem(' ')).toBe('Write a few words to reply.')
  expect(claimReplyProblem('\u007f')).toMatch(/Your reply contains a control character/)
})
