import { sql } from 'kysely'
import { expect, test } from 'vitest'

import type { Stars, TimeTaken } from '../../db/schema'
import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { listFollows, listNotifications, setFollowing } from '../notifications/inbox.server'

import type { ClaimFeedbackInput } from './claim-feedback'
import {
  claimStarterProject,
  endClaim,
  listClaimsAwaitingFeedback,
  listEndedClaims,
  listUnendedClaims,
  releaseClaim,
  renewClaim,
  submitClaimFeedback,
} from './claim.server'
import { getStarterProject } from './project.server'

const getDb = setupTestDatabase()

const DAY_MS = 86_400_000

/** Everything a refused request must leave as it was. */
async function snapshot() {
  const db = getDb()
  return {
    claims: await db.selectFrom('starter_claim').selectAll().orderBy('id').execute(),
    feedback: await db.selectFrom('claim_feedback').selectAll().orderBy('claim_id').execute(),
    projects: await db
      .selectFrom('starter_project')
      .select(['id', 'status', 'updated_at'])
      .orderBy('id')
      .execute(),
  }
}

/** Refusals are checked against a snapshot taken before the call starts. */
async function refused(call: () => Promise<unknown>, status: number, message: RegExp) {
  const before = await snapshot()
  await expect(call()).rejects.toMatchObject({ status, message: expect.stringMatching(message) })
  expect(await snapshot()).toEqual(before)
}

async function lapse(claimId: number) {
  await getDb()
    .updateTable('starter_claim')
    .set({ expires_at: sql<Date>`now() - interval '1 day'` })
    .where('id', '=', claimId)
    .execute()
}

/** Moves a running claim's end to `hours` from the database's now (its clock, as the rules ask). */
async function endsIn(claimId: number, hours: number) {
  await getDb()
    .updateTable('starter_claim')
    .set({ expires_at: sql<Date>`now() + make_interval(hours => ${hours})` })
    .where('id', '=', claimId)
    .execute()
}

const feedback = (overrides: Partial<ClaimFeedbackInput> = {}): ClaimFeedbackInput => ({
  languageStars: 2,
  domainStars: 1,
  timeTaken: 'week',
  note: '',
  ...overrides,
})

test('a claim is visible with its date and expires CLAIM_DAYS later', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb(), 30)
  expect(claim.expires_at.getTime() - claim.claimed_at.getTime()).toBe(30 * DAY_MS)

  const project = await getStarterProject(id, getDb())
  expect(project?.claims.map((c) => c.login)).toEqual(['ana'])
  const [unended] = await listUnendedClaims(id, getDb(), 30)
  expect(unended).toMatchObject({ login: 'ana', is_running: true, is_stale: false })
})

test('a one-person project refuses a second claimant, naming who works on it', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'week' })
  await claimStarterProject(id, ana, getDb())
  await refused(() => claimStarterProject(id, ben, getDb()), 409, /ana is already working/)
})

test('an elastic project takes several people, each once', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'elastic' })
  await claimStarterProject(id, ana, getDb())
  await claimStarterProject(id, ben, getDb())
  expect((await listUnendedClaims(id, getDb())).map((c) => c.login)).toEqual(['ana', 'ben'])
  await refused(() => claimStarterProject(id, ana, getDb()), 409, /already working/)
})

test('claiming twice is refused and changes nothing', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  await claimStarterProject(id, ana, getDb())
  await refused(() => claimStarterProject(id, ana, getDb()), 409, /You are already working/)
})

test('done, inactive and unknown projects cannot be claimed', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const done = await createProject(getDb(), { status: 'done' })
  const inactive = await createProject(getDb(), { status: 'inactive' })
  await refused(() => claimStarterProject(done, ana, getDb()), 409, /is done/)
  await refused(() => claimStarterProject(inactive, ana, getDb()), 409, /is inactive/)
  await refused(() => claimStarterProject(999_999, ana, getDb()), 404, /no such starter project/)
})

