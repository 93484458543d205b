import { sql } from 'kysely'
import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirrorTwoStarterCandidates } from '../../test/mirror'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import {
  createAccount,
  createGitHubAccount,
  createMaintainer,
  createProject,
} from '../../test/starter-factories'
import { DEMO_PEOPLE } from '../accounts/person'
import { loadDemoData } from '../demo/demo.server'
import { markRead, setFollowing } from '../notifications/inbox.server'
import { HOME_NOTICES, REPORT_REMINDER_DAYS } from '../notifications/my-work.server'
import { notify, type NewNotification } from '../notifications/notify.server'
import { sendReminders } from '../notifications/reminders.server'
import { ForYou } from '../notifications/ui/for-you'
import { NotificationList } from '../notifications/ui/notification-list'
import { DEMO_CANNOT_APPLY, suggestedCandidates } from '../notifications/ui/waiting-for-maintainers'
import { getSinceLastVisit } from '../notifications/visits.server'
import { castBallot } from '../roadmap/ballot.server'
import { closeRound } from '../roadmap/decision.server'
import { openRound } from '../roadmap/round.server'
import { makeIdea, makePerson, makeTarget } from '../roadmap/test-fixtures'
import { loader as rootLoader } from '../root'
import { answerClaim } from '../starter/claim-answer.server'
import { claimStarterProject, endClaim, submitClaimFeedback } from '../starter/claim.server'
import { answerGapRequest, createGapRequest } from '../starter/gap-request.server'
import {
  listOpenMentorOffers,
  offerToMentor,
  settleMentorOffer,
} from '../starter/mentor-offer.server'
import { finishWithReport } from '../starter/test-fixtures'
import { EmptySupplyHint } from '../starter/ui/empty-supply'
import { SupplyLine } from '../starter/ui/supply-line'
import { formatDate } from '../utils/format'

import IndexRoute, { loader } from './_index'
import { action as labelsAction } from './labels._index'
import { loader as inboxLoader } from './notifications._index'
import { action as editAction, loader as editLoader } from './starter.$id_.edit'
import { action as calibrationAction } from './starter.calibration'

const getDb = setupTestDatabase()

/** The home page's "For you" card for one person: its loader data, rendered HTML and text. */
async function renderForYou(accountId: number) {
  const { forYou } = await (await callLoader(loader, '/', { accountId })).json()
  const html = await renderInRouter(createElement(ForYou, forYou))
  return { data: forYou.data, html, text: html.replace(/<[^>]+>/g, '') }
}

test('an empty board says so in figures, without failing', async () => {
  const data = await (await callLoader(loader, '/')).json()
  expect(data).toMatchObject({
    repositoryCount: 0,
    repositoryLabel: 'repositories',
    repositoryNote: 'mirrored',
    // Not the demo: no sentence about MirageOS.
    about: null,
    starter: { unclaimed: 0, oneStar: 0, demoRated: 0 },
    roadmap: null,
    stale: { items: 0, repositories: 0 },
  })
})

test('on the demo, the home page shows each part of the board at work, as its pages count it', async () => {
  await loadDemoData(getDb())
  const data = await (await callLoader(loader, '/')).json()
  expect(data).toMatchObject({
    repositoryCount: 14,
    // The demo's repositories are copies, never synced: not "mirrored".
    repositoryLabel: 'repositories',
    repositoryNote: 'the demo’s copies',
    // Whose board this is, for someone arriving from a link who knows neither MirageOS nor OCaml.
    about: expect.stringMatching(/^This demo shows MirageOS, a library operating system/),
    openIssues: 8,
    starter: {
      unclaimed: 34,
      oneStar: 8,
      // Where a newcomer finds the easiest: the agenda says where they run dry, for maintainers.
      // Their main domains, the ones rated: the IMAP client, 1★ in tooling, only touches
      // networking, so a networking newcomer is not told the easiest are in networking.
      easiestDomains: ['web', 'tooling', 'documentation', 'community'],
      demoRated: 26,
    },
    roadmap: {
      name: 'MirageOS 3.0',
      efforts: 4,
      done: 1,
      ideas: 28,
      // What is being decided now, as the roadmap's "being voted on" card says: a demo action.
      openRound: {
        name: expect.stringMatching(/^Demo round of /),
        phase: 'voting',
        is_demo: true,
        demo_opener: expect.any(String),
      },
    },
    // The demo does not sync: measured from its own last activity (decision 012).
    stale: { items: 7, repositories: 6, asOf: '2024-05-26T12:00:00.000Z' },
  })
})

test('on the demo, the starter line says which projects demo people rated: of the open ones, not of the 1★', async () => {
  await loadDemoData(getDb())
  const data = await (await callLoader(loader, '/')).json()
  const line = (await renderInRouter(createElement(SupplyLine, data.starter))).replace(
    /<[^>]+>/g,
    '',
  )
  expect(line).toBe(
    '34 projects open and free to take, of which 8 projects are rated 1★ (the easiest) on at least one axis. The easiest, rated 1★ on both axes, are in web, tooling, documentation and community (each project’s main domain, the one its domain rating is for). 26 of the 34 were rated by demo people: demo actions.',
  )
})

test.each([
  [{ unclaimed: 3, demoRated: 1 }, '1 of the 3 was rated by a demo person: a demo action.'],
  [{ unclaimed: 2, demoRated: 2 }, 'Both were rated by demo people: demo actions.'],
  [{ unclaimed: 5, demoRated: 5 }, 'All 5 were rated by demo people: demo actions.'],
  [{ unclaimed: 1, demoRated: 1 }, 'It was rated by a demo person: a demo action.'],
])(
  'the starter line names the demo-rated share of the open projects: %j',
  async (figures, said) => {
    const line = await renderInRouter(
      createElement(SupplyLine, { ...figures, oneStar: 0, easiestDomains: [] }),
    )
    expect(line.endsWith(` ${said}`)).toBe(true)
    expect(line).not.toContain('of them was')
    expect(line).not.toContain('of them were')
  },
)

test('a fresh install with no starter project points a maintainer at the tracker issues to triage', async () => {
  const db = getDb()
  await mirrorTwoStarterCandidates(db)
  const maintainer = await createAccount(db, 'dana', 'maintainer')
  const home = await (await callLoader(loader, '/', { accountId: maintainer.id })).json()
  expect(home.starter).toMatchObject({
    unclaimed: 0,
    emptySupply: { count: 2, isCapped: false },
    canTriage: true,
  })
  const anonymous = await (await callLoader(loader, '/')).json()
  expect(anonymous.starter).toMatchObject({ emptySupply: { count: 2 }, canTriage: false })

  // One open project and the supply figures speak for themselves again.
  await createProject(db, { title: 'Networking' })
  const later = await (await callLoader(loader, '/', { accountId: maintainer.id })).json()
  expect(later.starter).toMatchObject({ unclaimed: 1, emptySupply: null })
})

