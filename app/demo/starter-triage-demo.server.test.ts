import { sql } from 'kysely'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { DEMO_PEOPLE, DEMO_SEED_PEOPLE } from '../accounts/person'
import { getBoardClock } from '../mirror/board-clock.server'
import { listNotifications } from '../notifications/inbox.server'
import { loader as apiLoader } from '../routes/api.starter-projects'
import { loader as projectLoader } from '../routes/starter.$id'
import { listDrift } from '../starter/calibration.server'
import { listEndedClaims } from '../starter/claim.server'
import { getGapDashboard } from '../starter/gap-request.server'
import { listedText, mentorsNamedText } from '../starter/listed'
import { getStarterProject } from '../starter/project.server'
import { getSupplyDashboard } from '../starter/supply.server'
import { ClaimHistory } from '../starter/ui/claim-history'
import { ProjectRatings, type RatedProject } from '../starter/ui/project-ratings'
import { PerceivedBadge } from '../starter/ui/stars'
import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'

import { loadDemoData } from './demo.server'
import { DEMO_MENTORS, DEMO_RATINGS } from './starter-triage-demo.server'

const getDb = setupTestDatabase()

async function openProjects() {
  return getDb()
    .selectFrom('starter_project as p')
    .leftJoin('account as a', 'a.id', 'p.rated_by')
    .select([
      'p.id',
      'p.source_key',
      'p.language_stars',
      'p.domain_stars',
      'p.size',
      'p.legacy_note',
      'a.login as rater',
      'a.demo_role as rater_demo_role',
    ])
    .where('p.status', '=', 'open')
    .orderBy('p.source_key')
    .execute()
}

test('the demo ships with at least 20 open projects rated on both axes with a size, by demo maintainers', async () => {
  const loaded = await loadDemoData(getDb())
  expect(loaded.ratedProjects).toBe(DEMO_RATINGS.length)
  const rated = (await openProjects()).filter(
    (p) => p.language_stars !== null && p.domain_stars !== null && p.size !== null,
  )
  expect(rated.length).toBeGreaterThanOrEqual(20)
  for (const project of rated) {
    expect(project.rater_demo_role, project.source_key!).toBe('maintainer')
    expect(['demo-seed-maintainer', 'demo-seed-maintainer-2']).toContain(project.rater)
  }
  // The newcomer's case from issue 15: new to OCaml, knows networking, a day or a week to give.
  const networkingFirstSteps = rated.filter(
    (p) => ['pp-13', 'pp-29', 'pp-35'].includes(p.source_key!) && p.language_stars === 1,
  )
  expect(networkingFirstSteps).toHaveLength(3)
  expect(rated.filter((p) => p.size === 'day').length).toBeGreaterThanOrEqual(3)
})

test('every demo rating is in the audit, credited to a demo account; legacy star notes stay notes', async () => {
  await loadDemoData(getDb())
  const audit = await getDb()
    .selectFrom('rating_audit as ra')
    .leftJoin('account as a', 'a.id', 'ra.actor_id')
    .select(['ra.actor_login', 'ra.from_stars', 'a.demo_role'])
    .execute()
  // Two axes per rated project, each from "unrated".
  expect(audit).toHaveLength(DEMO_RATINGS.length * 2)
  expect(audit.every((row) => row.demo_role === 'maintainer' && row.from_stars === null)).toBe(true)
  const imap = (await openProjects()).find((p) => p.source_key === 'pp-13')
  expect(imap?.legacy_note).toMatch(/^Historical rating: 1★ on the old single 1-3★ scale/)
})

test('a demo-rated project listed in 2016-2018 is not said to come from the 2015 list', async () => {
  await loadDemoData(getDb())
  const dashboard = (await openProjects()).find((p) => p.source_key === 'pp-37')!
  const response = await callLoader(projectLoader, `/starter/${dashboard.id}`, {
    params: { id: String(dashboard.id) },
  })
  const { project } = (await response.json()) as {
    project: RatedProject & { listedEra: string | null }
  }
  expect(project.listedEra).toBe('2016-2018')
  const html = renderToStaticMarkup(
    createElement(ProjectRatings, { project, languageName: 'OCaml' }),
  )
  expect(html).toContain('a demo action, not a MirageOS decision;')
  expect(html).not.toContain('2015')
})

