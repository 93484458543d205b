import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { finishSyncAsUpdated, mirror, mirrorTwoStarterCandidates } from '../../test/mirror'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, callLoader, type RouteForm } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'
import { claimRepositorySync } from '../mirror/sync-state.server'
import { TriageItemView } from '../starter/ui/triage-item'

import StarterTriageRoute, { action, loader } from './starter.triage'

const getDb = setupTestDatabase()

type Page = {
  position: string | null
  skipTo: string | null
  left: { count: number }
  contents: { projects: { total: number; toRate: number }; candidates: { count: number } }
  sitting: number
  item: { projectId: number; title: string; version: string } | null
  notices: {
    ignoredPosition: boolean
    movedOn: boolean
    wrapped: boolean
    outsideDomain: { kind: string; href: string } | null
    done: { kind: string; text: string } | null
  }
}

async function page(path: string, accountId: number) {
  const response = await callLoader(loader, path, { accountId })
  expect(response.status).toBe(200)
  return (await response.json()) as Page
}

const post = (form: RouteForm, accountId: number, path = '/starter/triage') =>
  callAction(action, path, form, { accountId })

async function threeUnratedProjects() {
  const db = getDb()
  const ids = []
  for (const title of ['First', 'Second', 'Third']) {
    ids.push(await createProject(db, { title, languageStars: null, domainStars: null }))
  }
  return ids
}

test('only maintainers see the queue: anonymous people are asked to sign in, others refused', async () => {
  const cam = await createAccount(getDb(), 'cam')
  expect((await callLoader(loader, '/starter/triage')).status).toBe(401)
  const refused = await callLoader(loader, '/starter/triage', { accountId: cam.id })
  expect(refused.status).toBe(403)
  expect(await refused.text()).toMatch(/^The triage queue is for maintainers/)
  expect((await post({ intent: 'save' }, cam.id)).status).toBe(403)
})

test('a maintainer goes through the queue: save, then the next item with how many stay in the queue', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const [first, second] = await threeUnratedProjects()
  const top = await page('/starter/triage', dana.id)
  expect(top.item).toMatchObject({ projectId: first, title: 'First' })
  expect([top.left.count, top.contents.projects.total, top.contents.candidates.count]).toEqual([
    3, 3, 0,
  ])

  const saved = await post(
    {
      intent: 'save',
      position: top.position!,
      version: top.item!.version,
      languageStars: '1',
      domainStars: '2',
      size: 'day',
      primaryDomain: 'networking',
      mentors: '@hannesm',
    },
    dana.id,
  )
  expect(saved.status).toBe(302)
  const next = await page(saved.headers.get('Location')!, dana.id)
  // Dana is a demo person: her save is a demo action, and the notice says so.
  expect(next.notices.done).toEqual({
    kind: 'rated',
    text: 'First',
    projectId: first,
    isDemo: true,
  })
  expect(next.item).toMatchObject({ projectId: second })
  expect([next.left.count, next.contents.projects.total, next.contents.candidates.count]).toEqual([
    2, 2, 0,
  ])
  const audit = await getDb()
    .selectFrom('rating_audit')
    .select(['project_id', 'axis', 'to_stars', 'actor_login'])
    .where('actor_login', '=', 'dana')
    .orderBy('axis')
    .execute()
  expect(audit).toEqual([
    { project_id: first, axis: 'domain', to_stars: 2, actor_login: 'dana' },
    { project_id: first, axis: 'language', to_stars: 1, actor_login: 'dana' },
  ])
})

test('the sitting counts what was saved or set aside, carried through saves and not counting failures', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await threeUnratedProjects()
  const top = await page('/starter/triage', dana.id)
  expect(top.sitting).toBe(0)
  const save = (at: Page, path?: string) =>
    post(
      {
        intent: 'save',
        position: at.position!,
        version: at.item!.version,
        languageStars: '1',
        domainStars: '1',
        size: 'day',
        primaryDomain: 'networking',
      },
      dana.id,
      path,
    )
  const first = await save(top)
  const afterFirst = await page(first.headers.get('Location')!, dana.id)
  expect(afterFirst.sitting).toBe(1)
  const second = await save(afterFirst, `/starter/triage?at=${afterFirst.position}&sitting=1`)
  const afterSecond = await page(second.headers.get('Location')!, dana.id)
  expect(afterSecond.sitting).toBe(2)
  // A save refused counts nothing: the page stays where it was, with no redirect to count on.
  const refused = await post(
    { intent: 'save', position: afterSecond.position!, version: 'stale', languageStars: '1' },
    dana.id,
    `/starter/triage?at=${afterSecond.position}&sitting=2`,
  )
  expect(refused.status).toBe(400)
  expect(refused.headers.get('Location')).toBeNull()
  // Anything but a whole number reads as a fresh sitting.
  for (const garbled of ['-1', '1e3', '9999999', 'x', '']) {
    expect((await page(`/starter/triage?sitting=${garbled}`, dana.id)).sitting).toBe(0)
  }
})