test('"Waiting for maintainers" counts the issues the triage queue suggests, linked to the candidates, on a board with nothing rated yet', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  // A fresh board: no starter project, nothing to triage but the trackers' issues.
  await mirrorTwoStarterCandidates(db)
  const { text, html, data } = await renderForYou(dana.id)
  expect(data.queue.candidates).toEqual({ count: 2, isCapped: false })
  expect(text).toContain('2 issues suggested as starter projects')
  expect(html).toContain('href="/starter/candidates"')
  expect(text).not.toContain('Nothing waits for maintainers')

  // Tagged, an issue is a project to triage, no longer a suggestion.
  await createProject(db, { issue: 'acme/app#1', languageStars: null, domainStars: null })
  const after = await renderForYou(dana.id)
  expect(after.text).toContain('1 issue suggested as a starter project')
})

test('a signed-in person is met with what waits for her; the public and the idle see no such card', async () => {
  const db = getDb()
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const ari = await makePerson(db, 'ari', 'maintainer')
  const cam = await makePerson(db, 'cam')
  const noor = await makePerson(db, 'noor')
  const ideas = [await makeIdea(db, target, 'Better tests'), await makeIdea(db, target, 'Doc days')]
  const opensAt = new Date(Date.now() - 60_000)
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'March', opensAt, shortlist: ideas },
    dana,
    new Date(),
    db,
  )
  await castBallot(roundId, dana, [{ id: ideas[0]!, rank: 1 }], new Date(), db)
  await createProject(db, { title: 'Unrated', languageStars: null })
  const claimed = await createProject(db, { title: 'DHCP client', mentors: ['@hannesm'] })
  await claimStarterProject(claimed, cam, db)

  const home = async (accountId?: number) =>
    (await (await callLoader(loader, '/', { accountId })).json()).forYou
  expect(await home()).toBeNull()
  // A maintainer: the queue, and each round with whether she has voted.
  const forDana = await home(dana.id)
  expect(forDana.data.queue).toMatchObject({
    triage: { total: 1, toRate: 1 },
    unansweredRequests: 0,
    labelConflicts: 0,
    driftingProjects: 0,
    staleClaims: { count: 0 },
    openRounds: [{ id: roundId, name: 'March', has_voted: true }],
  })
  expect((await home(ari.id)).data.queue.openRounds).toMatchObject([{ has_voted: false }])
  // Away from its target's pages, the round names its target: another may run a "March" too.
  expect((await renderForYou(dana.id)).text).toContain('March (MirageOS 3.0): voting until')
  // A contributor: her claims, and no maintainers' queue.
  const forCam = await home(cam.id)
  expect(forCam.data).toMatchObject({
    claims: [{ project_id: claimed, title: 'DHCP client', is_running: true }],
    moreClaims: false,
    queue: null,
  })
  expect((await home(noor.id)).data).toMatchObject({ claims: [], queue: null })
})

test('"For you" opens with how many notices wait unread in the inbox, badging demo ones', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const notice = (key: string): NewNotification => ({
    accountId: cam.id,
    kind: 'claim_lapsing',
    eventKey: key,
    title: key,
    link: '/starter/1',
  })
  const forYou = () => renderForYou(cam.id)
  // Nothing unread and nothing going on: no card, as before.
  expect(await forYou()).toMatchObject({ data: { unread: { count: 0, demo: 0 } }, html: '' })

  // Reminders the board sends itself are no one's act: no badge.
  await notify(db, [notice('one')], { email: false })
  const one = await forYou()
  expect(one.data.unread).toEqual({ count: 1, demo: 0, aboutWaitingWork: 0 })
  expect(one.html).toMatch(/<a [^>]*href="\/notifications">1 new notice in your inbox<\/a><\/p>/)

  // A notice a demo person's act caused is a demo action, and the line says how many are.
  await notify(db, [notice('two'), notice('three')], { actorId: dana.id, email: false })
  const three = await forYou()
  expect(three.data.unread).toEqual({ count: 3, demo: 2, aboutWaitingWork: 0 })
  expect(three.html).toMatch(/3 new notices in your inbox<\/a><span[^>]*> 2 of them demo actions/)

  // Read, they are no longer news.
  await markRead(cam.id, null, db)
  expect((await forYou()).html).toBe('')
})

test('"For you" names the newest unread notices, each opening what it is about, badging demo ones', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const notice = (key: string): NewNotification => ({
    accountId: cam.id,
    kind: 'claim_lapsing',
    eventKey: key,
    title: `Notice ${key}`,
    link: '/starter/1',
  })
  const forYou = () => renderForYou(cam.id)
  await notify(db, [notice('one')], { email: false })
  await notify(db, [notice('two'), notice('three'), notice('four')], {
    actorId: dana.id,
    email: false,
  })
  const ids = await db
    .selectFrom('notification')
    .select(['id', 'title'])
    .where('account_id', '=', cam.id)
    .orderBy('id', 'desc')
    .execute()
  const four = await forYou()
  // The newest three by title, newest first, each through /notifications/:id (which marks it read).
  expect(four.data.newNotices.map((n: { title: string }) => n.title)).toEqual(
    ids.slice(0, HOME_NOTICES).map((row) => row.title),
  )
  for (const row of ids.slice(0, HOME_NOTICES))
    expect(four.html).toMatch(
      new RegExp(`<a [^>]*href="/notifications/${row.id}"[^>]*>${row.title}</a>`),
    )
  expect(four.html).not.toContain('Notice one')
  // A demo person's act caused them: each is badged so.
  expect(four.html).toMatch(/Notice four<\/a><span[^>]*> a demo action<\/span>/)

  // Read, a notice leaves the list, and an older unread one takes its place.
  await markRead(cam.id, [ids[0]!.id], db)
  const three = await forYou()
  expect(three.html).not.toContain('Notice four')
  expect(three.html).toContain('Notice one')
})

