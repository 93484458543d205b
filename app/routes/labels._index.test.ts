import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader, type RouteForm } from '../../test/route-requests'
import { createAccount, createMaintainer, createProject } from '../../test/starter-factories'
import { loadDemoData } from '../demo/demo.server'
import { PLAN_NOT_STARTED } from '../labels/plan/review'

import { loader as layoutLoader } from './labels'
import LabelPlanRoute, { action, loader } from './labels._index'

const getDb = setupTestDatabase()

// What tagging a networking project of a week, 1★ in the language and in the domain, plans.
const STARTER_LABELS = ['starter', 'domain/networking', 'lang/1★', 'domain-level/1★', 'size/week']
/** The managed labels an issue carries, as the mirror lists them (by name). */
const BASE = [...STARTER_LABELS].sort()

async function mirrorIssues(fullName: string, issues: Record<number, string[]>) {
  const { mirror } = await import('../../test/mirror')
  await mirror(
    getDb(),
    repositoryPayload(fullName),
    Object.entries(issues).map(([number, labels]) =>
      issuePayload(fullName, Number(number), { labels: labels.map((name) => labelPayload(name)) }),
    ),
  )
}

function tag(issue: string, overrides: Parameters<typeof createProject>[1] = {}) {
  return createProject(getDb(), { issue, primaryDomain: 'networking', size: 'week', ...overrides })
}

const open = (path: string, accountId?: number) => callLoader(loader, path, { accountId })

const apply = (form: RouteForm, accountId?: number, path = '/labels?index') =>
  callAction(action, path, form, { accountId })

function outbox() {
  return getDb()
    .selectFrom('label_change as c')
    .innerJoin('repository as r', 'r.id', 'c.repository_id')
    .select([
      'r.full_name',
      'c.issue_number',
      'c.label',
      'c.action',
      'c.base_labels',
      'c.status',
      'c.requested_by_login',
    ])
    .orderBy('r.full_name')
    .orderBy('c.issue_number')
    .orderBy('c.action')
    .orderBy('c.label')
    .execute()
}

test('only maintainers see the plan and apply it', async () => {
  await mirrorIssues('mirage/a', { 1: [] })
  await tag('mirage/a#1')
  const cam = await createAccount(getDb(), 'cam')

  expect((await open('/labels')).status).toBe(401)
  expect((await open('/labels', cam.id)).status).toBe(403)
  // The layout (Plan · Log · Scheme) is closed to them too.
  expect((await callLoader(layoutLoader, '/labels/scheme', { accountId: cam.id })).status).toBe(403)
  expect((await apply({ intent: 'apply-all' })).status).toBe(401)
  expect((await apply({ intent: 'apply-all' }, cam.id)).status).toBe(403)
  expect(await outbox()).toEqual([])
})

test('on the demo, the plan says its changes are never sent to GitHub; on a mirror it does not', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await mirrorIssues('mirage/a', { 1: [] })
  expect((await (await open('/labels', dana.id)).json()).holdsDemo).toBe(false)
  await getDb().deleteFrom('repository').execute()
  await loadDemoData(getDb())
  expect((await (await open('/labels', dana.id)).json()).holdsDemo).toBe(true)
})

test('applying on the demo’s copies says the changes are never sent, not that they wait for a token', async () => {
  await mirrorIssues('mirage/a', { 1: [] })
  await tag('mirage/a#1')
  // As the demo loader marks its repositories (app/demo/demo.server.ts).
  await getDb().updateTable('repository').set({ history_recorded: false }).execute()
  const dana = await createAccount(getDb(), 'dana', 'maintainer')

  const { message } = await (await apply({ intent: 'apply-all' }, dana.id)).json()
  expect(message).toBe(
    '5 changes queued. They are logged and never sent to GitHub: these are the MirageOS demo’s copies of its repositories.',
  )
})

