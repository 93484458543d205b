import { sql } from 'kysely'
import { expect, test } from 'vitest'

import type { Stars } from '../../db/schema'
import { setupTestDatabase } from '../../test/database'
import {
  createAccount,
  createGitHubAccount,
  createMaintainer,
  createProject,
} from '../../test/starter-factories'
import { recordCallDecision } from '../roadmap/decision.server'
import { openRound } from '../roadmap/round.server'
import { makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'
import { answerClaim } from '../starter/claim-answer.server'
import { claimStarterProject, endClaim } from '../starter/claim.server'
import {
  listOpenMentorOffers,
  offerToMentor,
  settleMentorOffer,
} from '../starter/mentor-offer.server'

import { setFollowing } from './inbox.server'
import { getMaintainerQueue, getMyWork, STALE_CLAIM_PROJECTS } from './my-work.server'

const getDb = setupTestDatabase()

test('an idea decided twice at the same instant shows the decision recorded last', async () => {
  const target = await makeTarget(getDb())
  const ada = await makePerson(getDb(), 'ada')
  const decidedAt = new Date('2026-11-01T12:00:00Z')
  const agreed = { outcome: 'agreed', disposition: 'roadmap', reason: null } as const
  // Archived, not deferred: an idea deferred back to ideation shows no decision, as on its page.
  const declined = { outcome: 'declined', disposition: 'archived', reason: 'No.' } as const
  // Both orders, so the row the database happens to read first cannot pass for the rule.
  for (const [title, outcomes] of [
    ['Declined, then agreed', [declined, agreed]],
    ['Agreed, then declined', [agreed, declined]],
  ] as const) {
    const ideaId = await makeIdea(getDb(), target, title, { authorId: ada.id })
    for (const [index, outcome] of outcomes.entries()) {
      await recordCallDecision(
        {
          releaseTargetId: target.targetId,
          name: `${title}: call ${index + 1}`,
          decidedAt,
          sourceKey: `${title}-${index}`,
          sourceUrl: null,
          rationale: 'Decided on the call.',
          outcomes: [{ ideaId, ...outcome }],
        },
        getDb(),
      )
    }
  }

  const { ideas } = await getMyWork(ada.id, getDb())
  expect(ideas.map((idea) => [idea.title, idea.decision?.round_name])).toEqual([
    ['Agreed, then declined', 'Agreed, then declined: call 2'],
    ['Declined, then agreed', 'Declined, then agreed: call 2'],
  ])
})

test('what a person follows is listed, newest first; what they unfollowed is not', async () => {
  const target = await makeTarget(getDb())
  const ada = await makePerson(getDb(), 'ada')
  const kept = await makeIdea(getDb(), target, 'Kept')
  const dropped = await makeIdea(getDb(), target, 'Dropped')
  expect((await getMyWork(ada.id, getDb())).following).toEqual([])
  await setFollowing(ada.id, { type: 'idea', id: kept }, true, getDb())
  await setFollowing(ada.id, { type: 'idea', id: dropped }, true, getDb())
  await setFollowing(ada.id, { type: 'idea', id: dropped }, false, getDb())
  const { following } = await getMyWork(ada.id, getDb())
  expect(following.map((follow) => [follow.subject_type, follow.subject_id, follow.title])).toEqual(
    [['idea', kept, 'Kept']],
  )
})

test('what waits for maintainers says which open rounds a demo person opened', async () => {
  const opens = new Date('2027-03-01T09:00:00Z')
  const openOne = async (name: string, opener: { id: number; login: string }) => {
    const target = await makeTarget(getDb(), `Target of ${name}`)
    const shortlist = [
      await makeIdea(getDb(), target, `${name}: first`),
      await makeIdea(getDb(), target, `${name}: second`),
    ]
    await openRound(
      { releaseTargetId: target.targetId, name, opensAt: opens, shortlist },
      opener,
      opens,
      getDb(),
    )
  }
  await openOne('Demo round', await makePerson(getDb(), 'dana', 'maintainer'))
  const real = await getDb()
    .insertInto('account')
    .values({ login: 'real-maintainer' })
    .returning(['id', 'login'])
    .executeTakeFirstOrThrow()
  await openOne('Real round', real)
  const { openRounds } = await getMaintainerQueue(real.id, getDb())
  // The home page and My work badge a demo person's round as a demo action, as /roadmap/rounds does.
  expect(openRounds.map((round) => [round.name, round.is_demo]).sort()).toEqual([
    ['Demo round', true],
    ['Real round', false],
  ])
})

const SETTINGS = { claimDays: 30, driftThreshold: 0.75, driftMinReports: 2 }

/** An ended claim on a project with its holder's report of the stars she met. */
async function report(
  projectId: number,
  reporter: { id: number },
  stars: { language: Stars; domain: Stars },
) {
  const db = getDb()
  const claim = await db
    .insertInto('starter_claim')
    .values({
      project_id: projectId,
      account_id: reporter.id,
      expires_at: new Date('2026-11-01T00:00:00Z'),
      ended_at: new Date('2026-11-01T00:00:00Z'),
      outcome: 'done',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('claim_feedback')
    .values({
      claim_id: claim.id,
      project_id: projectId,
      account_id: reporter.id,
      language_stars: stars.language,
      domain_stars: stars.domain,
      time_taken: 'week',
    })
    .execute()
}

test('what waits for maintainers holds neither drift nor stale claims on a board without them', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const cam = await createAccount(getDb(), 'cam')
  const project = await createProject(getDb(), { languageStars: 2, domainStars: 2 })
  await claimStarterProject(project, cam, getDb(), SETTINGS.claimDays)
  // One report is below DRIFT_MIN_REPORTS, however far it is from the rating.
  await report(project, cam, { language: 3, domain: 1 })
  expect(await getMaintainerQueue(dana.id, getDb(), SETTINGS)).toMatchObject({
    driftingProjects: 0,
    demoDrift: 0,
    staleClaims: { count: 0, demo: 0, projectCount: 0, projects: [] },
  })
})

test('what waits for maintainers counts projects rated away from what contributors reported, as the calibration page flags them', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const [ghost, other] = [
    await createGitHubAccount(getDb(), 'ghost'),
    await createGitHubAccount(getDb(), 'other'),
  ]
  const cam = await createAccount(getDb(), 'cam')
  // Reported harder by real contributors, rated by nobody known: not a demo action.
  const harder = await createProject(getDb(), { languageStars: 1, domainStars: 2 })
  await report(harder, ghost, { language: 3, domain: 2 })
  await report(harder, other, { language: 3, domain: 2 })
  // Reported easier on both axes, once by a demo person: one project, a demo action.
  const easier = await createProject(getDb(), { languageStars: 3, domainStars: 3 })
  await report(easier, ghost, { language: 1, domain: 1 })
  await report(easier, cam, { language: 1, domain: 1 })
  // As rated: no drift.
  const agreed = await createProject(getDb(), { languageStars: 2, domainStars: 2 })
  await report(agreed, ghost, { language: 2, domain: 2 })
  await report(agreed, other, { language: 2, domain: 2 })
  // Unrated: nothing to drift from (the triage queue counts it).
  const unrated = await createProject(getDb(), { languageStars: null, domainStars: null })
  await report(unrated, ghost, { language: 3, domain: 3 })
  await report(unrated, other, { language: 3, domain: 3 })

  expect(await getMaintainerQueue(dana.id, getDb(), SETTINGS)).toMatchObject({
    driftingProjects: 2,
    demoDrift: 1,
  })
})

test('what waits for maintainers lists lone reports far from the rating, each project once, apart from the drift', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const ghost = await createGitHubAccount(getDb(), 'ghost')
  const cam = await createAccount(getDb(), 'cam')
  // One report each, below DRIFT_MIN_REPORTS: not drift, yet it may be the only one ever.
  const bothAxes = await createProject(getDb(), {
    title: 'Both axes',
    languageStars: 1,
    domainStars: 3,
  })
  await report(bothAxes, ghost, { language: 3, domain: 1 })
  const byDemo = await createProject(getDb(), {
    title: 'By a demo person',
    languageStars: 1,
    domainStars: 2,
  })
  await report(byDemo, cam, { language: 2, domain: 2 })
  // As rated, or unrated: nothing to disagree with.
  const agreed = await createProject(getDb(), { languageStars: 2, domainStars: 2 })
  await report(agreed, ghost, { language: 2, domain: 2 })
  const unrated = await createProject(getDb(), { languageStars: null, domainStars: null })
  await report(unrated, ghost, { language: 3, domain: 3 })
  // Two reports: drift, counted there and not here.
  const flagged = await createProject(getDb(), { languageStars: 1, domainStars: 2 })
  await report(flagged, ghost, { language: 3, domain: 2 })
  await report(flagged, cam, { language: 3, domain: 2 })

  const queue = await getMaintainerQueue(dana.id, getDb(), SETTINGS)
  expect(queue.driftingProjects).toBe(1)
  expect(queue.loneDisagreements).toEqual({
    count: 2,
    demo: 1,
    // The largest disagreement first, each project once, with the axis its entry is under.
    projects: [
      { id: bothAxes, title: 'Both axes', axis: 'domain' },
      { id: byDemo, title: 'By a demo person', axis: 'language' },
    ],
  })
  // When one report is enough, every such report is drift: nothing is lone.
  expect(
    (await getMaintainerQueue(dana.id, getDb(), { ...SETTINGS, driftMinReports: 1 }))
      .loneDisagreements,
  ).toEqual({ count: 0, demo: 0, projects: [] })
})

