import { createElement } from 'react'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { renderInRouter, renderRouteWith } from '../../test/render'
import { callAction, loaderArgs } from '../../test/route-requests'
import type { ActionResult } from '../roadmap/actions.server'
import { castBallot } from '../roadmap/ballot.server'
import { createArea, createReleaseTarget } from '../roadmap/roadmap.server'
import { openRound } from '../roadmap/round.server'
import {
  closeOnTopIdea,
  makeIdea,
  makePerson,
  makeTarget,
  snapshotRoadmap,
} from '../roadmap/test-fixtures'
import { OpenRoundForm } from '../roadmap/ui/open-round-form'
import { TargetAndAreaForms } from '../roadmap/ui/target-and-area-forms'
import { formatDate } from '../utils/format'

import { loader as roundLoader } from './roadmap.rounds.$id'
import RoundsRoute, { action, loader } from './roadmap.rounds._index'

const getDb = setupTestDatabase()

test('opening a round with a day that is not a date marks that day on the form, and opens nothing', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
  // A browser without a date picker shows a text box: what is typed there comes as it is.
  const submit = (opensOn: string, closesOn: string) =>
    callAction(
      action,
      '/roadmap/rounds?index',
      [
        ['intent', 'open-round'],
        ['releaseTargetId', String(target.targetId)],
        ['name', 'March'],
        ['opensOn', opensOn],
        ['closesOn', closesOn],
        ['shortlist', String(tests)],
        ['shortlist', String(docs)],
      ],
      { accountId: dana.id },
    )
  const before = await snapshotRoadmap(getDb())

  const badOpening = await submit('next monday', '')
  expect(badOpening.status).toBe(400)
  expect(await badOpening.json()).toMatchObject({
    ok: false,
    message: 'The opening date is not a date.',
    fields: { opensOn: 'next monday' },
    fieldErrors: { opensOn: 'Not a date: pick a day.' },
  })

  const badClosing = await submit(nextWeek, '31/12/2027')
  expect(badClosing.status).toBe(400)
  const refused = (await badClosing.json()) as ActionResult
  expect(refused).toMatchObject({
    message: 'The closing date is not a date.',
    fieldErrors: { closesOn: 'Not a date: pick a day.' },
  })
  expect(await snapshotRoadmap(getDb())).toEqual(before)

  // The form the page shows back marks "Closes on", with the reason beside it.
  const form = await renderInRouter(
    createElement(OpenRoundForm, {
      targetId: target.targetId,
      targetSlug: 'mirageos-3-0',
      proposed: undefined,
      openIdeas: [tests, docs].map((id) => ({
        id,
        title: `Idea ${id}`,
        plus_one_count: 0,
        demo_plus_one_count: 0,
        area_name: 'Quality and testing',
        deferred_in: null,
      })),
      defaults: { name: 'March', opensOn: nextWeek, closesOn: '', dotBudget: 0, dotsFrom: null },
      now: new Date().toISOString(),
      takenNames: [],
      failed: refused,
    }),
  )
  expect(form).toMatch(/<input name="closesOn"[^>]*aria-invalid="true"/)
  expect(form).toContain(
    '<p id="closesOn-error" class="mt-1 text-sm text-red-700">Not a date: pick a day.</p>',
  )
  expect(form).not.toMatch(/<input name="opensOn"[^>]*aria-invalid/)
})

test('the rounds list counts the open round’s voters out of the maintainers who can vote, a closed round’s alone', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  await makePerson(getDb(), 'ari', 'maintainer')
  await makePerson(getDb(), 'cam', 'contributor')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const js = await makeIdea(getDb(), target, 'JavaScript backend')
  const open = (name: string, shortlist: number[]) =>
    openRound(
      {
        releaseTargetId: target.targetId,
        name,
        opensAt: new Date(Date.now() - 60_000),
        shortlist,
      },
      dana,
      new Date(),
      getDb(),
    )
  const march = await open('March', [tests, docs])
  await castBallot(march, dana, [{ id: docs, rank: 1 }], new Date(), getDb())
  await closeOnTopIdea(getDb(), march, [tests, docs], dana, new Date(), {
    rationale: 'Docs first.',
    reason: 'Later.',
  })
  // Docs agreed in March; the deferred idea comes back with another.
  const april = await open('April', [tests, js])
  await castBallot(april, dana, [{ id: tests, rank: 1 }], new Date(), getDb())
  const response = await loader(await loaderArgs('/roadmap/rounds?target=mirageos-3-0'))
  const { rounds } = (await response.json()) as {
    rounds: { id: number; voter_count: number; eligible_voters: number | null }[]
  }
  const row = (id: number) => rounds.find((round) => round.id === id)
  // The two demo maintainers one can sign in as, and Dana, who voted (see round.server.test.ts).
  expect(row(april)).toMatchObject({ eligible_voters: 3 })
  // Who could vote when March closed is not recorded: its line says "1 maintainer voted".
  expect(row(march)).toMatchObject({ eligible_voters: null })
})