test('“Save and next” with nothing chosen saves nothing and says so, counting nothing done', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const [first, second] = await threeUnratedProjects()
  const top = await page('/starter/triage', dana.id)
  const versionBefore = top.item!.version
  // The form posted as it was drawn: every choice as the project already has it.
  const drawn = (
    (await (await callLoader(loader, '/starter/triage', { accountId: dana.id })).json()) as {
      item: { values: Record<string, string> }
    }
  ).item.values
  const saved = await post(
    {
      intent: 'save',
      position: top.position!,
      version: versionBefore,
      languageStars: drawn.languageStars!,
      domainStars: drawn.domainStars!,
      size: drawn.size!,
      primaryDomain: drawn.primaryDomain!,
      mentors: drawn.mentors!,
    },
    dana.id,
  )
  expect(saved.status).toBe(302)
  const next = await page(saved.headers.get('Location')!, dana.id)
  expect(next.notices.done).toMatchObject({ kind: 'unchanged', text: 'First', projectId: first })
  expect(next.sitting).toBe(0)
  expect(next.item).toMatchObject({ projectId: second })
  expect(next.left.count).toBe(2)
  expect(next.contents.projects.total).toBe(3)
  const again = await page(`/starter/triage?at=${top.position}`, dana.id)
  expect(again.item!.version).toBe(versionBefore)
  const html = (
    await renderRouteWith(StarterTriageRoute, next, saved.headers.get('Location')!)
  ).replaceAll('<!-- -->', '')
  expect(html).toContain('so nothing was saved: it stays in the queue')
  expect(html).not.toContain('Saved ')
})

test('skip walks on, and past the end comes back to the top saying so', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const [first, second, third] = await threeUnratedProjects()
  let current = await page('/starter/triage', dana.id)
  const seen = [current.item!.projectId]
  for (let step = 0; step < 2; step++) {
    current = await page(`/starter/triage?at=${current.skipTo}`, dana.id)
    seen.push(current.item!.projectId)
  }
  expect(seen).toEqual([first, second, third])
  expect(current.left.count).toBe(1)
  expect(current.skipTo).toBeNull()
  const wrapped = await page(`/starter/triage?after=${current.position}`, dana.id)
  expect(wrapped.notices.wrapped).toBe(true)
  expect(wrapped.item!.projectId).toBe(first)
})

test('a stale position says the item moved on and shows the next; a garbled one starts at the top', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const [first, second] = await threeUnratedProjects()
  const top = await page('/starter/triage', dana.id)
  await getDb()
    .updateTable('starter_project')
    .set({ status: 'inactive' })
    .where('id', '=', first!)
    .execute()
  const stale = await page(`/starter/triage?at=${top.position}`, dana.id)
  expect(stale.notices.movedOn).toBe(true)
  expect(stale.item!.projectId).toBe(second)

  const garbled = await page('/starter/triage?at=not-a-position', dana.id)
  expect(garbled.notices.ignoredPosition).toBe(true)
  expect(garbled.item!.projectId).toBe(second)
})

test('unknown actions, bad positions and conflicts are refused with a reason, nothing written', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await threeUnratedProjects()
  const top = await page('/starter/triage', dana.id)
  const refusals: [RouteForm, number, RegExp][] = [
    [{ intent: 'explode', position: top.position! }, 400, /not something the triage page can do/],
    [{ intent: 'save', position: 'garbage' }, 400, /queue position was not understood/],
    [{ intent: 'save', position: top.position!, version: 'x' }, 400, /which version/],
    [{ intent: 'save', position: top.position!, version: '1' }, 409, /^Someone else changed/],
    [
      { intent: 'dismiss', position: top.position!, version: top.item!.version, reason: '' },
      400,
      /Say why/,
    ],
  ]
  for (const [form, status, message] of refusals) {
    const response = await post(form, dana.id)
    expect(response.status).toBe(status)
    expect(((await response.json()) as { message: string }).message).toMatch(message)
  }
  expect(await getDb().selectFrom('rating_audit').select('id').execute()).toEqual([])
  expect(await getDb().selectFrom('starter_triage_dismissal').select('id').execute()).toEqual([])
})