test('the project page says a demo rating is a demo action, in its line and in its history', async () => {
  await loadDemoData(getDb())
  const dhcp = (await openProjects()).find((p) => p.source_key === 'pp-04')!
  const response = await callLoader(projectLoader, `/starter/${dhcp.id}`, {
    params: { id: String(dhcp.id) },
  })
  const { project } = (await response.json()) as { project: RatedProject & { legacyNote: string } }
  expect(project.demoRater).toBe('Sam (seeded demo maintainer)')
  expect(project.ratingHistory.map((entry) => entry.is_demo)).toEqual([true, true])
  // The 2015 "5-star" stays the legacy note, not a rating.
  expect(project.legacyNote).toMatch(/5★ on the old single 1-3★ scale/)
  const html = renderToStaticMarkup(
    createElement(ProjectRatings, { project, languageName: 'OCaml' }),
  )
  // The date after a comma: no second pair of brackets after the demo name's.
  expect(html).toMatch(
    /Demo rating by Sam \(seeded demo maintainer\), \d{1,2} \w+ \d{4}: a demo action/,
  )
  expect(html).toMatch(
    /a demo action, not a MirageOS decision; the original Pioneer Projects list had no two-axis ratings\./,
  )
  // The history names the demo rater as every page does, by her demo name, and no second pair
  // of brackets follows the name's.
  expect(html.match(/Sam \(seeded demo maintainer\), a demo rating/g)).toHaveLength(2)
  expect(html).not.toContain(') (demo')
  expect(html).not.toContain('demo-seed-maintainer')
})

test('every demo rating shows as a demo action on its project page and in its audit rows', async () => {
  await loadDemoData(getDb())
  const rated = (await openProjects()).filter((p) => p.language_stars !== null)
  expect(rated).toHaveLength(DEMO_RATINGS.length)
  for (const { id, source_key } of rated) {
    const response = await callLoader(projectLoader, `/starter/${id}`, {
      params: { id: String(id) },
    })
    const { project } = (await response.json()) as { project: RatedProject }
    expect(project.demoRater, source_key!).toMatch(/^(Sam|Kai) \(.*seeded demo maintainer\)$/)
    expect(project.ratingHistory.every((entry) => entry.is_demo)).toBe(true)
    const html = renderToStaticMarkup(
      createElement(ProjectRatings, { project, languageName: 'OCaml' }),
    )
    expect(html).toContain('a demo action, not a MirageOS decision')
  }
})

test('every open project rated in the demo is one whose text was read: no done or inactive project is rated', async () => {
  await loadDemoData(getDb())
  const notOpen = await getDb()
    .selectFrom('starter_project')
    .select('source_key')
    .where('status', '<>', 'open')
    .where((eb) =>
      eb.or([eb('language_stars', 'is not', null), eb('domain_stars', 'is not', null)]),
    )
    .execute()
  expect(notOpen).toEqual([])
  expect(new Set(DEMO_RATINGS.map((r) => r.key)).size).toBe(DEMO_RATINGS.length)
})