test('once all is queued on the demo’s copies, the plan says the changes are never sent, not that they wait', async () => {
  await mirrorIssues('mirage/a', { 1: [] })
  await tag('mirage/a#1')
  const dana = await createMaintainer(getDb(), 'dana')
  await apply({ intent: 'apply-all' }, dana.id)
  expect((await (await open('/labels', dana.id)).json()).applyAll).toEqual({
    button: null,
    note: 'All 5 changes are queued: they wait in the outbox.',
  })
  // As the demo loader marks its repositories (app/demo/demo.server.ts).
  await getDb().updateTable('repository').set({ history_recorded: false }).execute()
  expect((await (await open('/labels', dana.id)).json()).applyAll.note).toBe(
    'All 5 changes are queued, and never sent: these are the demo’s copies.',
  )
})

test('a demo maintainer may read a mirror’s plan but not apply it: refused with the reason, nothing queued', async () => {
  await mirrorIssues('mirage/a', { 1: [] })
  await tag('mirage/a#1')
  const dana = await createAccount(getDb(), 'demo-maintainer', 'maintainer')

  const page = await (await open('/labels', dana.id)).json()
  expect(page.demoBlocked).toEqual(['mirage/a'])
  expect(page.plans.totals.adds).toBe(5)

  for (const form of [
    { intent: 'apply-all' },
    { intent: 'apply-selected', issue: 'mirage/a#1' },
  ] as RouteForm[]) {
    const response = await apply(form, dana.id)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      ok: false,
      queued: 0,
      message:
        'Demo people’s label changes are never sent to GitHub, and mirage/a is mirrored from GitHub: ' +
        'nothing was queued. A maintainer signed in with GitHub applies them (GITHUB_CLIENT_ID and ' +
        'GITHUB_CLIENT_SECRET), or the operator runs npm run labels -- apply.',
    })
  }
  expect(await outbox()).toEqual([])

  // A real maintainer's page offers it, and her apply is queued.
  const hannes = await createMaintainer(getDb(), 'hannesm')
  expect((await (await open('/labels', hannes.id)).json()).demoBlocked).toEqual([])
  expect((await apply({ intent: 'apply-all' }, hannes.id)).status).toBe(200)
  expect((await outbox()).map((change) => change.requested_by_login)).toEqual(
    Array(5).fill('hannesm'),
  )
})

test('the plan lists per repository the labels to create and each issue’s diff', async () => {
  await mirrorIssues('mirage/a', { 1: ['bug'], 2: [...STARTER_LABELS] })
  await tag('mirage/a#1', { mentors: ['@hannesm'] })
  await tag('mirage/a#2', { size: 'day' })
  const dana = await createMaintainer(getDb(), 'dana')

  const response = await open('/labels', dana.id)
  expect(response.status).toBe(200)
  const data = await response.json()
  expect(data).toMatchObject({
    repos: [],
    openConflicts: { changes: 0, issues: 0 },
    waiting: [],
    hasWorker: false,
  })
  expect(data.plans.missing).toEqual([])
  expect(data.plans.totals).toEqual({ issues: 2, adds: 7, removes: 1, creates: 2 })
  const [repository] = data.plans.repositories
  expect(repository.repo).toBe('mirage/a')
  expect(repository.problems).toEqual([])
  // Only labels the repository lacks are created: the others came with issue 2.
  expect(repository.creates.map((label: { name: string }) => label.name)).toEqual([
    'mentor available',
    'size/day',
  ])
  expect(repository.creates[0]).toMatchObject({ color: expect.stringMatching(/^[0-9a-f]{6}$/) })
  expect(repository.issues).toMatchObject([
    {
      number: 1,
      title: 'Issue 1 of mirage/a',
      url: 'https://github.com/mirage/a/issues/1',
      add: [...STARTER_LABELS, 'mentor available'],
      remove: [],
      base: [],
    },
    { number: 2, add: ['size/day'], remove: ['size/week'], base: BASE },
  ])
})