test('a mentor does not claim the project she mentors, maintainer or not; nothing is written', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const ben = await createAccount(db, 'ben', 'maintainer')
  const id = await createProject(db, { size: 'elastic', mentors: ['cam', 'dana'] })
  const before = await snapshot()
  for (const mentor of [cam, dana]) {
    await refused(
      () => claimStarterProject(id, mentor, db),
      409,
      /^You mentor this project, so you answer whoever works on it rather than claim it\./,
    )
  }
  expect(await snapshot()).toEqual(before)
  expect(await db.selectFrom('notification').select('id').execute()).toEqual([])
  // A maintainer who does not mentor it claims it like anyone.
  await claimStarterProject(id, ben, db)
  expect((await listUnendedClaims(id, db)).map((claim) => claim.login)).toEqual(['ben'])
})

test('two people claiming a one-person project at once: exactly one wins', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'day' })
  const results = await Promise.allSettled([
    claimStarterProject(id, ana, getDb()),
    claimStarterProject(id, ben, getDb()),
  ])
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  const [rejected] = results.filter((r) => r.status === 'rejected')
  expect(rejected?.reason).toMatchObject({ status: 409 })
  expect(await listUnendedClaims(id, getDb())).toHaveLength(1)
})

test('the same person claiming twice at once gets one claim', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { size: 'elastic' })
  const results = await Promise.allSettled([
    claimStarterProject(id, ana, getDb()),
    claimStarterProject(id, ana, getDb()),
  ])
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
  expect(await listUnendedClaims(id, getDb())).toHaveLength(1)
})

test('a lapsed claim frees a one-person project; its holder coming back renews it', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb())
  const first = await claimStarterProject(id, ana, getDb())
  await lapse(first.id)
  expect((await getStarterProject(id, getDb()))?.claims).toEqual([])

  const again = await claimStarterProject(id, ana, getDb(), 30)
  expect(again.id).toBe(first.id)
  expect(again.claimed_at).toEqual(first.claimed_at)
  expect(again.renewed_at).not.toBeNull()
  expect(again.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS)

  await lapse(first.id)
  const bens = await claimStarterProject(id, ben, getDb())
  expect(bens.id).not.toBe(first.id)
  // Ana's lapsed claim stays until she ends it or a maintainer releases it.
  expect((await listUnendedClaims(id, getDb())).map((c) => [c.login, c.is_running])).toEqual([
    ['ana', false],
    ['ben', true],
  ])
  await refused(() => claimStarterProject(id, ana, getDb()), 409, /ben is already working/)
})

test('renewing pushes one’s own running claim to CLAIM_DAYS from now', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb(), 5)
  await endsIn(claim.id, 2 * 24)
  const expires = await renewClaim(id, claim.id, ana, getDb(), 30)
  expect(expires.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS)
  const [renewed] = await listUnendedClaims(id, getDb())
  expect(renewed?.renewed_at).not.toBeNull()
  expect(renewed?.expires_at).toEqual(expires)
})

test('renewing is refused until the claim’s last 3 days, saying until when it holds', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb(), 30)
  const [fresh] = await listUnendedClaims(id, getDb())
  expect(fresh).toMatchObject({ is_running: true, is_renewable: false })
  await refused(
    () => renewClaim(id, claim.id, ana, getDb(), 30),
    409,
    /^Your claim already runs until .+: you can renew it in its last 3 days, from /,
  )

  // Just outside the window, still refused; just inside, renewed.
  await endsIn(claim.id, 3 * 24 + 1)
  await refused(() => renewClaim(id, claim.id, ana, getDb(), 30), 409, /already runs until/)
  await endsIn(claim.id, 3 * 24 - 1)
  const [ending] = await listUnendedClaims(id, getDb())
  expect(ending).toMatchObject({ is_running: true, is_renewable: true })
  const expires = await renewClaim(id, claim.id, ana, getDb(), 30)
  expect(expires.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS)
  // Renewed, it is a fresh term: renewing again at once is refused too.
  await refused(() => renewClaim(id, claim.id, ana, getDb(), 30), 409, /already runs until/)
})

