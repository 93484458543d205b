import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callAction, loaderArgs } from '../../test/route-requests'
import { createGitHubAccount } from '../../test/starter-factories'
import { spendWriteBudget, writesSpent } from '../../test/write-budget'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { setFollowing } from '../notifications/inbox.server'
import { castBallot } from '../roadmap/ballot.server'
import { setPlusOne } from '../roadmap/idea.server'
import { mergeIdea } from '../roadmap/merge.server'
import { createArea } from '../roadmap/roadmap.server'
import { openRound } from '../roadmap/round.server'
import { listHeldBackMatches, listSimilarIdeas } from '../roadmap/similar.server'
import {
  closeOnTopIdea,
  makeIdea,
  makePerson,
  makeTarget,
  snapshotRoadmap,
} from '../roadmap/test-fixtures'

import IdeasRoute, { action, loader } from './roadmap.ideas._index'

const getDb = setupTestDatabase()

const post = (form: Record<string, string>, accountId?: number) =>
  callAction(action, '/roadmap/ideas?index', form, { accountId })

test('the ideation page carries no rank, priority, stage or decision, whatever happened', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const a = await makeIdea(getDb(), target, 'A')
  const b = await makeIdea(getDb(), target, 'B')
  const c = await makeIdea(getDb(), target, 'C')
  await makeIdea(getDb(), target, 'D')
  const now = new Date()
  const first = await openRound(
    { releaseTargetId: target.targetId, name: 'One', opensAt: now, shortlist: [a, b] },
    dana,
    now,
    getDb(),
  )
  await castBallot(first, dana, [{ id: a, rank: 1 }], now, getDb())
  await closeOnTopIdea(getDb(), first, [a, b], dana, now, {
    rationale: 'A first.',
    reason: 'Later.',
  })
  await openRound(
    { releaseTargetId: target.targetId, name: 'Two', opensAt: now, shortlist: [b, c] },
    dana,
    now,
    getDb(),
  )
  const response = await loader(await loaderArgs('/roadmap/ideas'))
  const data = await response.json()
  const titles = data.page?.sections.flatMap((section) => section.ideas.map((idea) => idea.title))
  // The agreed idea left ideation; deferred and shortlisted ones look like any other.
  expect(titles).toEqual(['D', 'C', 'B'])
  expect(JSON.stringify(data)).not.toMatch(
    /rank|priority|stage|status|decision|decided|agreed|shortlist|outcome|round/i,
  )
})

test('no order by +1s reaches ideation: an old link asking for one lists the newest first', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const popular = await makeIdea(getDb(), target, 'Popular')
  await makeIdea(getDb(), target, 'Newer')
  for (const person of [cam, dana]) {
    await post({ intent: 'plus-one', ideaId: String(popular), value: 'on' }, person.id)
  }
  for (const path of [
    '/roadmap/ideas?sort=plus-ones',
    '/roadmap/ideas?area=quality-and-testing&sort=plus-ones',
  ]) {
    const response = await loader(await loaderArgs(path))
    const data = await response.json()
    const ideas = data.page?.sections.flatMap((section) => section.ideas)
    expect(ideas?.map((idea) => [idea.title, idea.plus_one_count])).toEqual([
      ['Newer', 0],
      ['Popular', 2],
    ])
  }
})

test("the ideas list and the +1 notices say how many of an idea's +1s are demo actions", async () => {
  const target = await makeTarget(getDb())
  const cam = await ensureDemoAccount(DEMO_PEOPLE[2], getDb())
  const hannes = await createGitHubAccount(getDb(), 'hannes')
  const idea = await makeIdea(getDb(), target, 'Security advisories')
  const plusOne = async (accountId: number) =>
    (
      (await (
        await post({ intent: 'plus-one', ideaId: String(idea), value: 'on' }, accountId)
      ).json()) as { message: string }
    ).message

  const followed = ' You follow it now: its news comes to your Inbox.'
  expect(await plusOne(cam)).toBe(
    `Your +1 is counted (a demo action). The idea now has 1 +1, a demo action.${followed}`,
  )
  expect(await plusOne(hannes.id)).toBe(
    `Your +1 is counted. The idea now has 2 +1s, 1 of them a demo action.${followed}`,
  )
  for (const path of ['/roadmap/ideas', '/roadmap/ideas?area=quality-and-testing']) {
    const data = await (await loader(await loaderArgs(path))).json()
    const ideas = data.page?.sections.flatMap((section) => section.ideas)
    expect(ideas?.map((shown) => [shown.plus_one_count, shown.demo_plus_one_count])).toEqual([
      [2, 1],
    ])
  }
})