test('"For you" says what to do about a claim in its last days (renew in My work) or lapsed (claim it again)', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const projectId = await createProject(db, { title: 'DHCP client' })
  await claimStarterProject(projectId, cam, db)
  const text = () => renderForYou(cam.id)
  const expiresIn = (interval: string) =>
    db
      .updateTable('starter_claim')
      .set({ expires_at: sql<Date>`now() + ${interval}::interval` })
      .where('project_id', '=', projectId)
      .execute()

  // Just claimed: the time left is all there is to say.
  const fresh = await text()
  expect(fresh.text).toMatch(/Your claim on DHCP client: 30 days left/)
  expect(fresh.text).not.toContain('still on it?')

  // In its last days, renewing is open: the line leads to My work, where the Renew button is.
  await expiresIn('2 days')
  const ending = await text()
  expect(ending.text).toContain('2 days left')
  expect(ending.text).toContain('still on it? Renew it in My work')
  expect(ending.html).toMatch(/<a [^>]*href="\/me#claims-heading"[^>]*>Renew it in My work<\/a>/)

  // Lapsed and not ended: claiming again is on the project page.
  await expiresIn('-1 day')
  const lapsed = await text()
  expect(lapsed.text).toContain('lapsed on')
  expect(lapsed.text).toContain('still on it? Claim it again')
  expect(lapsed.html).toMatch(
    new RegExp(`<a [^>]*href="/starter/${projectId}"[^>]*>Claim it again</a>`),
  )
})

test('"Waiting for maintainers" names drifting ratings and stale claims where a maintainer deals with them, badging demo ones', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const cam = await createAccount(db, 'cam')
  const [ghost, other] = [
    await createGitHubAccount(db, 'ghost'),
    await createGitHubAccount(db, 'other'),
  ]
  const waiting = () => renderForYou(dana.id)
  expect((await waiting()).text).not.toMatch(/rated away|stale claim/)

  // Two real contributors found a 1★ OCaml project 3★; another project a demo person and a real
  // one found so: a demo action among them.
  const first = await createProject(db, { title: 'First', size: 'elastic' })
  for (const holder of [ghost, other]) await finishWithReport(db, first, holder)
  const second = await createProject(db, { title: 'Second', size: 'elastic' })
  await finishWithReport(db, second, cam)
  await finishWithReport(db, second, ghost)
  // Cam's claim on another project lapsed long ago, unended: stale, and a demo action.
  const lapsed = await createProject(db, { title: 'TCP options' })
  await claimStarterProject(lapsed, cam, db)
  await db
    .updateTable('starter_claim')
    .set({
      claimed_at: new Date('2026-01-01T00:00:00Z'),
      expires_at: new Date('2026-01-31T00:00:00Z'),
    })
    .where('project_id', '=', lapsed)
    .execute()

  const { html, text } = await waiting()
  expect(text).toContain(
    '2 starter projects rated away from what contributors reported 1 of them a demo action',
  )
  expect(text).toContain('1 stale claim to release, on TCP options a demo action')
  // Each links to where a maintainer acts: the calibration page, the project's claims.
  expect(html).toMatch(/href="\/starter\/calibration">2 starter projects rated away/)
  expect(html).toContain(`href="/starter/${lapsed}#claims-heading">TCP options</a>`)
})

test('"Waiting for maintainers" names a lone report far from the rating, too few to flag, each project once, linked to its calibration entry', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const cam = await createAccount(db, 'cam')
  const ghost = await createGitHubAccount(db, 'ghost')
  // Rated 1★ in OCaml and 3★ in its domain, found 3★ and 1★: both axes, one project.
  const lone = await createProject(db, { title: 'Lone', languageStars: 1, domainStars: 3 })
  await finishWithReport(db, lone, ghost)
  expect((await renderForYou(dana.id)).text).not.toContain('rated away from what contributors')

  const { html, text } = await renderForYou(dana.id)
  expect(text).toContain(
    '1 starter project rated away from a contributor’s report, too few reports to flag yet: Lone',
  )
  expect(text).not.toMatch(/demo action/)
  // The line leads to the calibration page's list of them, the project to its entry there.
  expect(html).toContain('href="/starter/calibration#too-few-heading"')
  expect(html).toMatch(
    new RegExp(`href="/starter/calibration#drift-${lone}-(language|domain)">Lone</a>`),
  )
  // Said once: its notice is not named among the newest, and the inbox line says it is about this.
  const { data } = await renderForYou(dana.id)
  expect(data.unread).toMatchObject({ count: 1, aboutWaitingWork: 1 })
  expect(data.newNotices).toEqual([])

  // A demo person's report is a demo action, and says so.
  const byCam = await createProject(db, { title: 'By Cam', languageStars: 1, domainStars: 1 })
  await finishWithReport(db, byCam, cam)
  expect((await renderForYou(dana.id)).text).toMatch(
    /2 starter projects rated away from a contributor’s report, too few reports to flag yet: (Lone and By Cam|By Cam and Lone) ?1 of them a demo action/,
  )
})

test('a re-rate answers a report that disagreed: its notices are read for everyone told, not named as news again, and the inbox says how', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const mia = await createAccount(db, 'mia', 'maintainer')
  const mo = await createGitHubAccount(db, 'mo')
  const ghost = await createGitHubAccount(db, 'ghost')
  const id = await createProject(db, {
    title: 'Window scaling',
    languageStars: 1,
    domainStars: 1,
    mentors: ['@mo'],
  })
  // 3★ met in OCaml, rated 1★: told to both maintainers and the mentor.
  await finishWithReport(db, id, ghost)
  const unread = (accountId: number) =>
    db
      .selectFrom('notification')
      .select('id')
      .where('account_id', '=', accountId)
      .where('kind', '=', 'report_disagrees')
      .where('read_at', 'is', null)
      .execute()
  for (const person of [dana, mia, mo]) expect(await unread(person.id)).toHaveLength(1)

  // Mia re-rates it on the calibration page: the report is answered, for Dana and Mo too.
  const rerate = await callAction(
    calibrationAction,
    '/starter/calibration',
    { intent: 'rerate', projectId: String(id), axis: 'language', from: '1', stars: '3' },
    { accountId: mia.id },
  )
  expect(rerate.status).toBe(200)
  for (const person of [dana, mia, mo]) expect(await unread(person.id)).toEqual([])
  // Nothing waits, and the report is not named among Dana's newest notices as if it still did.
  const { data, text } = await renderForYou(dana.id)
  expect(data.unread).toMatchObject({ count: 0 })
  expect(data.newNotices).toEqual([])
  expect(text).not.toMatch(/found “Window scaling”|rated away/)
  // Her inbox keeps the notice, saying how it was answered and by whom.
  const inbox = await (
    await callLoader(inboxLoader, '/notifications', { accountId: dana.id })
  ).json()
  expect(inbox.items).toEqual([
    expect.objectContaining({
      title: 'ghost found “Window scaling” harder than rated: OCaml 3★ met, rated 1★',
      rerate: expect.objectContaining({
        changes: ['OCaml difficulty 1★ → 3★'],
        byName: 'mia (demo person)',
        byYou: false,
        isDemo: true,
        link: `/starter/${id}`,
      }),
    }),
  ])
  const html = await renderInRouter(createElement(NotificationList, { items: inbox.items }))
  expect(html.replace(/<[^>]+>/g, '')).toContain(
    'Re-rated since this report: OCaml difficulty 1★ → 3★ by mia (demo person) on',
  )
})