test('the demo people claim, finish and report, and ask for what is missing, as demo actions', async () => {
  await loadDemoData(getDb())
  const claims = await getDb()
    .selectFrom('starter_claim as c')
    .innerJoin('account as a', 'a.id', 'c.account_id')
    .innerJoin('starter_project as p', 'p.id', 'c.project_id')
    .select(['p.source_key', 'a.login', 'a.demo_role', 'c.outcome', 'c.ended_at'])
    .orderBy('c.id')
    .execute()
  expect(claims.map((c) => [c.source_key, c.login, c.outcome])).toEqual([
    ['pp-17', 'demo-seed-contributor', 'done'],
    ['pp-17', 'demo-seed-newcomer', 'done'],
    ['pp-47', 'demo-seed-contributor', 'abandoned'],
    ['pp-29', 'demo-seed-newcomer', null],
  ])
  expect(claims.every((c) => c.demo_role !== null)).toBe(true)
  const reports = await getDb().selectFrom('claim_feedback').select('note').execute()
  expect(reports).toHaveLength(3)
  expect(reports.every((r) => r.note.startsWith('Demo: '))).toBe(true)
  const requests = await getDb()
    .selectFrom('gap_request')
    .select(['domains', 'note', 'answered_at', 'answer_note'])
    .orderBy('id')
    .execute()
  expect(requests.map((r) => [r.domains, r.answered_at !== null])).toEqual([
    [['networking'], true],
    [['storage'], false],
    [['platform'], false],
  ])
  expect(requests.every((r) => r.note.startsWith('Demo: '))).toBe(true)
  // The seeded demo maintainer's word to Rin is demo text too.
  expect(requests.map((r) => r.answer_note.slice(0, 6))).toEqual(['Demo: ', '', ''])
  // The answer reached Rin's inbox, marked as the demo action it is.
  const rin = await getDb()
    .selectFrom('account')
    .select('id')
    .where('login', '=', 'demo-seed-newcomer')
    .executeTakeFirstOrThrow()
  const { items } = await listNotifications(rin.id, null, getDb())
  // Newest first: her request answered, then Sam's welcome on the claim she made before it.
  expect(items.map((item) => [item.kind, item.is_demo_action])).toEqual([
    ['request_answered', true],
    ['claim_answered', true],
  ])
  expect(items[0]?.title).toMatch(
    /^Your “nothing fits me” request is answered: try “More tests.*” — “Demo: The tcpip tests/,
  )
  // Finishing an elastic project leaves it open for the next person.
  const perf = await getStarterProject(
    (await openProjects()).find((p) => p.source_key === 'pp-17')!.id,
    getDb(),
  )
  expect(perf?.status).toBe('open')
  expect(perf?.perceived).toEqual({ languageStars: 3, domainStars: 2, reports: 2, demoReports: 2 })
})

test('every seeded demo action is dated at the load, on one clock: the answer with its request', async () => {
  await loadDemoData(getDb())
  const db = getDb()
  // Seeded demo actions are made when the demo loads (decision 012: claims lapse like anyone's),
  // never backdated into the MirageOS data's past, where they would read as its history.
  const onDatabaseClock = [
    ...(await db.selectFrom('rating_audit').select('at').execute()).map((r) => r.at),
    ...(await db.selectFrom('starter_claim').select(['claimed_at', 'ended_at']).execute()).flatMap(
      (r) => [r.claimed_at, ...(r.ended_at ? [r.ended_at] : [])],
    ),
    ...(await db.selectFrom('claim_feedback').select('created_at').execute()).map(
      (r) => r.created_at,
    ),
    ...(await db.selectFrom('claim_answer').select('created_at').execute()).map(
      (r) => r.created_at,
    ),
    ...(await db.selectFrom('gap_request').select(['created_at', 'answered_at']).execute()).flatMap(
      (r) => [r.created_at, ...(r.answered_at ? [r.answered_at] : [])],
    ),
    ...(await db.selectFrom('notification').select('created_at').execute()).map(
      (r) => r.created_at,
    ),
    // The demo's open round opens at the load, and Kai's ballot is cast then.
    ...(await db.selectFrom('round').select('opens_at').where('kind', '=', 'ballot').execute()).map(
      (r) => r.opens_at,
    ),
    ...(await db.selectFrom('ballot').select('cast_at').execute()).map((r) => r.cast_at),
  ]
  // One transaction, one database clock: the seeded answer is dated with the request it answers
  // and every other seeded action, not by the server's clock a moment later.
  expect(new Set(onDatabaseClock.map((at) => at.toISOString())).size).toBe(1)
  const loadedAt = onDatabaseClock[0]!
  // Ratings and effort links are stamped by the server's clock during the same load.
  const onServerClock = [
    ...(await db.selectFrom('starter_project').select('rated_at').execute()).flatMap((r) =>
      r.rated_at ? [r.rated_at] : [],
    ),
    ...(await db.selectFrom('idea_link').select('linked_at').execute()).flatMap((r) =>
      r.linked_at ? [r.linked_at] : [],
    ),
    // The mentors a seeded maintainer names while rating (DEMO_MENTORS).
    ...(await db.selectFrom('starter_project').select('mentors_named_at').execute()).flatMap((r) =>
      r.mentors_named_at ? [r.mentors_named_at] : [],
    ),
  ]
  expect(onServerClock.length).toBeGreaterThan(0)
  const demoClock = (await getBoardClock(db)).now
  expect(demoClock.toISOString().slice(0, 10)).toBe('2024-05-26')
  for (const at of [...onDatabaseClock, ...onServerClock]) {
    expect(at.getTime()).toBeGreaterThan(demoClock.getTime())
    expect(at.getTime()).toBeGreaterThanOrEqual(loadedAt.getTime())
  }
})