test('applying all queues every planned change once, as the maintainer, against the labels seen', async () => {
  await mirrorIssues('mirage/a', { 1: ['bug'], 2: [...STARTER_LABELS] })
  await tag('mirage/a#1')
  await tag('mirage/a#2', { size: 'day' })
  const dana = await createMaintainer(getDb(), 'dana')

  const response = await apply({ intent: 'apply-all' }, dana.id)
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({
    ok: true,
    // No worker runs in tests: the changes wait for a token.
    message: expect.stringMatching(
      /^7 changes queued\. They wait in the outbox until .*GITHUB_TOKEN/,
    ),
    queued: 7,
  })
  const rows = await outbox()
  expect(rows).toHaveLength(7)
  expect(rows.every((row) => row.status === 'pending' && row.requested_by_login === 'dana')).toBe(
    true,
  )
  expect(rows.filter((row) => row.issue_number === 1).map((row) => row.base_labels)).toEqual(
    Array(5).fill([]),
  )
  expect(rows.filter((row) => row.issue_number === 2)).toMatchObject([
    { action: 'add', label: 'size/day', base_labels: BASE },
    { action: 'remove', label: 'size/week', base_labels: BASE },
  ])

  // Applying again queues nothing new; the page marks the changes as queued.
  const again = await apply({ intent: 'apply-all' }, dana.id)
  expect((await again.json()).message).toBe(
    'Nothing new was queued: 7 changes were already waiting.',
  )
  expect(await outbox()).toHaveLength(7)
  const data = await (await open('/labels', dana.id)).json()
  expect(data.waiting).toHaveLength(7)
  expect(data.waiting).toContain('mirage/a#2 -size/week')
})

test('"Apply all" counts only the changes not yet queued, and gives way to a sentence once all are', async () => {
  await mirrorIssues('mirage/a', { 1: ['bug'], 2: [...STARTER_LABELS] })
  await tag('mirage/a#1')
  await tag('mirage/a#2', { size: 'day' })
  const dana = await createMaintainer(getDb(), 'dana')
  const offer = async () => (await (await open('/labels', dana.id)).json()).applyAll

  expect(await offer()).toEqual({ button: 'Apply all (7 changes)', note: null })
  await apply({ intent: 'apply-selected', change: 'mirage/a#2 -size/week' }, dana.id)
  expect(await offer()).toEqual({
    button: 'Apply all (6 changes)',
    note: '1 other is already queued.',
  })
  await apply({ intent: 'apply-all' }, dana.id)
  expect(await offer()).toEqual({
    button: null,
    note: 'All 7 changes are queued: they wait in the outbox.',
  })
})

test('applying a selection queues exactly the ticked changes and issues, and names stale keys', async () => {
  await mirrorIssues('mirage/a', { 1: [], 2: [...STARTER_LABELS], 3: [] })
  await tag('mirage/a#1')
  await tag('mirage/a#2', { size: 'day' })
  await tag('mirage/a#3')
  const dana = await createMaintainer(getDb(), 'dana')

  const response = await apply(
    {
      intent: 'apply-selected',
      change: ['mirage/a#2 +size/day', 'mirage/a#1 +starter', 'mirage/a#1 -lang/3★'],
      issue: ['mirage/a#3', 'mirage/a#99'],
    },
    dana.id,
  )
  expect(response.status).toBe(200)
  const body = await response.json()
  expect(body).toMatchObject({ ok: false, queued: 7 })
  expect(body.message).toBe(
    '7 changes queued; 2 selected changes are no longer in the plan (mirage/a#1 -lang/3★, mirage/a#99): review the plan again. They wait in the outbox until the server has a GitHub token (GITHUB_TOKEN) or someone runs `npm run labels -- apply`.',
  )
  const rows = await outbox()
  expect(rows.map((row) => `#${row.issue_number} ${row.action} ${row.label}`)).toEqual([
    '#1 add starter',
    '#2 add size/day',
    ...[...STARTER_LABELS].sort().map((label) => `#3 add ${label}`),
  ])
  // The removal of size/week on #2 was not ticked: it stays in the plan, not in the outbox.
  expect(rows.find((row) => row.action === 'remove')).toBeUndefined()
  expect(rows.find((row) => row.label === 'size/day')?.base_labels).toEqual(BASE)
})