test('a re-rate on the edit page answers only the reports whose every disagreeing axis it re-rates', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const [ghost, nia] = [
    await createGitHubAccount(db, 'ghost'),
    await createGitHubAccount(db, 'nia'),
  ]
  const project = {
    title: 'Window scaling',
    summary: 'Follow RFC 7323.',
    primaryDomain: 'networking',
    size: 'elastic' as const,
    mentors: [],
    repos: ['mirage/mirage-tcpip'],
  }
  const id = await createProject(db, { ...project, languageStars: 1, domainStars: 3 })
  // Ghost disagrees on OCaml only; Nia on both axes.
  await finishWithReport(db, id, ghost, { languageStars: 3, domainStars: 3 })
  await finishWithReport(db, id, nia, { languageStars: 3, domainStars: 1 })
  const unreadTitles = async () =>
    (
      await db
        .selectFrom('notification')
        .select('title')
        .where('account_id', '=', dana.id)
        .where('read_at', 'is', null)
        .orderBy('id')
        .execute()
    ).map((row) => row.title.split(' found')[0])
  expect(await unreadTitles()).toEqual(['ghost', 'nia'])

  const save = async (languageStars: string, domainStars: string) => {
    const { version } = await (
      await callLoader(editLoader, `/starter/${id}/edit`, {
        accountId: dana.id,
        params: { id: String(id) },
      })
    ).json()
    const response = await callAction(
      editAction,
      `/starter/${id}/edit`,
      {
        ...project,
        mentors: '',
        repos: project.repos.join(' '),
        languageStars,
        domainStars,
        status: 'open',
        relatedIssues: '',
        readFirst: '',
        issue: '',
        version,
      },
      { accountId: dana.id, params: { id: String(id) } },
    )
    expect(response.status).toBe(302)
  }
  // OCaml re-rated: Ghost's report is answered; Nia's domain disagreement still waits.
  await save('3', '3')
  expect(await unreadTitles()).toEqual(['nia'])
  // Its domain re-rated too: answered.
  await save('3', '2')
  expect(await unreadTitles()).toEqual([])
})

test('"For you" asks for the report on a claim one finished or stopped, until it is sent', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const forYou = () => renderForYou(cam.id)
  const claimAndEnd = async (title: string, outcome: 'done' | 'abandoned') => {
    const projectId = await createProject(db, { title })
    const claim = await claimStarterProject(projectId, cam, db)
    await endClaim(projectId, claim.id, cam, outcome, db)
    return { projectId, claimId: claim.id }
  }
  const finished = await claimAndEnd('DHCP client', 'done')
  const stopped = await claimAndEnd('TCP options', 'abandoned')
  // A claim a maintainer released: its holder may be long gone, so no report is asked for.
  const released = await claimAndEnd('NTP client', 'done')
  await db
    .updateTable('starter_claim')
    .set({ outcome: 'released' })
    .where('id', '=', released.claimId)
    .execute()

  // Nothing else is going on (no claim running, nothing unread): the card is there for these.
  const { html, text } = await forYou()
  expect(text).toContain('You stopped TCP options: tell us how hard it was')
  expect(text).toContain('You finished DHCP client: tell us how hard it was')
  expect(text).not.toContain('NTP client')
  // Past a month the home page stops asking (My work still lists it).
  const old = await claimAndEnd('ARP cache', 'done')
  await db
    .updateTable('starter_claim')
    .set({ ended_at: sql`now() - make_interval(days => ${REPORT_REMINDER_DAYS + 1})` })
    .where('id', '=', old.claimId)
    .execute()
  expect((await forYou()).text).not.toContain('ARP cache')
  // Straight to the report form on the project's page.
  expect(html).toContain(
    `href="/starter/${finished.projectId}#feedback-heading">tell us how hard it was</a>`,
  )

  for (const { projectId, claimId } of [finished, stopped]) {
    await submitClaimFeedback(
      projectId,
      claimId,
      cam,
      { languageStars: 2, domainStars: 1, timeTaken: 'week', note: '' },
      db,
    )
  }
  expect((await forYou()).html).toBe('')
})

test('"For you" says a “nothing fits me” request still waits for an answer, and stops once it is answered', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const forYou = () => renderForYou(noor.id)
  const ask = (domains: string[]) =>
    createGapRequest(
      { languageLevel: 'none', domains, time: 'week', wantsMentor: true, note: '' },
      noor,
      db,
    )
  const first = await ask(['storage'])
  await db
    .updateTable('gap_request')
    .set({ created_at: new Date('2026-11-20T10:00:00Z') })
    .where('id', '=', first)
    .execute()

  // Nothing else going on: the card is there for the request, which leads to My work's list.
  const one = await forYou()
  expect(one.text).toContain(
    'Your “nothing fits me” request of 20 Nov 2026 waits for a maintainer’s answer: it will come to your inbox.',
  )
  expect(one.html).toContain('href="/me#requests-heading"')

  const second = await ask(['platform'])
  expect((await forYou()).text).toContain('Your 2 “nothing fits me” requests wait for')

  for (const id of [first, second]) await answerGapRequest(id, { projectId: null }, dana, db)
  // Answered, nothing waits any more; what is new is the answers' notices, named as such.
  const answered = (await forYou()).text
  expect(answered).not.toMatch(/waits? for a maintainer/)
  expect(answered).toContain('Your “nothing fits me” request is answered')
})