test('a proposal linking outside the mirror answers 400 with the reason and the input kept', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const before = await snapshotRoadmap(getDb())
  const form = {
    intent: 'propose',
    title: 'Fuzz the stack',
    areaId: String(target.areas.quality),
    description: 'With AFL.',
    links: 'mirage/mirage-tcpip#18',
  }
  const response = await post(form, cam.id)
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({
    ok: false,
    message:
      'mirage/mirage-tcpip#18 is not in the mirror. Link issues and repositories the board mirrors.',
    fields: form,
  })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('a proposal refused for a bad link spends none of the write budget', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const response = await post(
    {
      intent: 'propose',
      title: 'Fuzz the stack',
      areaId: String(target.areas.quality),
      links: 'mirage/mirage-tcpip#18',
    },
    cam.id,
  )
  expect(response.status).toBe(400)
  expect(await writesSpent(getDb(), cam.id, 'idea')).toBe(0)
})

test('a proposal over the write budget answers 429 with Retry-After, the reason and the input kept', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  await spendWriteBudget(getDb(), cam.id, 'idea')
  const before = await snapshotRoadmap(getDb())
  const form = {
    intent: 'propose',
    title: 'Fuzz the stack',
    areaId: String(target.areas.quality),
    description: 'With AFL.',
    links: '',
  }
  const response = await post(form, cam.id)
  expect(response.status).toBe(429)
  expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
  expect(await response.json()).toEqual({
    ok: false,
    message: expect.stringMatching(
      /^You have reached the limit for this \(20 in a row\)\. Please try again in \d+ minutes?\.$/,
    ),
    fields: form,
  })
  expect(await snapshotRoadmap(getDb())).toEqual(before)
})

test('an anonymous +1 is refused with 401', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'A')
  const response = await post({ intent: 'plus-one', ideaId: String(id), value: 'on' })
  expect(response.status).toBe(401)
})

test('a proposal goes to the new idea’s page', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const response = await post(
    { intent: 'propose', title: 'Fuzz the stack', areaId: String(target.areas.quality), links: '' },
    cam.id,
  )
  expect(response.status).toBe(302)
  expect(response.headers.get('Location')).toMatch(/^\/roadmap\/ideas\/\d+\?proposed$/)
})

test('without JavaScript, a title that closely matches ideas on the board shows them first; "propose it anyway" creates it', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const fuzz = await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  await makeIdea(getDb(), target, 'Documentation days')
  const before = await snapshotRoadmap(getDb())
  const form = {
    intent: 'propose',
    title: 'Fuzzing the TCP stack',
    areaId: String(target.areas.quality),
    description: '',
    links: '',
  }
  const held = await post(form, cam.id)
  expect(held.status).toBe(200)
  const body = await held.json()
  expect(body).toMatchObject({ ok: false, fields: form })
  expect(body.message).toMatch(/already on the board/)
  expect(body.similar.map((idea: { id: number }) => idea.id)).toEqual([fuzz])
  expect(await snapshotRoadmap(getDb())).toEqual(before)

  // A title unlike any idea is proposed at once; one sharing a word with one, once she was shown
  // it: listed as she typed (JavaScript, `live`), or by an earlier answer (`seen`).
  expect((await post({ ...form, title: 'Gardening on Fridays' }, cam.id)).status).toBe(302)
  for (const shown of [{ live: 'yes' }, { seen: String(fuzz) }]) {
    expect(
      await listHeldBackMatches({
        title: 'TCP offload',
        description: '',
        seen: shown.seen ? [fuzz] : [],
        isListedLive: shown.live === 'yes',
      }),
    ).toEqual([])
  }
  expect((await post({ ...form, title: 'TCP offload', live: 'yes' }, cam.id)).status).toBe(302)

  const anyway = await post({ ...form, anyway: form.title }, cam.id)
  expect(anyway.status).toBe(302)
  expect(anyway.headers.get('Location')).toMatch(/^\/roadmap\/ideas\/\d+\?proposed$/)
})

