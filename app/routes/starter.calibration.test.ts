import { expect, test } from 'vitest'

import type { Stars } from '../../db/schema'
import { setupTestDatabase } from '../../test/database'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createGitHubAccount, createProject } from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { claimStarterProject, endClaim, submitClaimFeedback } from '../starter/claim.server'
import { getStarterProject } from '../starter/project.server'

import StarterCalibrationRoute, { action, loader } from './starter.calibration'

const getDb = setupTestDatabase()

const load = (query: string, accountId?: number) =>
  callLoader(loader, `/starter/calibration${query}`, { accountId })

const post = (form: Record<string, string>, accountId?: number) =>
  callAction(action, '/starter/calibration', form, { accountId })

/** Contributors each claim, finish and report the stars they met on the language axis. */
async function reportLanguage(projectId: number, stars: Stars[]) {
  for (const [index, language] of stars.entries()) {
    const person = await createAccount(getDb(), `reporter-${projectId}-${index}`)
    const claim = await claimStarterProject(projectId, person, getDb())
    await endClaim(projectId, claim.id, person, index % 2 === 0 ? 'done' : 'abandoned', getDb())
    await submitClaimFeedback(
      projectId,
      claim.id,
      person,
      { languageStars: language, domainStars: 1, timeTaken: 'week', note: '' },
      getDb(),
    )
  }
}

test('the calibration page is for maintainers only', async () => {
  const ana = await createAccount(getDb(), 'ana')
  expect((await load('')).status).toBe(401)
  expect((await load('', ana.id)).status).toBe(403)
  const form = { intent: 'rerate', projectId: '1', axis: 'language', from: '1', stars: '2' }
  expect((await post(form)).status).toBe(401)
  expect((await post(form, ana.id)).status).toBe(403)
})

test('drift is listed per maintainer and domain with the suggested re-rate preselected', async () => {
  const [mia, ben] = [
    await createAccount(getDb(), 'mia', 'maintainer'),
    await createAccount(getDb(), 'ben', 'maintainer'),
  ]
  const tcp = await createProject(
    getDb(),
    { title: 'TCP', size: 'elastic', languageStars: 1, domainStars: 1 },
    mia,
  )
  const dns = await createProject(
    getDb(),
    {
      title: 'DNS',
      size: 'elastic',
      primaryDomain: 'storage',
      languageStars: null,
      domainStars: 1,
    },
    ben,
  )
  const calm = await createProject(
    getDb(),
    { title: 'Calm', size: 'elastic', languageStars: 2, domainStars: 1 },
    mia,
  )
  await reportLanguage(tcp, [3, 2])
  await reportLanguage(dns, [2, 2])
  await reportLanguage(calm, [2, 3])

  const all = await (await load('', mia.id)).json()
  expect(
    all.drift.map((row: { title: string; axis: string; kind: string; suggested: number }) => [
      row.title,
      row.axis,
      row.kind,
      row.suggested,
    ]),
  ).toEqual([
    ['TCP', 'language', 'harder', 3],
    ['DNS', 'language', 'unrated', 2],
  ])
  // The factory's accounts are demo people outside the demo's cast.
  expect(all.maintainers).toEqual([
    { login: 'ben', name: 'ben (demo person)', count: 1 },
    { login: 'mia', name: 'mia (demo person)', count: 1 },
  ])
  expect(all.domains.map((d: { name: string }) => d.name).sort()).toEqual(['networking', 'storage'])

  const mias = await (await load('?maintainer=MIA', mia.id)).json()
  expect(mias.drift.map((row: { title: string }) => row.title)).toEqual(['TCP'])
  const storage = await (await load('?domain=storage', mia.id)).json()
  expect(storage.drift.map((row: { title: string }) => row.title)).toEqual(['DNS'])

  // Half of the claims per project were abandoned (the reporters alternate).
  const languageLevels = all.abandonment.filter((row: { axis: string }) => row.axis === 'language')
  expect(languageLevels.find((row: { level: number }) => row.level === 1)).toMatchObject({
    ended: 2,
    abandoned: 1,
    abandonmentRate: 0.5,
  })
})

test('a demo rater goes by her demo name, a real one by login; the filter keeps logins', async () => {
  const dana = {
    id: await ensureDemoAccount(DEMO_PEOPLE[0], getDb()),
    login: DEMO_PEOPLE[0].login,
  }
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  const tcp = await createProject(
    getDb(),
    { title: 'TCP', size: 'elastic', languageStars: 1 },
    dana,
  )
  const dns = await createProject(
    getDb(),
    { title: 'DNS', size: 'elastic', languageStars: 1 },
    hannes,
  )
  await reportLanguage(tcp, [3, 3])
  await reportLanguage(dns, [3, 3])

  const page = await (await load('', dana.id)).json()
  expect(page.maintainers).toEqual([
    { login: 'demo-maintainer', name: 'Dana (demo maintainer)', count: 1 },
    { login: 'hannesm', name: 'hannesm', count: 1 },
  ])
  expect(
    page.drift.map((row: { title: string; maintainerName: string }) => [
      row.title,
      row.maintainerName,
    ]),
  ).toEqual([
    ['TCP', 'Dana (demo maintainer)'],
    ['DNS', 'hannesm'],
  ])
  const danas = await (await load('?maintainer=demo-maintainer', dana.id)).json()
  expect(danas.drift.map((row: { title: string }) => row.title)).toEqual(['TCP'])
})