test('loading the triaged demo twice adds no second round of demo actions', async () => {
  await loadDemoData(getDb())
  const notices = await getDb().selectFrom('notification').select('id').execute()
  expect(await loadDemoData(getDb())).toMatchObject({ starterProjects: 0, ratedProjects: 0 })
  expect(await getDb().selectFrom('rating_audit').select('id').execute()).toHaveLength(
    DEMO_RATINGS.length * 2,
  )
  expect(await getDb().selectFrom('starter_claim').select('id').execute()).toHaveLength(4)
  expect(await getDb().selectFrom('gap_request').select('id').execute()).toHaveLength(3)
  expect(await getDb().selectFrom('claim_answer').select('id').execute()).toHaveLength(1)
  expect(await getDb().selectFrom('notification').select('id').execute()).toEqual(notices)
  // The answered request and Sam's answer to her claim tell Rin; each request told the four demo maintainers (the two a
  // visitor signs in as among them), as demo actions; the demo's open round told the three
  // maintainers who did not open it (Sam did); Lee's and Rin's claims on the performance tests,
  // and their finishing it, told Cam, whom Sam named its mentor; each demo mentor was told she
  // was named (the rater names her on the tagging form, as a maintainer would). Each demo report a
  // star off the rating told the four demo maintainers and the project's mentors: the two on the
  // performance tests (OCaml 3★ met, rated 2★) told Cam too, the one on NAT (domain 3★ met, rated
  // 2★) has none.
  const kinds = await getDb()
    .selectFrom('notification')
    .select(['kind', 'is_demo_action'])
    .orderBy('kind')
    .execute()
  expect(kinds).toEqual([
    { kind: 'claim_answered', is_demo_action: true },
    ...Array.from({ length: 12 }, () => ({ kind: 'gap_requested', is_demo_action: true })),
    ...Array.from({ length: DEMO_MENTORS.length }, () => ({
      kind: 'mentor_named',
      is_demo_action: true,
    })),
    ...Array.from({ length: 3 }, () => ({ kind: 'project_claimed', is_demo_action: true })),
    ...Array.from({ length: 3 }, () => ({ kind: 'project_finished', is_demo_action: true })),
    ...Array.from({ length: 2 * 5 + 4 }, () => ({
      kind: 'report_disagrees',
      is_demo_action: true,
    })),
    { kind: 'request_answered', is_demo_action: true },
    ...Array.from({ length: 3 }, () => ({ kind: 'round_opened', is_demo_action: true })),
  ])
})

test('the calibration page flags the demo’s drift as a demo rating', async () => {
  await loadDemoData(getDb())
  const drift = await listDrift({ threshold: 0.75, minReports: 2 }, getDb())
  // Two demo reports found the performance project's OCaml side 3★ where Sam rated it 2★.
  expect(drift.map((row) => [row.title, row.axis, row.rating, row.isDemoRating])).toEqual([
    ['Performance regression testing (elastic, longer project)', 'language', 2, true],
  ])
  expect(drift[0]?.maintainerLogin).toBe('demo-seed-maintainer')
})

test('the demo’s supply has domains with no 1★ project only for want of ratings (storage among them) and its gap dashboard two requests', async () => {
  await loadDemoData(getDb())
  const { matrix } = await getSupplyDashboard(DEFAULT_STARTER_DOMAINS, 'language', getDb())
  // Each has unrated projects: waiting for a rating, not run dry.
  expect(matrix.dryDomains).toEqual([])
  const waiting = matrix.waitingForRating.map((row) => row.domain)
  expect(waiting).toContain('storage')
  expect(waiting).not.toContain('networking')
  expect(waiting).not.toContain('documentation')
  const gaps = await getGapDashboard(DEFAULT_STARTER_DOMAINS, {}, getDb())
  expect(gaps.open.items.map((request) => request.domains)).toEqual(
    expect.arrayContaining([['storage'], ['platform']]),
  )
})