test('"propose it anyway" holds for the title it was given for: a changed title is checked again', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  const docs = await makeIdea(getDb(), target, 'Documentation days')
  const before = await snapshotRoadmap(getDb())
  const form = {
    intent: 'propose',
    title: 'Fuzzing the TCP stack',
    areaId: String(target.areas.quality),
    description: '',
    links: '',
    anyway: 'Fuzzing the TCP stack',
  }
  // Confirmed for another title, or for none (a bare "yes"): the similar ideas show first.
  for (const anyway of [form.anyway, 'yes']) {
    const changed = await post({ ...form, title: 'Documentation days again', anyway }, cam.id)
    expect(changed.status).toBe(200)
    const body = await changed.json()
    expect(body.similar.map((idea: { id: number }) => idea.id)).toEqual([docs])
  }
  expect(await snapshotRoadmap(getDb())).toEqual(before)

  // The same title, spaced differently, is the title confirmed.
  const same = await post({ ...form, title: '  Fuzzing the  TCP stack ' }, cam.id)
  expect(same.status).toBe(302)
})

test("a demo person's +1 from the list says it is a demo action", async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'A')
  const cam = await makePerson(getDb(), 'cam')
  const response = await post({ intent: 'plus-one', ideaId: String(id), value: 'on' }, cam.id)
  expect(await response.json()).toEqual({
    ok: true,
    message:
      'Your +1 is counted (a demo action). The idea now has 1 +1, a demo action. You follow it now: its news comes to your Inbox.',
  })
})

test('areas are listed by name, A to Z, whatever order they were added in and however many +1s they hold', async () => {
  const target = await makeTarget(getDb())
  // Added after "Quality and testing" and "Docs and onboarding" (makeTarget), in no order.
  const storage = await createArea({ releaseTargetId: target.targetId, name: 'Storage' }, getDb())
  await createArea({ releaseTargetId: target.targetId, name: 'networking' }, getDb())
  const loved = await makeIdea(getDb(), target, 'Loved', { areaId: storage })
  const ada = await createGitHubAccount(getDb(), 'ada')
  await setPlusOne(loved, ada, true, getDb())
  const order = ['Docs and onboarding', 'networking', 'Quality and testing', 'Storage']
  const data = await (await loader(await loaderArgs('/roadmap/ideas'))).json()
  expect(data.page?.areas.map((area) => area.name)).toEqual(order)
  expect(data.page?.sections.map((section) => section.name)).toEqual(order)
})

test('the intro says areas come A to Z only when it lists them all; narrowed to one area, it speaks of its ideas', async () => {
  const target = await makeTarget(getDb())
  await makeIdea(getDb(), target, 'Fuzz the network stack')
  const intro = async (path: string) => {
    const data = await (await loader(await loaderArgs(path))).json()
    const html = await renderRouteWith(IdeasRoute, data, path)
    return (/Collecting thoughts:(.*?)<\/p>/s.exec(html)?.[1] ?? '').replace(/<!-- -->/g, '')
  }
  expect(await intro('/roadmap/ideas')).toContain(
    'Areas come A to Z, each with its newest ideas first: +1s show interest',
  )
  const narrowed = await intro('/roadmap/ideas?area=quality-and-testing')
  expect(narrowed).toContain('Its ideas come newest first: +1s show interest')
  expect(narrowed).not.toContain('A to Z')
})

