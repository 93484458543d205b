import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { getIdea } from '../roadmap/idea.server'
import { listIdeation } from '../roadmap/ideation.server'
import {
  findReleaseTarget,
  getPublicRoadmap,
  listAreas,
  listProcessNotes,
} from '../roadmap/roadmap.server'
import { listRounds } from '../roadmap/round.server'
import { snapshotRoadmap } from '../roadmap/test-fixtures'
import { EffortBurnUp, type EffortFactsView } from '../roadmap/ui/effort-facts'

import { loadDemoData } from './demo.server'
import { loadDemoRoadmap } from './roadmap-demo.server'

const getDb = setupTestDatabase()

test('the demo roadmap loads with the issues demo, and loading it again adds nothing', async () => {
  await loadDemoData(getDb())
  const once = await snapshotRoadmap(getDb())
  expect(once.idea).toHaveLength(32)
  await getDb()
    .transaction()
    .execute((trx) => loadDemoRoadmap(trx))
  expect(await snapshotRoadmap(getDb())).toEqual(once)
})

test('demo ideas keep their attribution, date, verbatim flag and original area', async () => {
  await loadDemoData(getDb())
  const target = await findReleaseTarget(null, getDb())
  expect(target?.name).toBe('MirageOS 3.0')
  const { id } = await getDb()
    .selectFrom('idea')
    .select('id')
    .where('source_key', '=', 'rm-12')
    .executeTakeFirstOrThrow()
  expect(await getIdea(id, null, getDb())).toMatchObject({
    title: 'Quality/Testing is a feature',
    is_verbatim: true,
    attribution: 'call attendees (listed jointly, not individually attributed)',
    created_at: new Date('2015-02-25T12:00:00Z'),
    area_name: 'Quality and testing',
    original_area: 'quality/testing',
    author_login: null,
    status: 'open',
  })
  const areas = await listAreas(target!.id, getDb())
  expect(areas.find((area) => area.name === 'Docs and onboarding')?.original_names.sort()).toEqual([
    'documentation',
    'documentation/onboarding',
    'onboarding',
  ])
})

test('prioritisation items are decisions of call rounds with no ballots; the roadmap shows them', async () => {
  await loadDemoData(getDb())
  const target = (await findReleaseTarget(null, getDb()))!
  // The calls, and the one round the demo opens (tested below).
  const rounds = (await listRounds(target.id, getDb())).filter((round) => round.kind === 'call')
  expect(rounds).toHaveLength(5)
  expect(rounds.every((round) => Number(round.voter_count) === 0)).toBe(true)
  // MirageOS's own calls, not something a demo person did: no call is marked a demo action.
  expect(rounds.filter((round) => round.is_demo)).toEqual([])
  const roadmap = await getPublicRoadmap(target.id, getDb())
  expect(
    roadmap.areas.map((area) => [area.name, area.efforts.map((effort) => effort.title)]),
  ).toEqual([
    [
      'Quality and testing',
      [
        'For 3.0 the emphasis is emerging as improving library quality, i.e. better tests',
        'Quality and test will be key for 3.0',
      ],
    ],
    ['Release scope', ["Think of 3.0 as the 'production-ready' release; continue the test effort"]],
    ['Storage', ['Irmin roadmap: the most important open problem is garbage collection']],
  ])
  const irmin = roadmap.areas.at(-1)!.efforts[0]!
  expect(irmin.progress).toEqual({ closed: 0, total: 1, unknown: 1 })
  expect(roadmap.history.map((entry) => entry.name)[0]).toBe('Call of 3 February 2016')
  expect(roadmap.history[0]?.outcomes[0]).toMatchObject({
    outcome: 'deferred',
    disposition: 'ideation',
  })
  // The open question of 2016-02-03 went back to ideation; agreed items left it.
  const ideation = await listIdeation({ releaseTargetId: target.id, perArea: 50 }, getDb())
  expect(ideation.reduce((sum, area) => sum + area.ideas.length, 0)).toBe(28)
})

test('process items become the notes of the "How we plan" page', async () => {
  await loadDemoData(getDb())
  const target = (await findReleaseTarget(null, getDb()))!
  const notes = await listProcessNotes(target.id, getDb())
  expect(notes.map((note) => [note.kind, note.noted_at.toISOString().slice(0, 10)])).toEqual([
    ['history', '2015-01-14'],
    ['history', '2015-01-28'],
    ['summary', '2015-02-25'],
    ['history', '2015-02-25'],
    ['history', '2016-07-27'],
  ])
  expect(notes.find((note) => note.kind === 'summary')?.body).toMatch(
    /^Two separate processes, deliberately not conflated/,
  )
})