test('a selection of nothing, of malformed keys or a bad intent is refused and queues nothing', async () => {
  await mirrorIssues('mirage/a', { 1: [] })
  await tag('mirage/a#1')
  const dana = await createMaintainer(getDb(), 'dana')

  const nothing = await apply({ intent: 'apply-selected' }, dana.id)
  expect(nothing.status).toBe(400)
  expect((await nothing.json()).message).toMatch(/^Nothing was selected/)
  const garbage = await apply(
    { intent: 'apply-selected', change: ['mirage/a#1 +starter', 'drop table label_change'] },
    dana.id,
  )
  expect(garbage.status).toBe(400)
  expect((await garbage.json()).message).toBe(
    '"drop table label_change" is not a change of the plan; nothing was queued.',
  )
  const badIssue = await apply({ intent: 'apply-selected', issue: ['mirage/a#0'] }, dana.id)
  expect(badIssue.status).toBe(400)
  expect((await apply({ intent: 'apply-everything' }, dana.id)).status).toBe(400)
  expect((await apply({}, dana.id)).status).toBe(400)
  expect(await outbox()).toEqual([])
})

test('the repository filter plans and queues only the repositories named', async () => {
  await mirrorIssues('mirage/a', { 1: [] })
  await mirrorIssues('mirage/b', { 1: [] })
  await tag('mirage/a#1')
  await tag('mirage/b#1')
  const dana = await createMaintainer(getDb(), 'dana')

  const data = await (await open('/labels?repo=mirage/b&repo=mirage/nope', dana.id)).json()
  expect(data.repos).toEqual(['mirage/b', 'mirage/nope'])
  expect(data.plans.repositories.map((r: { repo: string }) => r.repo)).toEqual(['mirage/b'])
  expect(data.plans.missing).toEqual(['mirage/nope'])

  // The page's form carries the filter as hidden fields.
  const response = await apply({ intent: 'apply-all', repo: 'mirage/b' }, dana.id)
  expect((await response.json()).queued).toBe(5)
  expect(new Set((await outbox()).map((row) => row.full_name))).toEqual(new Set(['mirage/b']))

  expect((await open('/labels?repo=not a repo', dana.id)).status).toBe(400)
  expect((await apply({ intent: 'apply-all', repo: 'not-a-repo' }, dana.id)).status).toBe(400)
  expect(await outbox()).toHaveLength(5)
})

test('when labels already match, the plan is empty and applying all says so', async () => {
  await mirrorIssues('mirage/a', { 1: [...STARTER_LABELS, 'bug'] })
  await tag('mirage/a#1')
  const dana = await createMaintainer(getDb(), 'dana')

  const data = await (await open('/labels', dana.id)).json()
  expect(data.plans.totals).toEqual({ issues: 0, adds: 0, removes: 0, creates: 0 })
  const response = await apply({ intent: 'apply-all' }, dana.id)
  expect(await response.json()).toEqual({
    ok: true,
    message: 'Nothing to apply: the labels on GitHub already match the board.',
    queued: 0,
  })
  expect(await outbox()).toEqual([])
})

test('on first use, with nothing tagged or rated, the empty plan says what fills it, not that GitHub matches', async () => {
  // A fresh community's board: its repositories mirrored, no starter project, no roadmap effort.
  await mirrorIssues('mirage/a', { 1: ['bug'], 2: [] })
  const dana = await createMaintainer(getDb(), 'dana')

  const data = await (await open('/labels', dana.id)).json()
  expect(data.plans.totals).toEqual({ issues: 0, adds: 0, removes: 0, creates: 0 })
  expect(data.plans.boardIssues).toBe(0)
  const response = await apply({ intent: 'apply-all' }, dana.id)
  const { message } = await response.json()
  expect(message).toBe(`${PLAN_NOT_STARTED.said} ${PLAN_NOT_STARTED.link}.`)
  expect(message).not.toContain('already match')
  expect(message).toContain('rated')

  // Once a project is tagged on an issue the board holds its labels: an empty plan would mean
  // GitHub matches (the previous test).
  await tag('mirage/a#1')
  expect((await (await open('/labels', dana.id)).json()).plans.boardIssues).toBe(1)
})