test('a refused form names its field as the form labels it', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await threeUnratedProjects()
  const top = await page('/starter/triage', dana.id)
  const refusal = async (form: RouteForm) => {
    const response = await post(
      { position: top.position!, version: top.item!.version, ...form },
      dana.id,
    )
    expect(response.status).toBe(400)
    return ((await response.json()) as { message: string }).message
  }
  expect(await refusal({ intent: 'save', mentors: 'x'.repeat(2_001) })).toBe(
    'Mentors: must be at most 2000 characters.',
  )
  expect(
    await refusal({ intent: 'save', primaryDomain: 'networking', mentors: 'x'.repeat(101) }),
  ).toBe('Nothing was saved: Mentors: each mentor must be at most 100 characters.')
  expect(await refusal({ intent: 'dismiss', reason: 'x'.repeat(5_001) })).toBe(
    'Reason: must be at most 500 characters.',
  )
})

test('a project whose mentors are names only says whom, that nobody can reach them, and what would do', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const id = await createProject(db, {
    title: 'Canopy',
    mentors: ['Amir Chaudhry', 'David Sheets'],
  })
  const data = await page('/starter/triage', dana.id)
  expect(data.item).toMatchObject({ projectId: id })
  const html = (await renderRouteWith(StarterTriageRoute, data, '/starter/triage')).replaceAll(
    '<!-- -->',
    '',
  )
  const text = html.replace(/<[^>]+>/g, '')
  expect(text).toContain('1 open starter project missing only a mentor one can reach')
  expect(text).toContain(`Starter project #${id} · missing: a way to reach its mentors`)
  expect(text).toContain(
    'Amir Chaudhry and David Sheets are names only: no way to reach them is given, so a newcomer has nobody to ask. Write a mentor as an @login, name someone with an account here, or give a mentor contact above.',
  )
  expect(html).toContain('name="mentorContact"')
  expect(html).toContain('aria-describedby="triage-unreachable-mentors"')
  // Neither name carries a handle: nothing to offer.
  expect(text).not.toContain('If that is this mentor on GitHub')
})

test('a handle written beside a mentor’s name is offered as a login only when someone on the trackers goes by it', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const repo = repositoryPayload('mirage/irmin')
  await mirror(db, repo, [
    issuePayload(repo.full_name, 1, { user: { login: 'samoht' } }),
    issuePayload(repo.full_name, 2, { user: { login: 'samoht' } }),
    issuePayload(repo.full_name, 3, { user: { login: 'hannesm' } }),
  ])
  // "hannes" was an IRC nick: nobody here goes by it, so it is not offered as anyone's login.
  await createProject(db, {
    title: 'Irmin GC',
    mentors: ['Thomas Gazagnaire (SAMOHT)', 'Hannes Mehnert (hannes)', 'Richard (to write it up)'],
  })
  const data = await page('/starter/triage', dana.id)
  const text = (await renderRouteWith(StarterTriageRoute, data, '/starter/triage'))
    .replaceAll('<!-- -->', '')
    .replace(/<[^>]+>/g, '')
  expect(text).toContain(
    '“Thomas Gazagnaire (SAMOHT)”: samoht opened 2 issues or pull requests on this board’s trackers. If that is this mentor on GitHub, write @samoht in their place.',
  )
  expect(text.match(/If that is this mentor on GitHub/g)).toHaveLength(1)
})

test('the mentor contact is set in the queue: names with a contact can be reached, the project leaves the queue', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const id = await createProject(db, { mentors: ['Amir Chaudhry'] })
  const contact = async () =>
    (
      await db
        .selectFrom('starter_project')
        .select('mentor_contact')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).mentor_contact
  const top = await page('/starter/triage', dana.id)
  const save = (form: RouteForm) =>
    post(
      {
        intent: 'save',
        position: top.position!,
        version: top.item!.version,
        languageStars: '2',
        domainStars: '1',
        size: 'week',
        primaryDomain: 'networking',
        mentors: 'Amir Chaudhry',
        ...form,
      },
      dana.id,
    )
  // A contact no page could link safely: refused, named as the form labels it, nothing written.
  const refused = await save({ mentorContact: 'javascript:alert(1)' })
  expect(refused.status).toBe(400)
  expect(((await refused.json()) as { message: string }).message).toMatch(
    /^Nothing was saved: Mentor contact: may be a web address/,
  )
  expect(await contact()).toBeNull()

  expect((await save({ mentorContact: ' https://discuss.ocaml.org ' })).status).toBe(302)
  expect(await contact()).toBe('https://discuss.ocaml.org')
  expect((await page('/starter/triage', dana.id)).item).toBeNull()
})