test('a lone report that disagrees is shown apart, with a re-rate, not counted as drift: a finished project gets no second', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  // One person each: done once finished, so no second report can come.
  const harder = await createProject(getDb(), { title: 'Harder', languageStars: 1 }, mia)
  const agreed = await createProject(getDb(), { title: 'Agreed', languageStars: 2 }, mia)
  const twice = await createProject(
    getDb(),
    { title: 'Twice', size: 'elastic', languageStars: 1 },
    mia,
  )
  await reportLanguage(harder, [3])
  await reportLanguage(agreed, [2])
  await reportLanguage(twice, [3, 3])

  const page = await (await load('', mia.id)).json()
  expect(page.drift.map((row: { title: string }) => row.title)).toEqual(['Twice'])
  expect(page.tooFewReports).toMatchObject([
    {
      title: 'Harder',
      axis: 'language',
      rating: 1,
      reports: 1,
      suggested: 3,
      kind: 'harder',
      // createAccount makes demo accounts: named as such.
      maintainerName: 'mia (demo person)',
    },
  ])
  // The filters apply to it as to the drift.
  expect((await (await load('?domain=storage', mia.id)).json()).tooFewReports).toEqual([])

  const rerate = { intent: 'rerate', projectId: String(harder), axis: 'language', from: '1' }
  expect((await post({ ...rerate, stars: '3' }, mia.id)).status).toBe(200)
  expect((await (await load('', mia.id)).json()).tooFewReports).toEqual([])
})

/** The page as a maintainer reads it: its HTML, and its text with the tags taken out. */
async function renderPage(accountId: number) {
  const html = await renderRouteWith(
    StarterCalibrationRoute,
    await (await load('', accountId)).json(),
    '/starter/calibration',
  )
  const text = html
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
  return { html, text }
}

test('the notice of a lone report far from the rating leads to its entry here, which says how long finishing took', async () => {
  const db = getDb()
  const mia = await createAccount(db, 'mia', 'maintainer')
  const nia = await createGitHubAccount(db, 'nia')
  const id = await createProject(db, { title: 'Window scaling', languageStars: 1 }, mia)
  const claim = await claimStarterProject(id, nia, db)
  await endClaim(id, claim.id, nia, 'done', db)
  await submitClaimFeedback(
    id,
    claim.id,
    nia,
    { languageStars: 3, domainStars: 1, timeTaken: 'month', note: '' },
    db,
  )
  const notice = await db
    .selectFrom('notification')
    .select(['title', 'link'])
    .where('account_id', '=', mia.id)
    .where('kind', '=', 'report_disagrees')
    .executeTakeFirstOrThrow()
  expect(notice).toEqual({
    title: 'nia found “Window scaling” harder than rated: OCaml 3★ met, rated 1★',
    link: `/starter/calibration#drift-${id}-language`,
  })
  const { html, text } = await renderPage(mia.id)
  expect(html).toContain(`id="drift-${id}-language"`)
  expect(text).toContain('Finished in about a month (1 report)')
})

test('an entry whose time rests on demo reports says so; no finished report, no time', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const demoOnly = await createProject(getDb(), { title: 'Demo only', languageStars: 1 }, mia)
  await reportLanguage(demoOnly, [3])
  const { text } = await renderPage(mia.id)
  expect(text).toContain('Finished in about a week (1 demo report)')

  // The one report of a claim stopped halfway says nothing of how long finishing takes.
  const stopped = await createProject(getDb(), { title: 'Stopped', languageStars: 1 }, mia)
  const cy = await createAccount(getDb(), 'cy')
  const claim = await claimStarterProject(stopped, cy, getDb())
  await endClaim(stopped, claim.id, cy, 'abandoned', getDb())
  await submitClaimFeedback(
    stopped,
    claim.id,
    cy,
    { languageStars: 3, domainStars: 1, timeTaken: 'longer', note: '' },
    getDb(),
  )
  const page = await (await load('', mia.id)).json()
  expect(
    page.tooFewReports.map((row: { title: string; finishedTime: unknown }) => [
      row.title,
      row.finishedTime,
    ]),
  ).toEqual([
    ['Demo only', { typical: 'week', reports: 1, demoReports: 1 }],
    ['Stopped', { typical: null, reports: 0, demoReports: 0 }],
  ])
  expect((await renderPage(mia.id)).text).not.toContain('more than a month')
})