test('a round opened from the rounds page lands on its page saying it is scheduled for its later day', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  const inTwoMonths = new Date(Date.now() + 60 * 86_400_000)
  const opensOn = inTwoMonths.toISOString().slice(0, 10)
  const response = await callAction(
    action,
    '/roadmap/rounds?index',
    [
      ['intent', 'open-round'],
      ['releaseTargetId', String(target.targetId)],
      ['name', ''],
      ['opensOn', opensOn],
      ['closesOn', ''],
      ['shortlist', String(tests)],
      ['shortlist', String(docs)],
    ],
    { accountId: dana.id },
  )
  expect(response.status).toBe(302)
  const location = response.headers.get('Location')!
  expect(location).toMatch(/^\/roadmap\/rounds\/\d+\?opened$/)
  const roundId = location.match(/\d+/)![0]
  const page = await roundLoader(
    await loaderArgs(location, { accountId: dana.id, params: { id: roundId } }),
  )
  const monthName = new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(inTwoMonths)
  expect((await page.json()).openedNotice).toBe(
    `${monthName} round is scheduled, with its shortlist: voting starts on ${formatDate(`${opensOn}T00:00:00Z`)}.`,
  )
  // Nobody else is told she opened it.
  const shared = await roundLoader(await loaderArgs(location, { params: { id: roundId } }))
  expect((await shared.json()).openedNotice).toBeNull()
})

test('a release target or an area sent twice at once is made once; the second is refused, not a 500', async () => {
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  // Both requests find no clash before either inserts (a double-clicked button): the second
  // insert once failed on the unique slug, a 500.
  const twice = (fields: [string, string][]) =>
    Promise.all(
      [1, 2].map(() => callAction(action, '/roadmap/rounds?index', fields, { accountId: dana.id })),
    )
  const targets = await twice([
    ['intent', 'create-target'],
    ['name', 'MirageOS 5.0'],
  ])
  expect(targets.map((response) => response.status).sort()).toEqual([200, 400])
  const refusedTarget = targets.find((response) => response.status === 400)!
  expect(await refusedTarget.json()).toMatchObject({
    message: 'There is already a release target called "MirageOS 5.0".',
  })
  const made = await getDb()
    .selectFrom('release_target')
    .select('id')
    .where('name', '=', 'MirageOS 5.0')
    .execute()
  expect(made).toHaveLength(1)

  const areas = await twice([
    ['intent', 'create-area'],
    ['releaseTargetId', String(made[0]!.id)],
    ['name', 'Unikernel size'],
  ])
  expect(areas.map((response) => response.status).sort()).toEqual([200, 400])
  const refusedArea = areas.find((response) => response.status === 400)!
  expect(await refusedArea.json()).toMatchObject({
    message: 'The area "Unikernel size" already exists.',
  })
  const areaRows = await getDb()
    .selectFrom('roadmap_area')
    .select('id')
    .where('name', '=', 'Unikernel size')
    .execute()
  expect(areaRows).toHaveLength(1)
})

test('a target with no area yet says to add one first, and the area form names the areas so far', async () => {
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const targetId = await createReleaseTarget({ name: 'Release 2.0' }, getDb())
  const data = async () =>
    (await loader(await loaderArgs('/roadmap/rounds', { accountId: dana.id }))).json()
  const render = async (areaNames: string[]) =>
    (
      await renderInRouter(
        createElement(
          'div',
          null,
          createElement(OpenRoundForm, {
            targetId,
            targetSlug: 'release-2-0',
            hasAreas: areaNames.length > 0,
            proposed: undefined,
            openIdeas: [],
            defaults: { name: '', opensOn: '', closesOn: '', dotBudget: 0, dotsFrom: null },
            now: new Date().toISOString(),
            takenNames: [],
            failed: undefined,
          }),
          createElement(TargetAndAreaForms, {
            target: { id: targetId, name: 'Release 2.0' },
            areaNames,
          }),
        ),
      )
    ).replaceAll('<!-- -->', '')

  expect((await data()).areaNames).toEqual([])
  const before = await render([])
  expect(before).toContain('Ideas are proposed in areas of focus: add the first one below')
  expect(before).toContain('It has no area yet')

  await createArea({ releaseTargetId: targetId, name: 'Performance' }, getDb())
  await createArea({ releaseTargetId: targetId, name: 'Docs' }, getDb())
  const { areaNames } = await data()
  expect(areaNames).toEqual(['Docs', 'Performance'])
  const after = await render(areaNames)
  expect(after).toContain('Once there are more on the')
  expect(after).toContain('Its areas so far: Docs and Performance.')
})