test('an empty plan with an issue left out in a conflict says so, not that GitHub matches', async () => {
  await mirrorIssues('mirage/a', { 1: [...STARTER_LABELS], 2: [] })
  await tag('mirage/a#1')
  await tag('mirage/a#2')
  const dana = await createMaintainer(getDb(), 'dana')
  // The worker met a person's change on #2: a conflict nobody settled yet.
  const repository = await getDb().selectFrom('repository').select('id').executeTakeFirstOrThrow()
  await getDb()
    .insertInto('label_change')
    .values({
      repository_id: repository.id,
      issue_number: 2,
      label: 'lang/2★',
      action: 'add',
      base_labels: BASE,
      requested_by_login: 'dana',
      status: 'conflict',
      finished_at: new Date('2026-01-01T10:00:00Z'),
      github_response: sql<string>`cast(${JSON.stringify({ humanAdded: ['lang/3★'], humanRemoved: ['lang/1★'] })}::text as jsonb)`,
    })
    .execute()

  const data = await (await open('/labels', dana.id)).json()
  expect(
    data.plans.repositories[0].leftOut.map((issue: { number: number }) => issue.number),
  ).toEqual([2])
  const response = await apply({ intent: 'apply-all' }, dana.id)
  const { message } = await response.json()
  expect(message).toBe(
    'Nothing to apply now: 1 issue is left out (see why below), and the others already match the board.',
  )
  expect(await outbox()).toEqual([expect.objectContaining({ issue_number: 2, status: 'conflict' })])
})

test('open conflicts are counted as the issues to decide on, not the changes that met them', async () => {
  await mirrorIssues('mirage/a', { 1: [...STARTER_LABELS], 2: [] })
  await tag('mirage/a#1')
  await tag('mirage/a#2')
  const dana = await createMaintainer(getDb(), 'dana')
  const repository = await getDb().selectFrom('repository').select('id').executeTakeFirstOrThrow()
  // One plan on #1 met a person's edit: both its changes became conflicts, one decision.
  const conflict = (issue_number: number, label: string, action: 'add' | 'remove') => ({
    repository_id: repository.id,
    issue_number,
    label,
    action,
    base_labels: BASE,
    requested_by_login: 'dana',
    status: 'conflict' as const,
    finished_at: new Date('2026-01-01T10:00:00Z'),
    github_response: sql<string>`cast(${JSON.stringify({ humanAdded: ['lang/3★'], humanRemoved: ['lang/1★'] })}::text as jsonb)`,
  })
  await getDb()
    .insertInto('label_change')
    .values([conflict(1, 'lang/2★', 'add'), conflict(1, 'lang/1★', 'remove')])
    .execute()

  const page = async () => {
    const data = await (await open('/labels', dana.id)).json()
    return {
      data,
      html: (await renderRouteWith(LabelPlanRoute, data, '/labels')).replaceAll('<!-- -->', ''),
    }
  }
  let { data, html } = await page()
  expect(data.openConflicts).toEqual({ changes: 2, issues: 1 })
  expect(html).toContain('2 changes on 1 issue wait for a decision: <a')
  expect(html).not.toContain('2 conflicts')

  await getDb()
    .insertInto('label_change')
    .values(conflict(2, 'lang/2★', 'add'))
    .execute()
  ;({ data, html } = await page())
  expect(data.openConflicts).toEqual({ changes: 3, issues: 2 })
  expect(html).toContain('3 changes on 2 issues wait for a decision')
})