test('a maintainer or domain whose only row is a lone report can be picked in the filters', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const ben = await createAccount(getDb(), 'ben', 'maintainer')
  const twice = await createProject(
    getDb(),
    { title: 'Twice', size: 'elastic', languageStars: 1, primaryDomain: 'networking' },
    mia,
  )
  const lone = await createProject(
    getDb(),
    { title: 'Lone', languageStars: 1, primaryDomain: 'storage' },
    ben,
  )
  await reportLanguage(twice, [3, 3])
  await reportLanguage(lone, [3])

  const page = await (await load('', mia.id)).json()
  expect(page.drift.map((row: { title: string }) => row.title)).toEqual(['Twice'])
  expect(page.maintainers.map((entry: { login: string }) => entry.login)).toEqual(['ben', 'mia'])
  expect(page.domains).toEqual([
    { name: 'networking', count: 1 },
    { name: 'storage', count: 1 },
  ])
  const bens = await (await load('?maintainer=ben', mia.id)).json()
  expect(bens.drift).toEqual([])
  expect(bens.tooFewReports.map((row: { title: string }) => row.title)).toEqual(['Lone']) // "All" counts what the raters' counts add up to: both lists' rows.
  expect((await renderPage(mia.id)).text).toMatch(
    /All \(2\) ben \(demo person\) \(1\) mia \(demo person\) \(1\)/,
  )
})

test('re-rating from the calibration page is audited and clears the drift', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const id = await createProject(getDb(), { size: 'elastic', languageStars: 1 }, mia)
  await reportLanguage(id, [3, 3])
  const response = await post(
    { intent: 'rerate', projectId: String(id), axis: 'language', from: '1', stars: '3' },
    mia.id,
  )
  expect(response.status).toBe(200)
  expect((await response.json()).message).toMatch(/OCaml difficulty 1★ → 3★/)
  const project = await getStarterProject(id, getDb())
  expect(project?.language_stars).toBe(3)
  expect(project?.ratingHistory[0]).toMatchObject({
    actor_login: 'mia',
    from_stars: 1,
    to_stars: 3,
  })
  expect((await (await load('', mia.id)).json()).drift).toEqual([])
})

test('a re-rate names the project it changed (its row leaves the list) and the axis as the page does', async () => {
  // A real maintainer (push access, checked just now) and a demo one.
  const mia = await createGitHubAccount(getDb(), 'mia')
  await getDb()
    .updateTable('account')
    .set({ has_push_access: true, push_access_checked_at: new Date() })
    .where('id', '=', mia.id)
    .execute()
  const dana = await ensureDemoAccount(DEMO_PEOPLE[0], getDb())
  const id = await createProject(getDb(), { title: 'TCP', size: 'elastic', languageStars: 1 }, mia)
  await reportLanguage(id, [3, 3])
  const form = { intent: 'rerate', projectId: String(id), axis: 'language', from: '1', stars: '3' }

  expect(await (await post(form, mia.id)).json()).toEqual({
    ok: true,
    message: 'Re-rated OCaml difficulty 1★ → 3★:',
    project: { id, title: 'TCP' },
  })
  // A demo person's re-rate is a demo action, and says so.
  expect(await (await post({ ...form, from: '3', stars: '2' }, dana)).json()).toEqual({
    ok: true,
    message: 'Re-rated OCaml difficulty 3★ → 2★ (a demo action):',
    project: { id, title: 'TCP' },
  })
})

test('a bad or stale re-rate is refused with a clear message and changes nothing', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const id = await createProject(getDb(), { languageStars: 2, domainStars: 2 }, mia)
  const before = await getStarterProject(id, getDb())
  const base = { intent: 'rerate', projectId: String(id), axis: 'language', from: '2', stars: '3' }
  const cases: [Record<string, string>, number, RegExp][] = [
    [{ ...base, stars: '4' }, 400, /1, 2 or 3 stars/],
    [{ ...base, stars: 'unrated' }, 400, /1, 2 or 3 stars/],
    [{ ...base, axis: 'size' }, 400, /language or domain/],
    [{ ...base, intent: 'delete' }, 400, /not something this page can do/],
    [{ ...base, from: '1' }, 409, /re-rated this since/],
    [{ ...base, projectId: '999999' }, 404, /no such starter project/],
  ]
  for (const [form, status, message] of cases) {
    const response = await post(form, mia.id)
    expect(response.status).toBe(status)
    expect((await response.json()).message).toMatch(message)
  }
  expect(await getStarterProject(id, getDb())).toEqual(before)
})

test('the abandonment table says how many of the ended claims it counts were demo actions', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const id = await createProject(getDb(), { title: 'TCP', size: 'elastic', languageStars: 1 }, mia)
  const ana = await createGitHubAccount(getDb(), 'ana')
  const anaClaim = await claimStarterProject(id, ana, getDb())
  await endClaim(id, anaClaim.id, ana, 'abandoned', getDb())
  // Only real people's claims: nothing to say.
  expect((await (await load('', mia.id)).json()).abandonmentDemoNote).toBeNull()

  const noor = {
    id: await ensureDemoAccount(DEMO_PEOPLE[3], getDb()),
    login: DEMO_PEOPLE[3].login,
  }
  const noorClaim = await claimStarterProject(id, noor, getDb())
  await endClaim(id, noorClaim.id, noor, 'done', getDb())
  expect((await (await load('', mia.id)).json()).abandonmentDemoNote).toBe(
    '1 of the 2 ended claims counted here was a demo person’s: a demo action.',
  )
})