test('renewing someone else’s, an ended, a lapsed or an unknown claim is refused', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'elastic' })
  const other = await createProject(getDb())
  const anas = await claimStarterProject(id, ana, getDb())
  await refused(() => renewClaim(id, anas.id, ben, getDb()), 403, /your own claim/)
  await refused(() => renewClaim(other, anas.id, ana, getDb()), 404, /no such claim/)

  const bens = await claimStarterProject(id, ben, getDb())
  await lapse(bens.id)
  await refused(() => renewClaim(id, bens.id, ben, getDb()), 409, /lapsed/)

  await endClaim(id, anas.id, ana, 'abandoned', getDb())
  await refused(() => renewClaim(id, anas.id, ana, getDb()), 409, /ended/)
})

test('finishing a one-person project marks it done; stopping leaves it open', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const finished = await createProject(getDb(), { size: 'week' })
  const stopped = await createProject(getDb(), { size: 'week' })
  const a = await claimStarterProject(finished, ana, getDb())
  const b = await claimStarterProject(stopped, ana, getDb())
  expect(await endClaim(finished, a.id, ana, 'done', getDb())).toEqual({
    projectDone: true,
    followsIssue: false,
    othersWorking: 0,
  })
  await endClaim(stopped, b.id, ana, 'abandoned', getDb())
  expect((await getStarterProject(finished, getDb()))?.status).toBe('done')
  expect((await getStarterProject(stopped, getDb()))?.status).toBe('open')
  expect((await listEndedClaims(stopped, getDb())).map((c) => [c.login, c.outcome])).toEqual([
    ['ana', 'abandoned'],
  ])
})

test('finishing an elastic project leaves it open for the others', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { size: 'elastic' })
  const claim = await claimStarterProject(id, ana, getDb())
  expect((await endClaim(id, claim.id, ana, 'done', getDb())).projectDone).toBe(false)
  expect((await getStarterProject(id, getDb()))?.status).toBe('open')
})

test('finishing a project attached to an issue leaves its status to the issue', async () => {
  const repo = repositoryPayload('mirage/mirage-tcpip')
  await mirror(getDb(), repo, [issuePayload(repo.full_name, 7)])
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb(), { issue: 'mirage/mirage-tcpip#7' })
  const claim = await claimStarterProject(id, ana, getDb())
  expect(await endClaim(id, claim.id, ana, 'done', getDb())).toEqual({
    projectDone: false,
    followsIssue: true,
    othersWorking: 0,
  })
  expect((await getStarterProject(id, getDb()))?.status).toBe('open')
})

test('only the holder ends a claim, once; a lapsed claim can still be ended', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb())
  await refused(() => endClaim(id, claim.id, ben, 'abandoned', getDb()), 403, /your own claim/)
  await lapse(claim.id)
  await endClaim(id, claim.id, ana, 'abandoned', getDb())
  await refused(() => endClaim(id, claim.id, ana, 'done', getDb()), 409, /already ended/)
})

test('a maintainer releases a stale claim at once, and an active one only when confirmed', async () => {
  const [ana, ben, mia] = [
    await createAccount(getDb(), 'ana'),
    await createAccount(getDb(), 'ben'),
    await createAccount(getDb(), 'mia', 'maintainer'),
  ]
  const id = await createProject(getDb(), { size: 'elastic' })
  const lapsed = await claimStarterProject(id, ana, getDb())
  await lapse(lapsed.id)
  expect(await releaseClaim(id, lapsed.id, mia, { confirmed: false }, getDb())).toEqual({
    wasStale: true,
  })

  const active = await claimStarterProject(id, ben, getDb())
  await refused(
    () => releaseClaim(id, active.id, mia, { confirmed: false }, getDb()),
    409,
    /still active.*confirm/,
  )
  expect(await releaseClaim(id, active.id, mia, { confirmed: true }, getDb())).toEqual({
    wasStale: false,
  })
  const ended = await getDb()
    .selectFrom('starter_claim')
    .select(['id', 'outcome', 'ended_by'])
    .orderBy('id')
    .execute()
  expect(ended).toEqual([
    { id: lapsed.id, outcome: 'released', ended_by: mia.id },
    { id: active.id, outcome: 'released', ended_by: mia.id },
  ])
  await refused(
    () => releaseClaim(id, active.id, mia, { confirmed: true }, getDb()),
    409,
    /already ended/,
  )
})