test('what waits for maintainers counts stale claims as releasing defines them, naming the longest untouched projects first', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const real = await createGitHubAccount(db, 'real')
  const cam = await createAccount(db, 'cam')
  const ageClaim = async (projectId: number, set: Record<string, unknown>) =>
    db.updateTable('starter_claim').set(set).where('project_id', '=', projectId).execute()
  const made = async (title: string, holder: { id: number; login: string }) => {
    const id = await createProject(db, { title, size: 'elastic' })
    const claim = await claimStarterProject(id, holder, db, SETTINGS.claimDays)
    return { id, claimId: claim.id }
  }
  // Lapsed, claimed 40 days ago: stale, held by a real person.
  const lapsed = await made('Lapsed', real)
  await ageClaim(lapsed.id, {
    claimed_at: sql<Date>`now() - interval '40 days'`,
    expires_at: sql<Date>`now() - interval '10 days'`,
  })
  // Running but made or renewed longer than CLAIM_DAYS ago: stale too. "Old" carries two such
  // claims (an elastic project), one a demo person's; the demo people's claims are demo actions.
  const old = await made('Old', cam)
  await claimStarterProject(old.id, real, db, SETTINGS.claimDays)
  await ageClaim(old.id, { claimed_at: sql<Date>`now() - interval '50 days'` })
  const renewedLongAgo = await made('Renewed long ago', cam)
  await ageClaim(renewedLongAgo.id, {
    claimed_at: sql<Date>`now() - interval '90 days'`,
    renewed_at: sql<Date>`now() - interval '31 days'`,
  })
  const older = await made('Older still', cam)
  await ageClaim(older.id, { claimed_at: sql<Date>`now() - interval '60 days'` })
  // Not stale: fresh, or ended (whatever its age).
  await made('Fresh', cam)
  const ended = await made('Ended', cam)
  await endClaim(ended.id, ended.claimId, cam, 'abandoned', db)
  await ageClaim(ended.id, { claimed_at: sql<Date>`now() - interval '60 days'` })

  const { staleClaims } = await getMaintainerQueue(dana.id, db, SETTINGS)
  expect(STALE_CLAIM_PROJECTS).toBe(3)
  expect(staleClaims).toEqual({
    count: 5,
    demo: 3,
    projectCount: 4,
    projects: [
      { id: older.id, title: 'Older still' },
      { id: old.id, title: 'Old' },
      { id: lapsed.id, title: 'Lapsed' },
    ],
  })
})