test('"For you" says what happened since one’s last visit, each count linked; a first visit shows nothing since', async () => {
  const db = getDb()
  const ada = await createGitHubAccount(db, 'ada')
  const bea = await createGitHubAccount(db, 'bea')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const noor = await createAccount(db, 'noor')
  const target = await makeTarget(db)
  const ideaBy = (title: string, authorId: number) =>
    makeIdea(db, target, title, { authorId }).then((id) =>
      // A day ago on the database's clock, the one visits are recorded on.
      db
        .updateTable('idea')
        .set({ created_at: sql<Date>`now() - interval '1 day'` })
        .where('id', '=', id)
        .execute(),
    )
  await ideaBy('Unikernel profiling', ada.id)
  await ideaBy('Better tests', bea.id)
  await ideaBy('Doc days', noor.id)
  await createProject(db, { title: 'DHCP client' })
  await createGapRequest(
    { languageLevel: 'none', domains: ['storage'], time: 'week', wantsMentor: true, note: '' },
    noor,
    db,
  )
  const forYou = renderForYou

  // Never seen before: what she missed is not known, so nothing is said "since".
  const first = await forYou(ada.id)
  expect(first.data.since).toBeNull()
  expect(first.html).toBe('')
  // Any page she opens records the visit (the root loader)...
  await callLoader(rootLoader, '/', { accountId: ada.id })
  const { last_seen_at } = await db
    .selectFrom('account')
    .select('last_seen_at')
    .where('id', '=', ada.id)
    .executeTakeFirstOrThrow()
  expect(last_seen_at).not.toBeNull()

  // ...and coming back two days after it, what came since is counted from where she left.
  const left = await sql<{ at: Date }>`select now() - interval '2 days' as at`.execute(db)
  const leftAt = left.rows[0]!.at
  for (const person of [ada, dana]) {
    await db
      .updateTable('account')
      .set({ last_seen_at: leftAt, previous_visit_at: null })
      .where('id', '=', person.id)
      .execute()
  }
  const back = await forYou(ada.id)
  expect(new Date(back.data.since.since).toISOString()).toBe(new Date(leftAt).toISOString())
  expect(back.text).toContain(`Since your last visit (${formatDate(leftAt)})`)
  // Her own idea is not news; the two others are, one a demo person's.
  expect(back.html).toMatch(
    /<a [^>]*href="\/roadmap\/ideas">2 new ideas<\/a><span[^>]*> 1 of them a demo action/,
  )
  expect(back.html).toMatch(/<a [^>]*href="\/starter">1 new starter project open<\/a><\/li>/)
  // Nothing is listed at zero, and requests are for maintainers.
  expect(back.text).not.toMatch(/decision|round|request/)

  // The page's own visit is recorded; the count still starts where she left.
  await callLoader(rootLoader, '/', { accountId: ada.id })
  expect((await forYou(ada.id)).text).toContain(`Since your last visit (${formatDate(leftAt)})`)

  // A maintainer sees the new "nothing fits me" request once, where it waits for an answer...
  const waiting = await forYou(dana.id)
  expect(waiting.text).toContain('1 unanswered “nothing fits me” request')
  expect(waiting.text).not.toContain('new “nothing fits me” request')
  // ...and, once answered, as news since her last visit, badged as a demo person's.
  const [request] = await db.selectFrom('gap_request').select('id').execute()
  await answerGapRequest(request!.id, { projectId: null }, dana, db)
  const forDana = await forYou(dana.id)
  expect(forDana.html).toMatch(
    /<a [^>]*href="\/starter\/gaps">1 new “nothing fits me” request<\/a><span[^>]*> a demo action/,
  )
  // What changed comes before the maintainers' queue, which can run long.
  const sinceAt = forDana.text.indexOf('Since your last visit')
  expect(sinceAt).toBeGreaterThan(-1)
  expect(forDana.text.indexOf('Waiting for maintainers')).toBeGreaterThan(sinceAt)
})

test('on the demo, a visitor’s first sign-in claims nothing happened since a visit she never had, and each seeded action it names is a demo action', async () => {
  const db = getDb()
  await loadDemoData(db)
  for (const person of DEMO_PEOPLE) {
    const account = await db
      .selectFrom('account')
      .select(['id', 'demo_role'])
      .where('login', '=', person.login)
      .executeTakeFirstOrThrow()
    // Signed in, her first page records the visit (the root loader) as the card is read.
    await callLoader(rootLoader, '/', { accountId: account.id })
    const { data, text } = await renderForYou(account.id)
    expect(data.since, person.login).toBeNull()
    expect(text, person.login).not.toMatch(/since your last visit|new since/i)
    // What the demo seeded and the card names says it is a demo action.
    expect(data.unread.demo, person.login).toBe(data.unread.count)
    if (data.unread.count > 0) expect(text, person.login).toMatch(/demo action/)
    for (const notice of data.newNotices) expect(notice.is_demo_action, notice.title).toBe(true)

    // Back after the gap, nothing the load seeded counts as new: it came before her first visit.
    const later = new Date(Date.now() + 7 * 60 * 60_000)
    const since = await getSinceLastVisit({ id: account.id, role: account.demo_role! }, db, later)
    expect(since, person.login).toMatchObject({
      ideas: { count: 0 },
      rounds: { count: 0 },
      decisions: { count: 0 },
      projects: { count: 0 },
      finished: { count: 0 },
      mentoredClaims: { count: 0 },
    })
    expect(since!.requests?.count ?? 0, person.login).toBe(0)
  }
})

test('"For you" names the starter projects finished since one’s last visit, and a mentor the claims on her projects not waiting for her', async () => {
  const db = getDb()
  const ada = await createGitHubAccount(db, 'ada')
  const bea = await createGitHubAccount(db, 'bea')
  const cam = await createAccount(db, 'cam')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const left = await sql<{ at: Date }>`select now() - interval '2 days' as at`.execute(db)
  for (const person of [ada, dana]) {
    await db
      .updateTable('account')
      .set({ last_seen_at: left.rows[0]!.at, previous_visit_at: null })
      .where('id', '=', person.id)
      .execute()
  }
  const finish = async (projectId: number, holder: { id: number; login: string }) => {
    const claim = await claimStarterProject(projectId, holder, db)
    await endClaim(projectId, claim.id, holder, 'done', db)
  }
  const dns = await createProject(db, { title: 'DNS resolver' })
  await finish(dns, bea)
  const tcp = await createProject(db, { title: 'TCP options' })
  await finish(tcp, cam)
  // Ada mentors a project Bea claimed and Dana answered: no longer waiting for Ada's word.
  const mentored = await createProject(db, { title: 'DHCP client', size: 'elastic' })
  await db
    .insertInto('starter_project_mentor')
    .values({ project_id: mentored, position: 0, account_id: ada.id, name: 'ada' })
    .execute()
  const claim = await claimStarterProject(mentored, bea, db)
  await answerClaim(mentored, claim.id, { ...dana, isMaintainer: true }, { message: null }, db)

  for (const person of [ada, dana]) {
    const { html, text } = await renderForYou(person.id)
    // The latest first, each linked to its page; Cam's finish is a demo action.
    expect(text).toContain(
      '2 starter projects finished: TCP options and DNS resolver 1 of them a demo action',
    )
    expect(html).toContain(`href="/starter/${tcp}">TCP options</a>`)
    expect(html).toContain(`href="/starter/${dns}">DNS resolver</a>`)
  }
  const forAda = await renderForYou(ada.id)
  expect(forAda.html).toMatch(
    /<a [^>]*href="\/me#mentored-heading">1 new claim on projects you mentor<\/a><\/li>/,
  )
  expect(forAda.text).not.toContain('wait for your answer')
  expect((await renderForYou(dana.id)).text).not.toContain('on projects you mentor')

  // A claim still waiting for her answer is said on its own line, not counted again.
  const second = await claimStarterProject(mentored, cam, db)
  const waiting = await renderForYou(ada.id)
  expect(waiting.text).toContain('1 claim on projects you mentor waits for your answer')
  expect(waiting.text).toContain('1 new claim on projects you mentor')
  await answerClaim(mentored, second.id, { ...ada, isMaintainer: false }, { message: null }, db)
  expect((await renderForYou(ada.id)).text).toMatch(
    /2 new claims on projects you mentor ?1 of them a demo action/,
  )
})