test('a claim made longer than CLAIM_DAYS ago without renewal is stale even if not lapsed', async () => {
  const [ana, mia] = [
    await createAccount(getDb(), 'ana'),
    await createAccount(getDb(), 'mia', 'maintainer'),
  ]
  const id = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb(), 30)
  await getDb()
    .updateTable('starter_claim')
    .set({ claimed_at: sql<Date>`now() - interval '20 days'` })
    .execute()
  // The setting was lowered to 14 days after the claim was made.
  expect((await listUnendedClaims(id, getDb(), 14))[0]).toMatchObject({
    is_running: true,
    is_stale: true,
  })
  expect((await listUnendedClaims(id, getDb(), 30))[0]?.is_stale).toBe(false)
  expect(await releaseClaim(id, claim.id, mia, { confirmed: false }, getDb(), 14)).toEqual({
    wasStale: true,
  })
})

test('after a claim ends its holder is asked for a report, and asked no more once given', async () => {
  const [ana, mia] = [
    await createAccount(getDb(), 'ana'),
    await createAccount(getDb(), 'mia', 'maintainer'),
  ]
  const id = await createProject(getDb(), { size: 'elastic' })
  const claim = await claimStarterProject(id, ana, getDb())
  expect(await listClaimsAwaitingFeedback(id, ana.id, getDb())).toEqual([])
  await lapse(claim.id)
  await releaseClaim(id, claim.id, mia, { confirmed: false }, getDb())
  expect((await listClaimsAwaitingFeedback(id, ana.id, getDb())).map((c) => c.id)).toEqual([
    claim.id,
  ])
  expect(await listClaimsAwaitingFeedback(id, mia.id, getDb())).toEqual([])

  await submitClaimFeedback(id, claim.id, ana, feedback({ note: '  hard going  ' }), getDb())
  expect(await listClaimsAwaitingFeedback(id, ana.id, getDb())).toEqual([])
  const [stored] = await getDb().selectFrom('claim_feedback').selectAll().execute()
  expect(stored).toMatchObject({ language_stars: 2, domain_stars: 1, note: 'hard going' })
})

test('contributors’ reports become the project’s perceived ratings', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb(), { size: 'elastic', languageStars: 1, domainStars: 2 })
  for (const [person, stars] of [
    [ana, 3],
    [ben, 2],
  ] as const) {
    const claim = await claimStarterProject(id, person, getDb())
    await endClaim(id, claim.id, person, 'done', getDb())
    await submitClaimFeedback(id, claim.id, person, feedback({ languageStars: stars }), getDb())
  }
  expect((await getStarterProject(id, getDb()))?.perceived).toEqual({
    languageStars: 2.5,
    domainStars: 1,
    reports: 2,
    demoReports: 2,
  })
})

/** The notices of reports far from the rating, by who got them. */
async function disagreeingReportNotices() {
  return getDb()
    .selectFrom('notification as n')
    .innerJoin('account as a', 'a.id', 'n.account_id')
    .select(['a.login', 'n.title', 'n.link', 'n.event_key', 'n.is_demo_action'])
    .where('n.kind', '=', 'report_disagrees')
    .orderBy('a.login')
    .execute()
}