test('a save from a form without the mentor contact field keeps the stored contact', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const id = await createProject(db, { languageStars: null, mentorContact: '#mirageos on Matrix' })
  const top = await page('/starter/triage', dana.id)
  const response = await post(
    {
      intent: 'save',
      position: top.position!,
      version: top.item!.version,
      languageStars: '2',
      domainStars: '1',
      size: 'week',
      primaryDomain: 'networking',
      mentors: '@hannesm',
    },
    dana.id,
  )
  expect(response.status).toBe(302)
  const stored = await db
    .selectFrom('starter_project')
    .select(['mentor_contact', 'language_stars'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  expect(stored).toEqual({ mentor_contact: '#mirageos on Matrix', language_stars: 2 })
})

test('a project rated by a demo person shows whose ratings the form starts from, as a demo action', async () => {
  const db = getDb()
  const ari = await createAccount(db, 'demo-maintainer-2', 'maintainer')
  const dana = await createAccount(db, 'demo-maintainer', 'maintainer')
  // Rated on both axes, sized, but no mentor yet: in the queue with Ari's ratings filled in.
  await createProject(db, { title: 'Screencasts', languageStars: 1, domainStars: 1 }, ari)
  const response = await callLoader(loader, '/starter/triage', { accountId: dana.id })
  const data = await response.json()
  expect(data.item.rating).toMatchObject({ by: 'Ari (second demo maintainer)', isDemo: true })
  const html = await renderInRouter(
    createElement(TriageItemView, {
      item: data.item,
      reasons: data.reasons,
      position: data.position,
      action: '/starter/triage',
      skipHref: '/starter/triage',
      rubric: data.rubric,
      domains: data.domains,
      languageName: data.languageName,
      reasonMax: data.reasonMax,
      viewerLogin: data.viewerLogin,
    }),
  )
  // The mentors hint's example is a login that exists: the signed-in person's own.
  expect(html).toContain('(yours: demo-maintainer or @demo-maintainer)')
  // The form comes filled with names from the old list, which it accepts: the hint says what a
  // name alone costs rather than ask for logins only.
  expect(html).toContain(
    'a name alone, as old lists wrote them, gives newcomers no way to reach them',
  )
  expect(html).not.toContain('dana')
  // Said once, above the choices it fills in, not again in the "not a starter project" form.
  expect(html.match(/Filled in with the current ratings/g)).toHaveLength(1)
  expect(html.replace(/<[^>]+>/g, '')).toMatch(
    /Filled in with the current ratings, by Ari \(second demo maintainer\) on \d+ \w+ \d{4}\. a demo action, not a MirageOS decision/,
  )
})

test('the item says whether saving puts labels on GitHub: an issue’s wait in the plan, a standalone project gets none', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const [standalone] = await threeUnratedProjects()
  await mirrorTwoStarterCandidates(getDb())
  const text = async (path: string) =>
    (await renderRouteWith(StarterTriageRoute, await page(path, dana.id), path))
      .replaceAll('<!-- -->', '')
      .replace(/<[^>]+>/g, '')
  expect(await text('/starter/triage')).toContain(
    'No labels go to GitHub for this project: it is attached to no issue. Attach one on its edit page to label it.',
  )
  expect(
    await renderRouteWith(StarterTriageRoute, await page('/starter/triage', dana.id)),
  ).toContain(`href="/starter/${standalone}/edit"`)
  // Past the three projects, the candidates from acme/app.
  let at = await page('/starter/triage', dana.id)
  while (at.item!.projectId !== null) at = await page(`/starter/triage?at=${at.skipTo}`, dana.id)
  const candidate = await text(`/starter/triage?at=${at.position}`)
  expect(candidate).toMatch(
    /Its labels for acme\/app#\d then wait in the label plan, sent to GitHub only once you apply them there\./,
  )
  expect(candidate).not.toContain('No labels go to GitHub')
})