test('"For you" says an open round and an unanswered request once, under "Waiting for maintainers", not again as news', async () => {
  const db = getDb()
  const dana = await makePerson(db, 'dana', 'maintainer')
  const sam = await makePerson(db, 'sam', 'maintainer')
  const noor = await createAccount(db, 'noor')
  // Dana was last here two days ago: what came since is counted.
  await db
    .updateTable('account')
    .set({ last_seen_at: sql<Date>`now() - interval '2 days'`, previous_visit_at: null })
    .where('id', '=', dana.id)
    .execute()
  const target = await makeTarget(db)
  const ideas = [await makeIdea(db, target, 'Better tests'), await makeIdea(db, target, 'Doc days')]
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'March',
      opensAt: new Date(Date.now() - 60_000),
      shortlist: ideas,
    },
    sam,
    new Date(),
    db,
  )
  await createGapRequest(
    { languageLevel: 'none', domains: ['storage'], time: 'week', wantsMentor: true, note: '' },
    noor,
    db,
  )

  const card = await renderForYou(dana.id)
  // Each once, where it says what it needs from her: a vote, an answer.
  expect(card.text.match(/March \(MirageOS 3\.0\)/g)).toHaveLength(1)
  expect(card.text).toContain('March (MirageOS 3.0): voting until')
  expect(card.text).toContain('1 unanswered “nothing fits me” request')
  expect(card.text).not.toContain('says no starter project fits')
  expect(card.text).not.toMatch(/opened for voting|new “nothing fits me” request/)
  // Their notices stay in the inbox, and its count, which says why it heads no list of them.
  expect(card.data.unread.count).toBe(2)
  expect(card.data.newNotices).toEqual([])
  expect(card.text).toContain(
    '2 new notices in your inbox (both about what waits for maintainers below)',
  )
  // Other news is named, and the line counts which of its notices are about the queue.
  await notify(
    db,
    [
      {
        accountId: dana.id,
        kind: 'claim_lapsing',
        eventKey: 'other',
        title: 'Other news',
        link: '/',
      },
    ],
    { email: false },
  )
  const withNews = await renderForYou(dana.id)
  expect(withNews.data.newNotices.map((n: { title: string }) => n.title)).toEqual(['Other news'])
  expect(withNews.text).toContain(
    '3 new notices in your inbox (2 about what waits for maintainers below)',
  )
  await markRead(dana.id, [withNews.data.newNotices[0].id], db)

  // Closed, the round waits for nobody: its opening is counted since her last visit again, but
  // its notice, a call to vote that asks nothing now, is read by the close (not "… is open for
  // voting" among her new notices); the inbox keeps it, saying voting is over.
  await castBallot(roundId, sam, [{ id: ideas[0]!, rank: 1 }], new Date(), db)
  await closeRound(
    roundId,
    {
      method: 'picked',
      agreedIdeaIds: [ideas[0]!],
      rationale: 'Tests first.',
      others: [
        { ideaId: ideas[1]!, outcome: 'deferred', disposition: 'ideation', reason: 'Later.' },
      ],
    },
    sam,
    // Past its closing day (a month after it opened), as a round is closed.
    new Date(Date.now() + 40 * 24 * 60 * 60_000),
    db,
  )
  const closed = await renderForYou(dana.id)
  expect(closed.data.newNotices).toEqual([])
  expect(closed.data.unread.count).toBe(1)
  expect(closed.text).toContain(
    '1 new notice in your inbox (about what waits for maintainers below)',
  )
  expect(closed.text).not.toContain('is open for voting')
  expect(closed.text).toContain('1 prioritisation round opened for voting')
})

test('"Waiting for maintainers" says how long the oldest unanswered request has waited, on the database’s clock', async () => {
  const db = getDb()
  const noor = await createAccount(db, 'noor')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const text = async () => (await renderForYou(dana.id)).text
  const ask = (domains: string[]) =>
    createGapRequest(
      { languageLevel: 'none', domains, time: 'week', wantsMentor: true, note: '' },
      noor,
      db,
    )
  const sentAgo = (id: number, interval: string) =>
    db
      .updateTable('gap_request')
      .set({ created_at: sql<Date>`now() - ${interval}::interval` })
      .where('id', '=', id)
      .execute()

  const first = await ask(['storage'])
  expect(await text()).toContain('1 unanswered “nothing fits me” request, sent today')
  await sentAgo(first, '9 days 3 hours')
  expect(await text()).toContain('1 unanswered “nothing fits me” request, waiting 9 days')
  // Several: the oldest's wait is the one that says whether someone has been left waiting.
  const second = await ask(['platform'])
  await sentAgo(second, '2 days')
  expect(await text()).toContain(
    '2 unanswered “nothing fits me” requests, the oldest waiting 9 days',
  )
  // Answered, the next oldest sets the age.
  await answerGapRequest(first, { projectId: null }, dana, db)
  expect(await text()).toContain('1 unanswered “nothing fits me” request, waiting 2 days')
})

test('"For you" offers a maintainer the call’s agenda with what waits for maintainers, not only at the page’s foot', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const cam = await createAccount(db, 'cam')
  await claimStarterProject(await createProject(db, { title: 'DHCP client' }), cam, db)
  const card = async (accountId: number) => (await renderForYou(accountId)).html
  const forDana = await card(dana.id)
  expect(forDana.replace(/<[^>]+>/g, '')).toContain(
    'Prepare the call: the fortnight’s agenda, ready to paste into the call notes.',
  )
  expect(forDana).toMatch(/<a [^>]*href="\/digest"[^>]*>the fortnight’s agenda<\/a>/)
  // Only maintainers prepare the call: a contributor's card has no such line.
  const forCam = await card(cam.id)
  expect(forCam).toContain('DHCP client')
  expect(forCam).not.toContain('href="/digest"')
})

