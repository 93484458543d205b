import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE, DEMO_SEED_PEOPLE } from '../accounts/person'
import { listNotifications } from '../notifications/inbox.server'
import { getMyWork } from '../notifications/my-work.server'
import { claimStarterProject } from '../starter/claim.server'
import { getStarterProject } from '../starter/project.server'

import { getDemoCast, SEEDED_DEEDS, WHAT_THEY_SHOW } from './demo-cast.server'
import { DEMO_SEED_DIR, loadDemoData } from './demo.server'
import type { StarterProjectSeed } from './starter-demo.server'
import { DEMO_MENTORS, DEMO_RATINGS } from './starter-triage-demo.server'

const getDb = setupTestDatabase()

const person = (id: string) => DEMO_PEOPLE.find((candidate) => candidate.id === id)!

async function projectByKey(key: string) {
  return getDb()
    .selectFrom('starter_project')
    .select(['id', 'title', 'mentors_named_by'])
    .where('source_key', '=', key)
    .executeTakeFirstOrThrow()
}

test('the demo’s mentors are people a visitor can be, on open projects the 2015 list named nobody for, named by the seeded maintainer who rated them', async () => {
  await loadDemoData(getDb())
  const seeds = JSON.parse(
    await readFile(path.join(DEMO_SEED_DIR, 'starter-projects.json'), 'utf8'),
  ) as StarterProjectSeed[]
  const sam = await getDb()
    .selectFrom('account')
    .select('id')
    .where('login', '=', 'demo-seed-maintainer')
    .executeTakeFirstOrThrow()
  for (const { key, mentor } of DEMO_MENTORS) {
    // Nobody mentored it in the source: naming one rewrites no history.
    expect(seeds.find((seed) => seed.key === key)?.mentors, key).toEqual([])
    expect(DEMO_RATINGS.find((rating) => rating.key === key)?.by, key).toBe('seed-maintainer')
    const { id, mentors_named_by } = await projectByKey(key)
    expect(mentors_named_by, key).toBe(sam.id)
    const project = (await getStarterProject(id, getDb()))!
    expect(project.status).toBe('open')
    expect(project.claims).toEqual([])
    expect(project.mentors.map((m) => m.name)).toEqual([person(mentor).login])
    // The page says who named them, as the demo action it is.
    expect(project.mentors_named_by_demo).toBe(true)
  }
})

test('in the demo, a newcomer’s claim on a first step reaches its mentor, a maintainer a visitor can sign in as', async () => {
  await loadDemoData(getDb())
  const noor = await ensureDemoAccount(person('newcomer'), getDb())
  const dana = await ensureDemoAccount(person('maintainer'), getDb())
  const entry = DEMO_MENTORS.find((candidate) => candidate.mentor === 'maintainer')!
  const project = await projectByKey(entry.key)
  // Her inbox holds the seeded requests, as any maintainer's does; of projects, nothing yet.
  const aboutProjects = async () =>
    (await listNotifications(dana, null, getDb())).items.filter((item) =>
      item.kind.startsWith('project_'),
    )
  expect(await aboutProjects()).toEqual([])

  await claimStarterProject(project.id, { id: noor, login: 'demo-newcomer' }, getDb())

  const items = await aboutProjects()
  expect(items.map((item) => [item.kind, item.title, item.is_demo_action])).toEqual([
    ['project_claimed', `Noor (demo newcomer) is working on “${project.title}”`, true],
  ])
})

test('in the demo, a mentor who is no maintainer: Cam finds the project Sam named him mentor of, and its two demo reports, on My work', async () => {
  await loadDemoData(getDb())
  expect(person('contributor').role).toBe('contributor')
  const cam = await ensureDemoAccount(person('contributor'), getDb())
  const perf = await projectByKey('pp-17')
  const { mentored } = await getMyWork(cam, getDb())
  expect(mentored).toEqual([
    expect.objectContaining({ id: perf.id, claims: [], reports: 2, demo_reports: 2 }),
  ])
})