test('the domain axis says it rates the primary domain, which the form asks only below it', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await threeUnratedProjects()
  const html = (
    await renderRouteWith(StarterTriageRoute, await page('/starter/triage', dana.id))
  ).replaceAll('<!-- -->', '')
  const legends = [...html.matchAll(/<legend[^>]*>(.*?)<\/legend>/g)].map((match) =>
    match[1]!.replace(/<[^>]+>/g, ''),
  )
  expect(legends).toEqual([
    'OCaml difficulty',
    'Domain difficulty: how hard in its primary domain, chosen below',
    'Size',
  ])
  expect(html.indexOf('Domain difficulty')).toBeLessThan(html.indexOf('name="primaryDomain"'))
})

test('an unrated project names no ratings it does not have', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await threeUnratedProjects()
  const data = await (await callLoader(loader, '/starter/triage', { accountId: dana.id })).json()
  expect(data.item.rating).toBeNull()
})

test('an empty queue during the first sync says nothing has arrived yet, not that nothing needs triage', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  // Mirrored, its first sync not finished: its issues are still to come.
  const repo = repositoryPayload('acme/net')
  await mirror(getDb(), repo)
  const render = async () =>
    (
      await renderRouteWith(
        StarterTriageRoute,
        await page('/starter/triage', dana.id),
        '/starter/triage',
      )
    ).replaceAll('<!-- -->', '')

  const during = await render()
  expect(during).toContain('Nothing yet')
  expect(during).toContain('Nothing to triage yet: issues that look like starter material appear')
  expect(during).not.toContain('Nothing needs triage')

  expect(await claimRepositorySync(repo.id, 'test', 60_000, getDb())).toBe(true)
  await finishSyncAsUpdated(getDb(), repo.id)
  const after = await render()
  expect(after).toContain('Nothing left')
  expect(after).toContain('Nothing needs triage: every open starter project is rated')
  expect(after).not.toContain('Nothing to triage yet')
})

async function projectsInThreeDomains() {
  const db = getDb()
  const unrated = { languageStars: null, domainStars: null }
  const storage = await createProject(db, { ...unrated, title: 'Disk', primaryDomain: 'storage' })
  const net = await createProject(db, { ...unrated, title: 'Net', primaryDomain: 'networking' })
  // Offered in storage too, as the supply page counts it.
  const both = await createProject(db, {
    ...unrated,
    title: 'Block net',
    primaryDomain: 'networking',
    secondaryDomains: ['storage'],
  })
  return { storage, net, both }
}

test('?domain= narrows the queue to one domain, counting it and the whole queue', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const { storage, both } = await projectsInThreeDomains()
  const data = (await (
    await callLoader(loader, '/starter/triage?domain=storage', { accountId: dana.id })
  ).json()) as Page & { domain: string; inAll: { count: number }; byDomain: unknown }
  expect(data.domain).toBe('storage')
  expect(data.item!.projectId).toBe(storage)
  expect([data.left.count, data.contents.projects.total, data.inAll.count]).toEqual([2, 2, 3])
  expect(data.byDomain).toEqual([
    { domain: 'networking', count: 2 },
    { domain: 'storage', count: 1 + 1 },
  ])
  const next = await page(`/starter/triage?domain=storage&at=${data.skipTo}`, dana.id)
  expect(next.item!.projectId).toBe(both)

  const html = (
    await renderRouteWith(StarterTriageRoute, data, '/starter/triage?domain=storage')
  ).replaceAll('<!-- -->', '')
  expect(html).toContain('2 waiting in storage · 3 in all · 1 after this one')
  expect(html).toContain('href="/starter/triage">Show the whole queue (3)')
  expect(html).toContain(`href="/starter/triage?domain=storage&amp;at=${data.skipTo}"`)
})

test('saving and skipping in a narrowed queue stay in its domain, and its end wraps within it', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const { storage, both } = await projectsInThreeDomains()
  const top = await page('/starter/triage?domain=storage', dana.id)
  const saved = await post(
    {
      intent: 'save',
      position: top.position!,
      version: top.item!.version,
      languageStars: '1',
      domainStars: '1',
      size: 'day',
      primaryDomain: 'storage',
      mentors: '@hannesm',
    },
    dana.id,
    `/starter/triage?domain=storage&at=${top.position}`,
  )
  expect(saved.status).toBe(302)
  const location = saved.headers.get('Location')!
  expect(new URL(location, 'http://x').searchParams.get('domain')).toBe('storage')
  const next = await page(location, dana.id)
  // The networking-only project in between is not shown: the next in storage is.
  expect(next.item!.projectId).toBe(both)
  expect(next.contents.projects.total).toBe(1)
  expect(next.notices.done).toMatchObject({ kind: 'rated' })
  expect(next.sitting).toBe(1)

  // Past its last item the narrowed queue wraps to its own top, not the whole queue's.
  const wrapped = await page(`/starter/triage?domain=storage&after=${next.position}`, dana.id)
  expect(wrapped.item!.projectId).toBe(both)
  expect(storage).not.toBe(both)
})