test('a followed area is listed with its release target, linking to its ideas; an unfollowed one is not', async () => {
  const target = await makeTarget(getDb())
  const ada = await makePerson(getDb(), 'ada')
  await setFollowing(ada.id, { type: 'area', id: target.areas.docs }, true, getDb())
  await setFollowing(ada.id, { type: 'area', id: target.areas.quality }, true, getDb())
  await setFollowing(ada.id, { type: 'area', id: target.areas.quality }, false, getDb())
  const { following } = await getMyWork(ada.id, getDb())
  expect(following).toEqual([
    {
      subject_type: 'area',
      subject_id: target.areas.docs,
      following: true,
      title: 'Docs and onboarding (MirageOS 3.0)',
      link: '/roadmap/ideas?target=mirageos-3-0&area=docs-and-onboarding',
    },
  ])
})

test('what waits for maintainers counts claims nobody answered for a week, measured on the clock it is given', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const real = await createGitHubAccount(db, 'real')
  const project = await createProject(db, { title: 'TCP tests' })
  const claim = await claimStarterProject(project, real, db, SETTINGS.claimDays)
  // Stored as the Date reads it (PostgreSQL keeps microseconds), so days count from one instant.
  await db
    .updateTable('starter_claim')
    .set({ claimed_at: claim.claimed_at })
    .where('id', '=', claim.id)
    .execute()
  const after = (days: number) => new Date(claim.claimed_at.getTime() + days * 86_400_000)
  expect((await getMaintainerQueue(dana.id, db, SETTINGS, after(6))).unansweredClaims).toEqual({
    count: 0,
    demo: 0,
    oldestDays: null,
    projectCount: 0,
    projects: [],
  })
  expect((await getMaintainerQueue(dana.id, db, SETTINGS, after(8))).unansweredClaims).toEqual({
    count: 1,
    demo: 0,
    oldestDays: 8,
    projectCount: 1,
    projects: [{ id: project, title: 'TCP tests' }],
  })
  await answerClaim(project, claim.id, { ...dana, isMaintainer: true }, { message: null }, db)
  expect((await getMaintainerQueue(dana.id, db, SETTINGS, after(8))).unansweredClaims.count).toBe(0)
})