/** Claims, finishes and reports on project `id` as `person`; returns the claim. */
async function reportOn(
  id: number,
  person: { id: number; login: string },
  report: Partial<ClaimFeedbackInput>,
) {
  const claim = await claimStarterProject(id, person, getDb())
  await endClaim(id, claim.id, person, 'done', getDb())
  await submitClaimFeedback(id, claim.id, person, feedback(report), getDb())
  return claim
}

test('a report far from the rating tells the maintainers and the project’s mentors with an account, once, never the reporter', async () => {
  const db = getDb()
  const nia = await createGitHubAccount(db, 'nia')
  await createGitHubAccount(db, 'mo')
  const fay = await createGitHubAccount(db, 'fay')
  await createAccount(db, 'mia', 'maintainer')
  await createAccount(db, 'kit', 'maintainer')
  const id = await createProject(db, {
    title: 'Window scaling',
    languageStars: 1,
    domainStars: 2,
    // mo by her account, kit both mentor and maintainer, and a name without an account.
    mentors: ['@mo', '@kit', 'Someone Else'],
  })
  // fay follows the project: a report is put to those who rate and guide it, not its followers.
  await db
    .insertInto('notification_follow')
    .values({ account_id: fay.id, subject_type: 'project', subject_id: id, following: true })
    .execute()
  const claim = await reportOn(id, nia, { languageStars: 3, domainStars: 2 })

  const title = 'nia found “Window scaling” harder than rated: OCaml 3★ met, rated 1★'
  const key = `report-disagrees:${claim.id}`
  // Maintainers land on the calibration page's entry (one report is listed there); a mentor who
  // is no maintainer on the report itself, the calibration page being the maintainers'.
  const entry = `/starter/calibration#drift-${id}-language`
  expect(await disagreeingReportNotices()).toEqual([
    { login: 'kit', title, link: entry, event_key: key, is_demo_action: false },
    { login: 'mia', title, link: entry, event_key: key, is_demo_action: false },
    {
      login: 'mo',
      title,
      link: `/starter/${id}#claim-${claim.id}`,
      event_key: key,
      is_demo_action: false,
    },
  ])
})

test('a demo person’s report far from the rating is a demo action, both ways at once named, and its maker not told', async () => {
  const db = getDb()
  await createAccount(db, 'mia', 'maintainer')
  const kit = await createAccount(db, 'kit', 'maintainer')
  const id = await createProject(db, { title: 'NAT', languageStars: 3, domainStars: 1 })
  // A maintainer may claim a project she does not mentor, and report on it.
  await reportOn(id, kit, { languageStars: 1, domainStars: 3 })
  expect(await disagreeingReportNotices()).toEqual([
    expect.objectContaining({
      login: 'mia',
      title:
        'kit (demo person) found “NAT” off its rating: OCaml easier (1★ met, rated 3★); Domain harder (3★ met, rated 1★)',
      is_demo_action: true,
    }),
  ])
})

test('a report that agrees, or meets an unrated axis, tells nobody; one far off while the average is not leads to the report', async () => {
  const db = getDb()
  const [ana, ben, cy] = [
    await createGitHubAccount(db, 'ana'),
    await createGitHubAccount(db, 'ben'),
    await createGitHubAccount(db, 'cy'),
  ]
  await createAccount(db, 'mia', 'maintainer')
  const id = await createProject(db, { size: 'elastic', languageStars: 1, domainStars: 1 })
  await reportOn(id, ana, { languageStars: 1, domainStars: 1 })
  await reportOn(id, ben, { languageStars: 1, domainStars: 1 })
  const unrated = await createProject(db, { languageStars: null, domainStars: 1 })
  await reportOn(unrated, cy, { languageStars: 3, domainStars: 1 })
  expect(await disagreeingReportNotices()).toEqual([])

  // 2★ against 1★ is the threshold away; the three reports' average (1.33★) is not, so the
  // calibration page does not list the project: the notice leads to the report.
  const claim = await reportOn(id, cy, { languageStars: 2, domainStars: 1 })
  expect(await disagreeingReportNotices()).toEqual([
    expect.objectContaining({ login: 'mia', link: `/starter/${id}#claim-${claim.id}` }),
  ])
})