test('the demo’s running claim shows as a demo claim on its project page', async () => {
  await loadDemoData(getDb())
  const tcpip = (await openProjects()).find((p) => p.source_key === 'pp-29')!
  const response = await callLoader(projectLoader, `/starter/${tcpip.id}`, {
    params: { id: String(tcpip.id) },
  })
  const { claims } = (await response.json()) as { claims: { login: string; is_demo: boolean }[] }
  expect(claims).toEqual([expect.objectContaining({ login: 'demo-seed-newcomer', is_demo: true })])
})

test('the demo’s running claim is welcomed by Sam, a demo answer wherever it shows, and Rin is told', async () => {
  await loadDemoData(getDb())
  const tcpip = (await openProjects()).find((p) => p.source_key === 'pp-29')!
  const rin = await getDb()
    .selectFrom('account')
    .select('id')
    .where('login', '=', 'demo-seed-newcomer')
    .executeTakeFirstOrThrow()
  // Signed out: mentors' answers are for signed-in people, as their contact is.
  const anonymous = await callLoader(projectLoader, `/starter/${tcpip.id}`, {
    params: { id: String(tcpip.id) },
  })
  expect((await anonymous.json()).answers).toEqual([])
  const visitor = await getDb()
    .selectFrom('account')
    .select('id')
    .where('login', '=', 'demo-newcomer')
    .executeTakeFirstOrThrow()
  const page = await callLoader(projectLoader, `/starter/${tcpip.id}`, {
    accountId: visitor.id,
    params: { id: String(tcpip.id) },
  })
  const { answers } = (await page.json()) as {
    answers: { login: string; message: string; is_demo: boolean }[]
  }
  expect(answers).toEqual([
    expect.objectContaining({ login: 'demo-seed-maintainer', is_demo: true }),
  ])
  expect(answers[0]!.message).toMatch(/^Demo: Welcome, Rin!/)
  const { items } = await listNotifications(rin.id, null, getDb())
  expect(items).toContainEqual(
    expect.objectContaining({
      title: expect.stringMatching(
        /^Sam \(seeded demo maintainer\) answered your claim on “More tests for mirage-tcpip”: “Demo: Welcome/,
      ),
      is_demo_action: true,
    }),
  )
})

test('demo contributors’ reports and claims say they are demo actions: project page, calibration, API', async () => {
  await loadDemoData(getDb())
  const perf = (await openProjects()).find((p) => p.source_key === 'pp-17')!
  const response = await callLoader(projectLoader, `/starter/${perf.id}`, {
    params: { id: String(perf.id) },
  })
  const { project } = (await response.json()) as { project: RatedProject }
  // The two reports that make the drift were written by Lee and Rin, seeded demo people.
  expect(project.perceived).toEqual({
    languageStars: 3,
    domainStars: 2,
    reports: 2,
    demoReports: 2,
  })
  const ratings = renderToStaticMarkup(
    createElement(ProjectRatings, { project, languageName: 'OCaml' }),
  )
  expect(ratings).toContain('from 2 reports, both demo actions')
  expect(
    renderToStaticMarkup(
      createElement(PerceivedBadge, {
        perceived: project.perceived,
        domainName: project.primaryDomain,
      }),
    ),
  ).toContain('(2 reports, both demo actions)')
  const ended = await listEndedClaims(perf.id, getDb())
  const history = renderToStaticMarkup(
    createElement(ClaimHistory, {
      endedClaims: JSON.parse(JSON.stringify(ended)),
      languageName: 'OCaml',
      canRerate: true,
    }),
  )
  // After the demo name's own brackets, no second pair.
  expect(history.replaceAll('<!-- -->', '').match(/\), a demo claim and report:/g)).toHaveLength(2)

  const [drift] = await listDrift({ threshold: 0.75, minReports: 2 }, getDb())
  expect(drift?.demoReports).toBe(2)

  const api = await callLoader(apiLoader, '/api/starter-projects?status=all&above=yes&limit=100')
  const { items } = (await api.json()) as {
    items: { id: number; perceived: { demoReports: number }; claims: unknown[] }[]
  }
  expect(items.find((item) => item.id === perf.id)?.perceived.demoReports).toBe(2)
  const tcpip = (await openProjects()).find((p) => p.source_key === 'pp-29')!
  expect(items.find((item) => item.id === tcpip.id)?.claims).toEqual([
    expect.objectContaining({ login: 'demo-seed-newcomer', isDemoAction: true }),
  ])
})