test('"For you" does not name a claim’s reminder among the newest notices when the claim’s own line says it', async () => {
  const db = getDb()
  const cam = await createAccount(db, 'cam')
  const projectId = await createProject(db, { title: 'DHCP client' })
  await claimStarterProject(projectId, cam, db)
  await db
    .updateTable('starter_claim')
    .set({ expires_at: sql<Date>`now() + interval '2 days'` })
    .where('project_id', '=', projectId)
    .execute()
  const forYou = () => renderForYou(cam.id)
  // The reminder goes out on the database's clock; another notice comes after it.
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db)
  expect(await sendReminders(rows[0]!.now, db, { email: false })).toMatchObject({ claimLapsing: 1 })
  await notify(
    db,
    [
      {
        accountId: cam.id,
        kind: 'claim_lapsing',
        eventKey: 'other',
        title: 'Other news',
        link: '/',
      },
    ],
    { email: false },
  )

  const card = await forYou()
  // Said once, by the claim's line with what to do about it; the inbox still counts the reminder.
  expect(card.text.match(/DHCP client/g)).toHaveLength(1)
  expect(card.text).toMatch(
    /Your claim on DHCP client: 2 days left.* still on it\? Renew it in My work/,
  )
  expect(card.data.unread.count).toBe(2)
  expect(card.data.newNotices.map((n: { title: string }) => n.title)).toEqual(['Other news'])

  // Once the claim has ended it has no line: its reminder is named again, as any unread notice.
  await endClaim(projectId, card.data.claims[0].id, cam, 'abandoned', db)
  const ended = await forYou()
  expect(ended.data.newNotices).toHaveLength(2)
  expect(ended.text).toContain('Your claim on “DHCP client” lapses on')
})

test('"For you" tells a mentor of claims waiting for her answer, and maintainers of those unanswered for a week', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const nia = await createGitHubAccount(db, 'nia')
  const rin = await createAccount(db, 'rin')
  const dana = await createAccount(db, 'dana', 'maintainer')
  const tcp = await createProject(db, { title: 'TCP tests', mentors: ['@mo'] })
  const dns = await createProject(db, { title: 'DNS tests', mentors: ['@mo'] })
  await claimStarterProject(tcp, nia, db)
  await claimStarterProject(dns, rin, db)
  const { text } = await renderForYou(mo.id)
  expect(text).toContain('2 claims on projects you mentor wait for your answer')
  // Rin is a demo person: her claim is a demo action.
  expect(text).toContain('1 of them a demo action')
  expect((await renderForYou(dana.id)).text).not.toContain('no mentor answered')
  // A week and a day on the database's clock, for the TCP claim only.
  await db
    .updateTable('starter_claim')
    .set({ claimed_at: sql<Date>`now() - interval '8 days'` })
    .where('project_id', '=', tcp)
    .execute()
  expect((await renderForYou(dana.id)).text).toContain(
    '1 claim no mentor answered for 7 days or more, on TCP tests, waiting 8 days',
  )
})

test('a board that mirrors no repository yet sends a maintainer to the sync, not to tag an issue by hand', async () => {
  const db = getDb()
  const maintainer = await createAccount(db, 'dana', 'maintainer')
  const home = await (await callLoader(loader, '/', { accountId: maintainer.id })).json()
  expect(home.starter.emptySupply).toEqual({ count: 0, isCapped: false, isMirrorEmpty: true })
  const html = (
    await renderInRouter(
      createElement(EmptySupplyHint, { candidates: home.starter.emptySupply, canTriage: true }),
    )
  ).replaceAll('<!-- -->', '')
  expect(html).toContain('it mirrors none yet')
  expect(html).toContain('href="/sync"')
  expect(html).not.toContain('tag an issue by hand')
})

test('a capped count of candidate issues reads “more than 25”, as triage says it, on the home page and My work', async () => {
  const capped = { count: 25, isCapped: true }
  const text = async (canTriage: boolean) =>
    (await renderInRouter(createElement(EmptySupplyHint, { candidates: capped, canTriage })))
      .replaceAll('<!-- -->', '')
      .replace(/<[^>]+>/g, '')
  expect(await text(true)).toContain(
    'No starter projects yet. More than 25 open issues in the trackers look like starter material',
  )
  expect(await text(false)).toContain('(more than 25 open issues there look like starter material)')
  expect(suggestedCandidates(25, true)).toBe('more than 25 issues suggested as starter projects')
})

test('the home page’s starter line is worded for a newcomer: where the easiest are, never where they ran dry', async () => {
  const line = async (figures: { unclaimed: number; oneStar: number; easiestDomains: string[] }) =>
    (await renderInRouter(createElement(SupplyLine, { ...figures, demoRated: 0 }))).replace(
      /<[^>]+>/g,
      '',
    )
  expect(await line({ unclaimed: 3, oneStar: 1, easiestDomains: ['web'] })).toBe(
    '3 projects open and free to take, of which 1 project is rated 1★ (the easiest) on at least one axis. The easiest, rated 1★ on both axes, are in web (each project’s main domain, the one its domain rating is for).',
  )
  const none = await line({ unclaimed: 2, oneStar: 0, easiestDomains: [] })
  expect(none).toBe(
    '2 projects open and free to take, of which 0 projects are rated 1★ (the easiest) on at least one axis. None is rated 1★ on both axes yet.',
  )
  expect(none).not.toMatch(/run dry|waiting for a rating/)
})

test('a maintainer’s home page offers “Prepare the call” once, in “For you”; others find it in the page’s list', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const cam = await createAccount(db, 'cam')
  const home = async (accountId?: number) => {
    const data = await (await callLoader(loader, '/', { accountId })).json()
    return (await renderRouteWith(IndexRoute, data, '/')).replaceAll('<!-- -->', '')
  }
  const times = (html: string) => html.match(/Prepare the call/g)?.length ?? 0
  const forDana = await home(dana.id)
  expect(times(forDana)).toBe(1)
  expect(forDana).toContain('Prepare the call: ')
  expect(times(await home(cam.id))).toBe(1)
  expect(times(await home())).toBe(1)
})

test('a maintainer is met with the offers to mentor that wait for her, each project linked to its offers', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const kim = await createGitHubAccount(db, 'kim')
  const tcp = await createProject(db, { title: 'TCP tests', mentors: ['Hannes'] })
  await offerToMentor(tcp, { ...kim, isMaintainer: false }, db)
  // Read, the notice no longer reminds her: the queue still does until the offer is settled.
  await db.updateTable('notification').set({ read_at: new Date() }).execute()

  const { text, html } = await renderForYou(dana.id)
  expect(text).toContain('1 offer to mentor waiting for a yes or no, on TCP tests, made today')
  expect(html).toContain(`href="/starter/${tcp}#mentor-offers-heading"`)

  const [offer] = await listOpenMentorOffers(tcp, db)
  await settleMentorOffer(tcp, offer!.id, 'added', { ...dana, isMaintainer: true }, db)
  expect((await renderForYou(dana.id)).text).not.toContain('offer to mentor')
})