test('the demo efforts take their status from real MirageOS issues the demo maintainer linked, marked as demo actions', async () => {
  await loadDemoData(getDb())
  const target = (await findReleaseTarget(null, getDb()))!
  const roadmap = await getPublicRoadmap(target.id, getDb())
  const efforts = roadmap.areas.flatMap((area) => area.efforts)
  const byKey = async (key: string) => {
    const { id } = await getDb()
      .selectFrom('idea')
      .select('id')
      .where('source_key', '=', key)
      .executeTakeFirstOrThrow()
    return efforts.find((effort) => effort.id === id)!
  }
  const quality = await byKey('rm-22')
  expect(quality.effort).toMatchObject({
    status: 'in-progress',
    override: null,
    progress: { closed: 2, open: 1, total: 3, unknown: 0 },
  })
  expect(quality.links.map((link) => link.linkedBy)).toEqual([
    { login: 'demo-seed-maintainer', isDemo: true },
    { login: 'demo-seed-maintainer', isDemo: true },
    { login: 'demo-seed-maintainer', isDemo: true },
  ])
  expect(quality.effort.burnUp.length).toBeGreaterThan(2)
  expect((await byKey('rm-25')).effort.status).toBe('done')
  expect((await byKey('rm-24')).effort.status).toBe('planned')
  expect((await byKey('rm-28')).effort).toMatchObject({
    status: 'planned',
    progress: { total: 1, unknown: 1 },
    burnUp: [],
  })
})

test('the untriaged demo links nothing to the efforts', async () => {
  await loadDemoData(getDb(), undefined, { triaged: false })
  const linked = await getDb()
    .selectFrom('idea_link')
    .select('ref')
    .where('linked_by', 'is not', null)
    .execute()
  expect(linked).toEqual([])
})

test('the demo invents no closing day: closed issues have none, and efforts chart none', async () => {
  await loadDemoData(getDb())
  // The MirageOS source records that an issue was closed or merged, never when.
  const closed = await getDb()
    .selectFrom('issue')
    .select(['number', 'closed_at'])
    .where('state', '=', 'closed')
    .execute()
  expect(closed.length).toBeGreaterThan(0)
  expect(closed.filter((issue) => issue.closed_at !== null)).toEqual([])

  const target = (await findReleaseTarget(null, getDb()))!
  const efforts = (await getPublicRoadmap(target.id, getDb())).areas.flatMap((a) => a.efforts)
  const done = efforts.find((effort) => effort.effort.status === 'done')!
  // Both linked issues closed, on days nobody recorded: done, and nothing to place on a chart.
  expect(done.effort.progress).toEqual({
    closed: 2,
    open: 0,
    total: 2,
    unknown: 0,
    closedOnUnknownDay: 2,
  })
  expect(done.effort.burnUp).toEqual([])
  const html = renderToStaticMarkup(
    createElement(EffortBurnUp, {
      title: done.title,
      facts: JSON.parse(JSON.stringify(done.effort)) as EffortFactsView,
    }),
  )
  expect(html).toContain('2 linked issues closed on days nobody recorded: nothing to chart.')
})

test('a charted effort says beside the chart which linked issues it leaves out, not only in its <desc>', async () => {
  await loadDemoData(getDb())
  const target = (await findReleaseTarget(null, getDb()))!
  const efforts = (await getPublicRoadmap(target.id, getDb())).areas.flatMap((a) => a.efforts)
  // 3 linked issues: 2 closed on days nobody recorded, 1 open with a known history.
  const charted = efforts.find(
    (effort) => effort.effort.burnUp.length > 0 && effort.effort.progress.closedOnUnknownDay > 0,
  )!
  expect(charted.effort.progress).toMatchObject({ total: 3, closed: 2, closedOnUnknownDay: 2 })
  const html = renderToStaticMarkup(
    createElement(EffortBurnUp, {
      title: charted.title,
      facts: JSON.parse(JSON.stringify(charted.effort)) as EffortFactsView,
    }),
  )
  const shown = html.replace(/<desc[^>]*>.*?<\/desc>/s, '')
  const said =
    '2 of the 3 linked issues were closed on days nobody recorded, so the chart leaves them out. It draws the other one: still open on 26 May 2024.'
  expect(shown).toContain(said)
  // Read before the chart, whose last point (1 linked, 0 closed) is not the headline's 2 of 3.
  expect(shown.indexOf(said)).toBeLessThan(shown.indexOf('<figure'))
})

test('no demo idea holds a +1 from its own author, which the board refuses', async () => {
  await loadDemoData(getDb())
  const own = await getDb()
    .selectFrom('idea_plus_one as p')
    .innerJoin('idea as i', 'i.id', 'p.idea_id')
    .select('i.id')
    .whereRef('p.account_id', '=', 'i.author_id')
    .execute()
  expect(own).toEqual([])
})