test('someone who is not a maintainer reads that only maintainers vote and where her part is: the ideas', async () => {
  await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const cam = await makePerson(getDb(), 'cam', 'contributor')
  const page = async (accountId?: number) => {
    const response = await loader(await loaderArgs('/roadmap/rounds', { accountId }))
    const html = await renderRouteWith(RoundsRoute, await response.json(), '/roadmap/rounds')
    return html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '')
  }
  const line =
    'Only maintainers vote. Each shortlist is picked from the ideas, where anyone signed in can propose, +1 and comment.'
  expect(await page(cam.id)).toContain(line)
  expect(await page()).toContain(line)
  // A maintainer has the forms instead.
  expect(await page(dana.id)).not.toContain(line)
})

test('the next round’s form starts with the dots of the target’s last round, and says so', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  const tests = await makeIdea(getDb(), target, 'Better tests')
  const docs = await makeIdea(getDb(), target, 'Doc days')
  await makeIdea(getDb(), target, 'Fuzz the stack')
  const now = new Date()
  const roundId = await openRound(
    {
      releaseTargetId: target.targetId,
      name: 'Autumn round',
      opensAt: now,
      dotBudget: 5,
      shortlist: [tests, docs],
    },
    dana,
    now,
    getDb(),
  )
  await castBallot(roundId, dana, [{ id: tests, rank: 1 }], now, getDb())
  await closeOnTopIdea(getDb(), roundId, [tests, docs], dana, now, {
    rationale: 'Tests first.',
    reason: 'Later.',
  })
  // Another target's round, opened since with other dots, is not this target's.
  const other = await makeTarget(getDb(), 'MirageOS 4.0')
  const a = await makeIdea(getDb(), other, 'A')
  const b = await makeIdea(getDb(), other, 'B')
  await openRound(
    {
      releaseTargetId: other.targetId,
      name: 'Other',
      opensAt: now,
      dotBudget: 2,
      shortlist: [a, b],
    },
    dana,
    now,
    getDb(),
  )

  const path = `/roadmap/rounds?target=mirageos-3-0`
  const data = await (await loader(await loaderArgs(path, { accountId: dana.id }))).json()
  expect(data.defaults).toMatchObject({ dotBudget: 5, dotsFrom: 'Autumn round' })
  const html = (await renderRouteWith(RoundsRoute, data, path)).replace(/<!-- -->/g, '')
  expect(html).toMatch(/<input name="dotBudget"[^>]*value="5"/)
  expect(html).toContain(
    '5, as in Autumn round, this target’s last round. 0: no temperature check.',
  )

  // The round its close proposed starts so too, on its own page.
  const proposed = data.rounds.find((round: { status: string }) => round.status === 'proposed')!
  const page = await roundLoader(
    await loaderArgs(`/roadmap/rounds/${proposed.id}`, {
      accountId: dana.id,
      params: { id: String(proposed.id) },
    }),
  )
  expect((await page.json()).defaults).toMatchObject({ dotBudget: 5, dotsFrom: 'Autumn round' })
})

test('a target’s first round’s form starts with no dots', async () => {
  const target = await makeTarget(getDb())
  const dana = await makePerson(getDb(), 'dana', 'maintainer')
  await makeIdea(getDb(), target, 'Better tests')
  await makeIdea(getDb(), target, 'Doc days')
  const path = '/roadmap/rounds?target=mirageos-3-0'
  const data = await (await loader(await loaderArgs(path, { accountId: dana.id }))).json()
  expect(data.defaults).toMatchObject({ dotBudget: 0, dotsFrom: null })
  const html = (await renderRouteWith(RoundsRoute, data, path)).replace(/<!-- -->/g, '')
  expect(html).toMatch(/<input name="dotBudget"[^>]*value="0"/)
  expect(html).toContain('0: no temperature check.')
})