test('an unknown domain is refused with the board’s domains, on the page and on a save', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await projectsInThreeDomains()
  for (const value of ['nope', 'Storage', 'storage ', 'x'.repeat(500)]) {
    const response = await callLoader(
      loader,
      `/starter/triage?domain=${encodeURIComponent(value)}`,
      { accountId: dana.id },
    )
    expect(response.status).toBe(400)
    const message = await response.text()
    expect(message).toMatch(/is not one of this board’s domains \(.*storage.*\)/)
    expect(message.length).toBeLessThan(400)
  }
  const top = await page('/starter/triage', dana.id)
  const refused = await post(
    {
      intent: 'save',
      position: top.position!,
      version: top.item!.version,
      languageStars: '1',
      domainStars: '1',
      size: 'day',
      primaryDomain: 'storage',
      mentors: '@hannesm',
    },
    dana.id,
    '/starter/triage?domain=nope',
  )
  expect(refused.status).toBe(400)
  expect(await getDb().selectFrom('rating_audit').select('id').execute()).toEqual([])
  // Empty is the whole queue, as a form's "all" sends it.
  expect((await page('/starter/triage?domain=', dana.id)).contents.projects.total).toBe(3)
})

test('a narrowed queue with nothing left says so for its domain and offers the whole queue', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await projectsInThreeDomains()
  const data = await page('/starter/triage?domain=security', dana.id)
  expect(data.item).toBeNull()
  const html = (
    await renderRouteWith(StarterTriageRoute, data, '/starter/triage?domain=security')
  ).replaceAll('<!-- -->', '')
  expect(html).toContain('Nothing waiting in security')
  expect(html).toContain('Nothing in security needs triage')
  expect(html).toContain('Show the whole queue (3)')
})

test('a position outside a narrowed queue starts at its top and says so plainly, not that the queue ended', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const { storage, net } = await projectsInThreeDomains()
  await mirrorTwoStarterCandidates(getDb())
  // An issue from the trackers, as the whole queue links to it once its projects are done.
  const inWhole = await page(
    `/starter/triage?at=${(await page('/starter/triage', dana.id)).skipTo}`,
    dana.id,
  )
  const issueAt = (await page(`/starter/triage?at=${inWhole.skipTo}`, dana.id)).skipTo!
  const issue = await page(`/starter/triage?at=${issueAt}`, dana.id)
  expect(issue.item).toMatchObject({ projectId: null })

  for (const param of ['at', 'after']) {
    const path = `/starter/triage?domain=storage&${param}=${issueAt}`
    const data = await page(path, dana.id)
    expect(data.item!.projectId).toBe(storage)
    expect(data.left.count).toBe(2)
    expect(data.notices).toMatchObject({
      outsideDomain: { kind: 'issue', href: `/starter/triage?at=${issueAt}` },
      movedOn: false,
      wrapped: false,
    })
    const html = (await renderRouteWith(StarterTriageRoute, data, path)).replaceAll('<!-- -->', '')
    expect(html).toContain(
      'That issue from the trackers is not in the storage queue: issues have no domain until tagged. Here is the top of the storage queue, or',
    )
    expect(html).toContain(`href="/starter/triage?at=${issueAt}">see the issue in the whole queue`)
    expect(html).not.toContain('You reached the end of the queue')
  }

  // A project of another domain is not in it either; one of this domain is shown where it is.
  const netAt = (await page('/starter/triage?domain=networking', dana.id)).position!
  const other = await page(`/starter/triage?domain=storage&at=${netAt}`, dana.id)
  expect(other.item!.projectId).toBe(storage)
  expect(other.notices).toMatchObject({ outsideDomain: { kind: 'project' }, movedOn: false })
  expect(
    (await renderRouteWith(StarterTriageRoute, other, '/starter/triage?domain=storage')).replaceAll(
      '<!-- -->',
      '',
    ),
  ).toContain('That project is not offered in storage, so it is not in this queue.')
  const second = (await page('/starter/triage?domain=storage', dana.id)).skipTo!
  const inside = await page(`/starter/triage?domain=storage&at=${second}`, dana.id)
  expect(inside.notices).toMatchObject({ outsideDomain: null, movedOn: false, wrapped: false })
  expect(inside.position).toBe(second)
  expect(net).not.toBe(storage)
})