test('the sign-in page’s cast: whom the demo acted as and what it did, and the mentors it named among the people one can be', async () => {
  await loadDemoData(getDb())
  const cast = await getDemoCast(getDb())
  expect(cast.seeded.map(({ name, role }) => [name, role])).toEqual([
    ['Sam (seeded demo maintainer)', 'maintainer'],
    ['Kai (second seeded demo maintainer)', 'maintainer'],
    ['Lee (seeded demo contributor)', 'contributor'],
    ['Rin (seeded demo newcomer)', 'newcomer (contributor)'],
  ])
  // Each line's counts are what the load did, as the audit records it.
  const ratings = await getDb()
    .selectFrom('rating_audit')
    .select(['actor_login', (eb) => eb.fn.countAll<number>().as('count')])
    .where('axis', '=', 'language')
    .groupBy('actor_login')
    .execute()
  const ratedBy = (login: string) => Number(ratings.find((row) => row.actor_login === login)?.count)
  expect(SEEDED_DEEDS['seed-maintainer']).toBe(
    `rated ${ratedBy('demo-seed-maintainer')} Pioneer Projects (naming Dana, Ari and Cam mentors of 4), answered one of Rin’s requests and welcomed her on its project, linked MirageOS issues to 2 agreed efforts and opened the demo round`,
  )
  expect(SEEDED_DEEDS['seed-maintainer-2']).toBe(
    `rated ${ratedBy('demo-seed-maintainer-2')} Pioneer Projects and voted in the demo round`,
  )
  expect(cast.seeded.map((entry) => entry.deeds)).toEqual(
    DEMO_SEED_PEOPLE.map((seeded) => SEEDED_DEEDS[seeded.id]),
  )

  const titles = async (keys: string[]) =>
    Promise.all(keys.map(async (key) => `“${(await projectByKey(key)).title}”`))
  const [tls, scraper] = await titles(['pp-14', 'pp-48'])
  const [imap, perf] = await titles(['pp-13', 'pp-17'])
  // Newcomers and contributors first, maintainers after: each with a plain line of what she
  // shows, and the projects the demo named her mentor of, as the demo action it was.
  expect(cast.visitors.map(({ name, role, note }) => [name, role, note])).toEqual([
    ['Noor (demo newcomer)', 'newcomer (contributor)', WHAT_THEY_SHOW.newcomer],
    // A mentor who is no maintainer: the project's reports are there to read.
    [
      'Cam (demo contributor)',
      'contributor',
      `${WHAT_THEY_SHOW.contributor} Mentor of ${perf}, named so by Sam (seeded demo maintainer): a demo action.`,
    ],
    [
      'Dana (demo maintainer)',
      'maintainer',
      `${WHAT_THEY_SHOW.maintainer} Mentor of ${tls} and ${scraper}, named so by Sam (seeded demo maintainer): a demo action.`,
    ],
    [
      'Ari (second demo maintainer)',
      'maintainer',
      `${WHAT_THEY_SHOW['maintainer-2']} Mentor of ${imap}, named so by Sam (seeded demo maintainer): a demo action.`,
    ],
  ])
  // No tour script: a line says what the person shows, not whom to be next.
  for (const visitor of cast.visitors) expect(visitor.note).not.toMatch(/come back as/)
})

test('untriaged, the demo acted as nobody: the cast names no seeded person and no mentor, only what each person shows', async () => {
  await loadDemoData(getDb(), undefined, { triaged: false })
  const cast = await getDemoCast(getDb())
  expect(cast.seeded).toEqual([])
  expect(cast.visitors.map((visitor) => visitor.note)).toEqual([
    WHAT_THEY_SHOW.newcomer,
    WHAT_THEY_SHOW.contributor,
    WHAT_THEY_SHOW.maintainer,
    WHAT_THEY_SHOW['maintainer-2'],
  ])
})