test('My work: a mentor’s claims to answer; the newcomer’s claim with what was answered', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const project = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const claim = await claimStarterProject(project, nia, db, SETTINGS.claimDays)
  expect((await getMyWork(mo.id, db)).claimsToAnswer).toEqual([
    expect.objectContaining({ id: claim.id, project_id: project, login: 'nia', is_demo: false }),
  ])
  expect((await getMyWork(nia.id, db)).claimsToAnswer).toEqual([])
  expect((await getMyWork(nia.id, db)).claims[0]?.answers).toEqual([])
  await answerClaim(project, claim.id, { ...mo, isMaintainer: false }, { message: 'Hi Nia' }, db)
  expect((await getMyWork(mo.id, db)).claimsToAnswer).toEqual([])
  expect((await getMyWork(nia.id, db)).claims[0]?.answers).toEqual([
    expect.objectContaining({ login: 'mo', message: 'Hi Nia', is_demo: false }),
  ])
})

test('what waits for maintainers counts offers to mentor not yet settled on open projects, the oldest project first', async () => {
  const db = getDb()
  const dana = await createMaintainer(db, 'dana')
  const [real, cam, kim] = [
    await createGitHubAccount(db, 'real'),
    await createAccount(db, 'cam'),
    await createGitHubAccount(db, 'kim'),
  ]
  const tcp = await createProject(db, { title: 'TCP tests', mentors: [] })
  const dns = await createProject(db, { title: 'DNS tests', mentors: [] })
  const done = await createProject(db, { title: 'Done already', mentors: [] })
  await offerToMentor(dns, { ...real, isMaintainer: false }, db)
  await offerToMentor(tcp, { ...cam, isMaintainer: false }, db)
  await offerToMentor(tcp, { ...kim, isMaintainer: false }, db)
  await offerToMentor(done, { ...kim, isMaintainer: false }, db)
  const offeredAt = (projectId: number, at: string) =>
    db
      .updateTable('mentor_offer')
      .set({ offered_at: new Date(at) })
      .where('project_id', '=', projectId)
      .execute()
  await offeredAt(tcp, '2026-11-20T10:00:00Z')
  await offeredAt(dns, '2026-11-30T10:00:00Z')
  // Done, the project offers no "Add as mentor": nothing a maintainer can settle there.
  await db.updateTable('starter_project').set({ status: 'done' }).where('id', '=', done).execute()
  const now = new Date('2026-12-04T12:00:00Z')
  const queue = async () => (await getMaintainerQueue(dana.id, db, SETTINGS, now)).mentorOffers
  expect(await queue()).toEqual({
    count: 3,
    demo: 1,
    oldestDays: 14,
    projectCount: 2,
    projects: [
      { id: tcp, title: 'TCP tests' },
      { id: dns, title: 'DNS tests' },
    ],
  })

  const [kimOffer] = (await listOpenMentorOffers(tcp, db)).filter((o) => o.accountId === kim.id)
  await settleMentorOffer(tcp, kimOffer!.id, 'declined', { ...dana, isMaintainer: true }, db)
  expect(await queue()).toMatchObject({ count: 2, demo: 1, projectCount: 2 })
})

test('what waits for maintainers names the domains whose 1★ supply has run dry, as the supply page marks them; none before the first rating', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const settings = { ...SETTINGS, domains: ['networking', 'security', 'storage'] }
  await createProject(db, {
    primaryDomain: 'storage',
    languageStars: null,
    domainStars: null,
  })
  // Nothing rated yet: every domain would read as run dry; the supply page says why once instead.
  expect((await getMaintainerQueue(dana.id, db, settings)).dryDomains).toEqual([])

  await createProject(db, { primaryDomain: 'networking', languageStars: 1, domainStars: 1 })
  await createProject(db, { primaryDomain: 'security', languageStars: 2, domainStars: 2 })
  // Storage's unrated project may prove easy: it waits for a rating, it has not run dry.
  expect((await getMaintainerQueue(dana.id, db, settings)).dryDomains).toEqual(['security'])
})