test('a maintainer is told where the 1★ supply has run dry, linked to the supply page and to tagging a project', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  await createProject(db, { primaryDomain: 'networking', languageStars: 1, domainStars: 1 })
  await createProject(db, { primaryDomain: 'security', languageStars: 3, domainStars: 3 })

  const { text, html, data } = await renderForYou(dana.id)
  expect(data.queue.dryDomains).toContain('security')
  expect(data.queue.dryDomains).not.toContain('networking')
  expect(text).toMatch(
    /1★ supply has run dry in [a-z, ]*security[a-z, ]*: tag new starter projects there/,
  )
  expect(html).toContain('href="/starter/supply"')
  expect(html).toContain('href="/starter/new"')
})

test('a maintainer is told of the label changes the board still has to apply, until they are queued', async () => {
  const db = getDb()
  const dana = await createMaintainer(db, 'dana')
  const { mirror } = await import('../../test/mirror')
  await mirror(db, repositoryPayload('mirage/a'), [issuePayload('mirage/a', 1, { labels: [] })])
  // Tagged and rated: the plan puts its starter, domain, level and size labels on the issue.
  await createProject(db, { issue: 'mirage/a#1', primaryDomain: 'networking', size: 'week' })

  const before = await renderForYou(dana.id)
  expect(before.data.queue.labelChanges).toMatchObject({ changes: 5, issues: 1 })
  expect(before.text).toContain('5 label changes on 1 issue to review and apply')
  expect(before.html).toContain('href="/labels"')

  // Applied, they wait in the outbox: nothing is left to review.
  const applied = await callAction(
    labelsAction,
    '/labels?index',
    { intent: 'apply-all' },
    {
      accountId: dana.id,
    },
  )
  expect(applied.status).toBe(200)
  const after = await renderForYou(dana.id)
  expect(after.data.queue.labelChanges).toMatchObject({ changes: 0, issues: 0 })
  expect(after.text).not.toContain('label change')
})

test('on the demo, the label changes to apply say they are on the demo’s copies, where nothing is sent', async () => {
  const db = getDb()
  await loadDemoData(db)
  const mia = await createAccount(db, 'demo-maintainer-9', 'maintainer')
  const { data, html, text } = await renderForYou(mia.id)
  const labels = data.queue.labelChanges
  // Every repository of the demo is a copy: all its plan's changes are on copies.
  expect(labels.changes).toBeGreaterThan(0)
  expect(labels.onCopies).toEqual({ changes: labels.changes, issues: labels.issues })
  expect(labels.refused).toEqual({ changes: 0, issues: 0 })
  expect(text).toMatch(
    /\d+ label changes? on \d+ issues? to review and apply ?demo: the demo’s repositories are copies, nothing is sent/,
  )
  expect(html).toContain('bg-amber-100')
})

test('a demo maintainer on a mirror of GitHub is told she may review the label changes, not that she may apply them', async () => {
  const db = getDb()
  const { mirror } = await import('../../test/mirror')
  await mirror(db, repositoryPayload('mirage/a'), [issuePayload('mirage/a', 1, { labels: [] })])
  await createProject(db, { issue: 'mirage/a#1', primaryDomain: 'networking', size: 'week' })

  // A demo maintainer is refused applying changes to a mirror (listDemoBlockedRepositories).
  const demo = await createAccount(db, 'dana', 'maintainer')
  const refused = await renderForYou(demo.id)
  expect(refused.data.queue.labelChanges).toMatchObject({
    changes: 5,
    issues: 1,
    onCopies: { changes: 0, issues: 0 },
    refused: { changes: 5, issues: 1 },
  })
  expect(refused.text).not.toContain('to review and apply')
  expect(refused.text).toContain(`5 label changes on 1 issue to review ${DEMO_CANNOT_APPLY}`)
  expect(refused.html).not.toContain('bg-amber-100')

  // A maintainer signed in with GitHub is offered to apply them, with no demo note.
  const real = await createMaintainer(db, 'rita')
  const offered = await renderForYou(real.id)
  expect(offered.text).toContain('5 label changes on 1 issue to review and apply')
  expect(offered.text).not.toContain(DEMO_CANNOT_APPLY)
  expect(offered.text).not.toContain('demo’s repositories are copies')
})

test('"For you" leaves out "X is working on …" once that claim ended: a returning follower was told someone works on a free project', async () => {
  const db = getDb()
  const cam = await createGitHubAccount(db, 'cam')
  const rin = await createGitHubAccount(db, 'rin')
  const projectId = await createProject(db, { title: 'Perf tests', size: 'elastic' })
  await setFollowing(cam.id, { type: 'project', id: projectId }, true, db)
  const claim = await claimStarterProject(projectId, rin, db)
  const titles = async () =>
    (await renderForYou(cam.id)).data.newNotices.map((n: { title: string }) => n.title)
  expect(await titles()).toEqual([expect.stringContaining('is working on “Perf tests”')])

  await endClaim(projectId, claim.id, rin, 'done', db)
  // Her finish is the news; the claim it ended is no longer named (the inbox keeps both).
  expect(await titles()).toEqual([expect.stringContaining('finished “Perf tests”')])
  expect((await renderForYou(cam.id)).data.unread.count).toBe(2)
})

test('"For you" says under "X is working on …" who answered it and when, as the inbox does', async () => {
  const db = getDb()
  const mo = await createGitHubAccount(db, 'mo')
  const lu = await createGitHubAccount(db, 'lu')
  const nia = await createGitHubAccount(db, 'nia')
  const projectId = await createProject(db, { title: 'TCP tests', mentors: ['@mo', '@lu'] })
  const claim = await claimStarterProject(projectId, nia, db)
  expect((await renderForYou(mo.id)).text).not.toContain('answered')

  await answerClaim(projectId, claim.id, { ...lu, isMaintainer: false }, { message: 'Hi!' }, db)
  const { html, text } = await renderForYou(mo.id)
  expect(text).toContain('is working on “TCP tests”')
  expect(text).toMatch(new RegExp(`answered by lu on ${formatDate(new Date())}: see the answer`))
  expect(html).toContain(`href="/starter/${projectId}#claims-heading"`)
})