test('the ideas list says which of its areas the viewer follows, for each area’s Follow button', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  await setFollowing(cam.id, { type: 'area', id: target.areas.docs }, true, getDb())
  const read = async (path: string, accountId?: number) =>
    (await (await loader(await loaderArgs(path, { accountId }))).json()).followedAreas
  expect(await read('/roadmap/ideas', cam.id)).toEqual([target.areas.docs])
  expect(await read('/roadmap/ideas?area=quality-and-testing', cam.id)).toEqual([])
  expect(await read('/roadmap/ideas?area=docs-and-onboarding', cam.id)).toEqual([target.areas.docs])
  expect(await read('/roadmap/ideas')).toEqual([])
})

test('an idea’s title looks like the link it is, in the board’s link colour, as on the roadmap', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Fuzz the network stack')
  const data = await (await loader(await loaderArgs('/roadmap/ideas'))).json()
  const html = await renderRouteWith(IdeasRoute, data, '/roadmap/ideas')
  const link = new RegExp(`<a[^>]*href="/roadmap/ideas/${id}"[^>]*>`).exec(html)?.[0]
  expect(link).toContain('text-blue-700')
})

test('the proposal form’s link example is a repository this board mirrors', async () => {
  await makeTarget(getDb())
  const data = async () => (await loader(await loaderArgs('/roadmap/ideas'))).json()
  expect((await data()).linkExample).toBe(null)
  await mirror(getDb(), repositoryPayload('acme-ml/net'))
  await mirror(getDb(), repositoryPayload('acme-ml/core'))
  expect((await data()).linkExample).toBe('acme-ml/core')
})

test('an author is offered no +1 on her own idea, and one she sends is refused (403), nothing written', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const id = await makeIdea(getDb(), target, 'Fuzz the network stack', { authorId: cam.id })
  const page = async (accountId: number) => {
    const data = await (await loader(await loaderArgs('/roadmap/ideas', { accountId }))).json()
    return renderRouteWith(IdeasRoute, data, '/roadmap/ideas')
  }
  expect(await page(noor.id)).toContain('aria-label="+1 Fuzz the network stack (0 people)"')
  expect(await page(cam.id)).not.toContain('aria-label="+1 Fuzz the network stack')
  const response = await post({ intent: 'plus-one', ideaId: String(id), value: 'on' }, cam.id)
  expect(response.status).toBe(403)
  expect(((await response.json()) as { message: string }).message).toBe(
    'This is your idea, so it cannot take your +1: a +1 shows that someone else wants it too.',
  )
  const count = await getDb()
    .selectFrom('idea_plus_one')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  expect(Number(count.n)).toBe(0)
})

test('her refused +1 on her own idea spends none of her +1 budget, even once it is spent; others’ refusals still do', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam')
  const own = await makeIdea(getDb(), target, 'Fuzz the network stack', { authorId: cam.id })
  const plusOne = (ideaId: number) =>
    post({ intent: 'plus-one', ideaId: String(ideaId), value: 'on' }, cam.id)
  expect((await plusOne(own)).status).toBe(403)
  expect((await plusOne(own)).status).toBe(403)
  expect(await writesSpent(getDb(), cam.id, 'plus-one')).toBe(0)
  // A refusal for another reason (merged away) is counted, as is a +1 given.
  const merged = await makeIdea(getDb(), target, 'Fuzz TCP')
  await mergeIdea(merged, await makeIdea(getDb(), target, 'Fuzz it all'), dana, getDb())
  expect((await plusOne(merged)).status).toBe(400)
  const others = await makeIdea(getDb(), target, 'Docs days')
  expect((await plusOne(others)).status).toBe(200)
  expect(await writesSpent(getDb(), cam.id, 'plus-one')).toBe(2)
  // Her budget spent: her own idea still answers why, not "try again later".
  const ada = await makePerson(getDb(), 'ada')
  const adas = await makeIdea(getDb(), target, 'Benchmarks', { authorId: ada.id })
  await spendWriteBudget(getDb(), ada.id, 'plus-one')
  const response = await post({ intent: 'plus-one', ideaId: String(adas), value: 'on' }, ada.id)
  expect(response.status).toBe(403)
  expect(response.headers.get('Retry-After')).toBe(null)
  const spent = await post({ intent: 'plus-one', ideaId: String(own), value: 'on' }, ada.id)
  expect(spent.status).toBe(429)
})