test('feedback is refused from a non-holder, for a running claim, twice, or for no claim', async () => {
  const [ana, ben] = [await createAccount(getDb(), 'ana'), await createAccount(getDb(), 'ben')]
  const id = await createProject(getDb())
  const other = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb())
  await refused(() => submitClaimFeedback(id, claim.id, ana, feedback(), getDb()), 409, /running/)
  await endClaim(id, claim.id, ana, 'done', getDb())
  // Ben never claimed anything.
  await refused(
    () => submitClaimFeedback(id, claim.id, ben, feedback(), getDb()),
    403,
    /person who held/,
  )
  await refused(
    () => submitClaimFeedback(other, claim.id, ana, feedback(), getDb()),
    404,
    /no such claim/,
  )
  await refused(() => submitClaimFeedback(id, 999_999, ana, feedback(), getDb()), 404, /no such/)
  await submitClaimFeedback(id, claim.id, ana, feedback(), getDb())
  await refused(
    () => submitClaimFeedback(id, claim.id, ana, feedback(), getDb()),
    409,
    /already reported/,
  )
})

test('two report submissions at once store one', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb())
  await endClaim(id, claim.id, ana, 'abandoned', getDb())
  const results = await Promise.allSettled([
    submitClaimFeedback(id, claim.id, ana, feedback(), getDb()),
    submitClaimFeedback(id, claim.id, ana, feedback({ languageStars: 3 }), getDb()),
  ])
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
  expect(await getDb().selectFrom('claim_feedback').select('claim_id').execute()).toHaveLength(1)
})

test('stars outside 1-3, an unknown time or a long note are refused before anything is stored', async () => {
  const ana = await createAccount(getDb(), 'ana')
  const id = await createProject(getDb())
  const claim = await claimStarterProject(id, ana, getDb())
  await endClaim(id, claim.id, ana, 'done', getDb())
  const submit = (input: ClaimFeedbackInput) => () =>
    submitClaimFeedback(id, claim.id, ana, input, getDb())
  await refused(submit(feedback({ languageStars: 4 as Stars })), 400, /OCaml difficulty/)
  await refused(submit(feedback({ domainStars: 0 as Stars })), 400, /domain difficulty/)
  await refused(submit(feedback({ timeTaken: 'year' as TimeTaken })), 400, /time taken/)
  await refused(submit(feedback({ note: 'x'.repeat(1001) })), 400, /at most 1000/)
})

test('claiming a project follows it unless one chose already, so another’s claim on it reaches her', async () => {
  const db = getDb()
  const [ana, ben, cy] = [
    await createAccount(db, 'ana'),
    await createAccount(db, 'ben'),
    await createAccount(db, 'cy'),
  ]
  const id = await createProject(db, { title: 'Perf tests', size: 'elastic' })
  const follows = async (accountId: number) =>
    (await listFollows(accountId, db)).map((f) => [f.subject_type, f.subject_id, f.following])

  expect((await claimStarterProject(id, ana, db)).followed).toBe(true)
  expect(await follows(ana.id)).toEqual([['project', id, true]])
  await claimStarterProject(id, ben, db)
  const { items } = await listNotifications(ana.id, null, db)
  expect(items.map((item) => item.title)).toEqual([
    expect.stringContaining('ben (demo person) is working on “Perf tests”'),
  ])

  // One who unfollowed it before claiming stays unfollowed.
  await setFollowing(cy.id, { type: 'project', id }, false, db)
  expect((await claimStarterProject(id, cy, db)).followed).toBe(false)
  expect(await follows(cy.id)).toEqual([['project', id, false]])

  // A refused claim follows nothing.
  const done = await createProject(db, { status: 'done' })
  await refused(() => claimStarterProject(done, ben, db), 409, /is done/)
  expect(await follows(ben.id)).toEqual([['project', id, true]])
})