test('a project the notes give only an era for says so, instead of a made-up listing day', async () => {
  await loadDemoData(getDb())
  const projects = await openProjects()
  const load = async (key: string) => {
    const { id } = projects.find((p) => p.source_key === key)!
    const response = await callLoader(projectLoader, `/starter/${id}`, {
      params: { id: String(id) },
    })
    type Dates = {
      createdAt: string
      listedEra: string | null
      mentorsNamedAt: string | null
      mentorsNamedByDemo: boolean
    }
    return ((await response.json()) as { project: Dates }).project
  }
  // pp-29 comes from canopy-data, era 2016-2018, with no date: not "1 Jan 2016".
  const tcpip = await load('pp-29')
  expect(tcpip.listedEra).toBe('2016-2018')
  expect(listedText(tcpip)).toBe('Listed in 2016-2018 (the notes give no exact date)')
  // pp-17 was raised on the call of 2 December 2015: that day is known.
  const perf = await load('pp-17')
  expect(perf.listedEra).toBeNull()
  expect(listedText(perf)).toBe('Listed 2 Dec 2015')
  // Their mentors were named then: the page says so rather than presenting them as current.
  expect(mentorsNamedText(tcpip)).toBe('Named when the project was listed, in 2016-2018')
  const xenconsoled = await load('pp-06')
  expect(listedText(xenconsoled)).toBe('Listed 2 Dec 2015')
  expect(mentorsNamedText(xenconsoled)).toBe('Named when the project was listed, on 2 Dec 2015')
  // Sam named Cam mentor of the performance tests (DEMO_MENTORS): his demo action, said so.
  expect(perf.mentorsNamedByDemo).toBe(true)
  expect(mentorsNamedText(perf)).toMatch(/^Named on .+ by a demo person \(a demo action\)/)
})

test('a visitor signed in as a demo person starts with no history: the demo’s actions are the seeded people’s', async () => {
  await loadDemoData(getDb())
  const visitors = await getDb()
    .selectFrom('account')
    .select(['id', 'login'])
    .where(
      'login',
      'in',
      DEMO_PEOPLE.map((person) => person.login),
    )
    .execute()
  const ids = visitors.map((account) => account.id)
  const logins = visitors.map((account) => account.login)
  // Every column that says an account did something, found from the schema so none is missed.
  const { rows: references } = await sql<{ table_name: string; column_name: string }>`
    select cl.relname as table_name, a.attname as column_name
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
    where c.contype = 'f' and c.confrelid = 'account'::regclass`.execute(getDb())
  // Being told is not doing: a notice's recipient and one's own settings and sessions. Nor is
  // being named a mentor by a seeded maintainer (DEMO_MENTORS): the naming is his demo action.
  const received = new Set([
    'notification.account_id',
    'notification_setting.account_id',
    'starter_project_mentor.account_id',
  ])
  const acted: string[] = []
  for (const { table_name, column_name } of references) {
    if (received.has(`${table_name}.${column_name}`) || table_name === 'account_session') continue
    const { rows } = await sql<{
      count: number
    }>`select count(*)::int as count from ${sql.table(table_name)} where ${sql.ref(column_name)} in (${sql.join(ids)})`.execute(
      getDb(),
    )
    if (rows[0]!.count > 0) acted.push(`${table_name}.${column_name}: ${rows[0]!.count}`)
  }
  expect(acted).toEqual([])
  // Changes credited by login (rating audits, label changes) name no visitor either.
  const audits = await getDb()
    .selectFrom('rating_audit')
    .select('actor_login')
    .where('actor_login', 'in', logins)
    .execute()
  expect(audits).toEqual([])
  // And what is seeded still says it is a demo action: its people are demo accounts.
  const seeded = await getDb()
    .selectFrom('account')
    .select(['login', 'demo_role'])
    .where(
      'login',
      'in',
      DEMO_SEED_PEOPLE.map((person) => person.login),
    )
    .execute()
  expect(seeded).toHaveLength(DEMO_SEED_PEOPLE.length)
  expect(seeded.every((account) => account.demo_role !== null)).toBe(true)
})