test('among similar ideas, her own offers her no “+1 it instead”; to others it does', async () => {
  const target = await makeTarget(getDb())
  const cam = await makePerson(getDb(), 'cam')
  const noor = await makePerson(getDb(), 'noor')
  const own = await makeIdea(getDb(), target, 'Fuzz the network stack', { authorId: cam.id })
  const similarFor = async (accountId: number) => {
    const form = {
      intent: 'propose',
      title: 'Fuzz the network stack',
      areaId: String(target.areas.quality),
    }
    const response = await post(form, accountId)
    return ((await response.json()) as { similar: { id: number; isOwn: boolean }[] }).similar
  }
  expect(await similarFor(cam.id)).toEqual([expect.objectContaining({ id: own, isOwn: true })])
  expect(await similarFor(noor.id)).toEqual([expect.objectContaining({ id: own, isOwn: false })])
})

test('a proposal held back by an idea already agreed links to its effort instead of offering a +1 that would be refused', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam')
  const fuzz = await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  const docs = await makeIdea(getDb(), target, 'Documentation days')
  const now = new Date()
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'One', opensAt: now, shortlist: [fuzz, docs] },
    dana,
    now,
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: fuzz, rank: 1 }], now, getDb())
  await closeOnTopIdea(getDb(), roundId, [fuzz, docs], dana, now, {
    rationale: 'Fuzz first.',
    reason: 'Later.',
  })
  const form = {
    intent: 'propose',
    title: 'Fuzzing the TCP stack',
    areaId: String(target.areas.quality),
    description: '',
    links: '',
  }
  const held = await (await post(form, cam.id)).json()
  expect(held.similar).toMatchObject([{ id: fuzz, status: 'agreed' }])
  const data = await (
    await loader(await loaderArgs('/roadmap/ideas', { accountId: cam.id }))
  ).json()
  const html = await renderRouteWith(IdeasRoute, data, '/roadmap/ideas', held)
  expect(html).toContain('Similar ideas already on the board')
  expect(html).not.toContain('aria-label="+1 Fuzz the TCP stack instead"')
  expect(html).toMatch(new RegExp(`<a[^>]*href="/roadmap/efforts/${fuzz}"[^>]*>on the roadmap</a>`))
  // The +1 it offered was refused: ideation is over for an agreed idea.
  const plusOne = await post({ intent: 'plus-one', ideaId: String(fuzz), value: 'on' }, cam.id)
  expect(plusOne.status).toBe(400)
})

test('an area whose only idea was agreed says its idea is an effort on the roadmap, not that it has none yet', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const fuzz = await makeIdea(getDb(), target, 'Fuzz the TCP stack')
  const docs = await makeIdea(getDb(), target, 'Documentation days', {
    areaId: target.areas.docs,
  })
  const now = new Date()
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'One', opensAt: now, shortlist: [fuzz, docs] },
    dana,
    now,
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: fuzz, rank: 1 }], now, getDb())
  await closeOnTopIdea(getDb(), roundId, [fuzz, docs], dana, now, {
    rationale: 'Fuzz first.',
    reason: 'Later.',
  })
  const text = async (path: string) => {
    const data = await (await loader(await loaderArgs(path))).json()
    return (await renderRouteWith(IdeasRoute, data, path))
      .replace(/<!-- -->/g, '')
      .replace(/<[^>]+>/g, '')
  }
  for (const path of ['/roadmap/ideas', '/roadmap/ideas?area=quality-and-testing']) {
    const page = await text(path)
    expect(page).toContain('Quality and testing no open ideas')
    expect(page).toContain(
      'No open ideas here now: its agreed idea is an effort on the roadmap. Propose a new one.',
    )
    expect(page).not.toContain('0 ideas')
    // Said as an outcome: no count of votes, place or score.
    expect(page).not.toMatch(/\bvotes?\b|\branked\b|\bplace\b|\bscore/i)
  }
  const data = await (
    await loader(await loaderArgs('/roadmap/ideas?area=quality-and-testing'))
  ).json()
  const html = await renderRouteWith(IdeasRoute, data, '/roadmap/ideas?area=quality-and-testing')
  expect(html).toMatch(
    new RegExp(
      `<a[^>]*href="/roadmap\\?target=${data.page!.target.slug}#area-${target.areas.quality}"`,
    ),
  )
  // The deferred idea is back in ideation: its area lists it as before.
  expect(await text('/roadmap/ideas?area=docs-and-onboarding')).toContain('Documentation days')
})

test('an area that never had an idea says so and points to the form', async () => {
  await makeTarget(getDb())
  const data = await (await loader(await loaderArgs('/roadmap/ideas'))).json()
  const html = (await renderRouteWith(IdeasRoute, data, '/roadmap/ideas')).replace(/<!-- -->/g, '')
  expect(html.replace(/<[^>]+>/g, '')).toContain('No ideas here yet: propose one.')
  expect(html).not.toContain('on the roadmap')
})

test('without JavaScript, a near-duplicate of an agreed effort is held back as the form would have shown it: listed, linked to its effort, proposed only once confirmed', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam')
  const gc = await makeIdea(
    getDb(),
    target,
    'Irmin roadmap: the most important open problem is garbage collection',
  )
  const docs = await makeIdea(getDb(), target, 'Documentation days')
  const now = new Date()
  const roundId = await openRound(
    { releaseTargetId: target.targetId, name: 'One', opensAt: now, shortlist: [gc, docs] },
    dana,
    now,
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: gc, rank: 1 }], now, getDb())
  await closeOnTopIdea(getDb(), roundId, [gc, docs], dana, now, {
    rationale: 'GC first.',
    reason: 'Later.',
  })
  const form = {
    intent: 'propose',
    title: 'Irmin garbage collection for unikernel block stores',
    areaId: String(target.areas.quality),
    description: '',
    links: '',
  }
  // What the form lists while one types (JavaScript) lists the effort...
  const typed = await listSimilarIdeas(form.title, {}, getDb())
  expect(typed.map((idea) => idea.id)).toEqual([gc])
  const before = await snapshotRoadmap(getDb())
  // ...and without JavaScript the server shows it first, asking to confirm.
  const heldResponse = await post(form, cam.id)
  expect(heldResponse.status).toBe(200)
  const held = await heldResponse.json()
  expect(held.similar).toMatchObject([{ id: gc, status: 'agreed' }])
  // Agreed, it takes no +1: the message does not offer one.
  expect(held.message).toBe(
    'Ideas like this one are already on the board. If yours is another idea, propose it anyway.',
  )
  expect(await snapshotRoadmap(getDb())).toEqual(before)
  const data = await (
    await loader(await loaderArgs('/roadmap/ideas', { accountId: cam.id }))
  ).json()
  const html = (await renderRouteWith(IdeasRoute, data, '/roadmap/ideas', held)).replace(
    /<!-- -->/g,
    '',
  )
  expect(html).toMatch(new RegExp(`<a[^>]*href="/roadmap/efforts/${gc}"[^>]*>on the roadmap</a>`))
  expect(html).toContain('Propose it anyway')
  expect(html).toMatch(/<input type="hidden" name="anyway" value="Irmin garbage collection/)

  // Without JavaScript, an idea she was shown already holds it back no more (a changed title is
  // checked for the others).
  expect(
    await listHeldBackMatches({
      ...form,
      title: `${form.title} again`,
      seen: [gc],
      isListedLive: false,
    }),
  ).toEqual([])
  // With JavaScript the form listed it as she typed: only a close match holds it back then.
  const live = await post({ ...form, title: `${form.title} too`, live: 'yes' }, cam.id)
  expect(live.status).toBe(302)
  const anyway = await post({ ...form, anyway: form.title }, cam.id)
  expect(anyway.status).toBe(302)
})
