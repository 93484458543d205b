import { sql, type Insertable } from 'kysely'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import type { LabelLearningTable } from '../../db/schema'
import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { renderRouteWith } from '../../test/render'
import { callAction, callLoader } from '../../test/route-requests'
import {
  createAccount,
  createGitHubAccount,
  createMaintainer,
  createProject,
} from '../../test/starter-factories'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_PEOPLE } from '../accounts/person'
import { enqueueLabelChanges } from '../labels/outbox/outbox.server'
import { CancelButton, ChangeActor, ChangeState } from '../labels/ui/change-log'

import LabelLogRoute, { action, loader } from './labels.log'

const getDb = setupTestDatabase()

async function mirrorRepository(fullName: string, numbers: number[] = [1]) {
  const repository = repositoryPayload(fullName)
  await mirror(
    getDb(),
    repository,
    numbers.map((number) => issuePayload(fullName, number)),
  )
  return repository.id
}

/** Queues one change per label on the issue, as `login`; returns their ids, oldest first. */
async function queue(repositoryId: number, issueNumber: number, labels: string[], login = 'dana') {
  await enqueueLabelChanges(
    labels.map((label) => ({ repositoryId, issueNumber, label, action: 'add', baseLabels: [] })),
    { id: null, login },
    getDb(),
  )
  const rows = await getDb()
    .selectFrom('label_change')
    .select('id')
    .where('repository_id', '=', repositoryId)
    .where('issue_number', '=', issueNumber)
    .orderBy('id')
    .execute()
  return rows.map((row) => row.id).slice(-labels.length)
}

const GITHUB_HAD = ['lang/2★', 'starter']

/** Marks a change as the worker does when someone changed the issue's labels since the plan. */
async function makeConflict(id: number) {
  await getDb()
    .updateTable('label_change')
    .set({
      status: 'conflict',
      attempts: 1,
      last_error: 'Someone on GitHub added lang/2★ on mirage/a#1 since the plan: nothing was sent.',
      github_response: sql<string>`cast(${JSON.stringify({
        base: ['starter'],
        github: GITHUB_HAD,
        humanAdded: ['lang/2★'],
        humanRemoved: [],
      })}::text as jsonb)`,
      finished_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
}

const open = (path: string, accountId?: number) => callLoader(loader, path, { accountId })

const resolve = (form: Record<string, string>, accountId?: number) =>
  callAction(action, '/labels/log', form, { accountId })

function outbox() {
  return getDb()
    .selectFrom('label_change')
    .select([
      'id',
      'label',
      'action',
      'status',
      'base_labels',
      'requested_by_login',
      'resolution',
      'resolved_by_login',
    ])
    .orderBy('id')
    .execute()
}

test('only maintainers read the log and settle conflicts', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [id] = await queue(repositoryId, 1, ['lang/1★'])
  await makeConflict(id!)
  const cam = await createAccount(getDb(), 'cam')
  const before = await outbox()

  expect((await open('/labels/log')).status).toBe(401)
  expect((await open('/labels/log', cam.id)).status).toBe(403)
  const form = { intent: 'resolve', id: String(id), choice: 'kept-github' }
  expect((await resolve(form)).status).toBe(401)
  expect((await resolve(form, cam.id)).status).toBe(403)
  expect(await outbox()).toEqual(before)
})

test('the log lists changes newest first with who asked, what and how it went', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  await queue(repositoryId, 1, ['starter', 'lang/1★'])
  const [conflict] = await queue(repositoryId, 1, ['size/day'], 'ari')
  await makeConflict(conflict!)
  const dana = await createAccount(getDb(), 'dana', 'maintainer')

  const response = await open('/labels/log', dana.id)
  expect(response.status).toBe(200)
  const data = await response.json()
  expect(data.items.map((item: { label: string }) => item.label)).toEqual([
    'size/day',
    'lang/1★',
    'starter',
  ])
  expect(data.items[0]).toMatchObject({
    full_name: 'mirage/a',
    issue_number: 1,
    action: 'add',
    requested_by_login: 'ari',
    status: 'conflict',
    attempts: 1,
    last_error: expect.stringMatching(/^Someone on GitHub added lang\/2★/),
    github_response: { base: ['starter'], github: GITHUB_HAD, humanAdded: ['lang/2★'] },
    resolution: null,
  })
  expect(data.items[1]).toMatchObject({
    status: 'pending',
    attempts: 0,
    requested_by_login: 'dana',
  })
  expect(data.repositories).toEqual(['mirage/a'])
  expect(data.filters).toEqual({ repo: '', status: '', conflicts: '' })
  expect(data.pages).toEqual({ isFirstPage: true, firstPage: '?', nextPage: null })
})

test('on the demo’s copies the log says its queued changes are never sent; on a mirror it does not', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  await queue(repositoryId, 1, ['starter'])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  expect((await (await open('/labels/log', dana.id)).json()).holdsDemo).toBe(false)
  // As the demo loader marks its repositories (app/demo/demo.server.ts).
  await getDb().updateTable('repository').set({ history_recorded: false }).execute()
  expect((await (await open('/labels/log', dana.id)).json()).holdsDemo).toBe(true)
})

test('the log filters by repository, status and open conflicts', async () => {
  const a = await mirrorRepository('mirage/a')
  const b = await mirrorRepository('mirage/b', [1, 2])
  await queue(a, 1, ['starter'])
  // On two issues: settling a conflict settles the others of its issue's plan too.
  const [settled] = await queue(b, 1, ['lang/1★'])
  const [open1] = await queue(b, 2, ['size/day'])
  await makeConflict(settled!)
  await makeConflict(open1!)
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  await resolve({ intent: 'resolve', id: String(settled), choice: 'kept-github' }, dana.id)
  const labels = async (path: string) =>
    ((await (await open(path, dana.id)).json()).items as { label: string }[]).map(
      (item) => item.label,
    )

  expect(await labels('/labels/log?repo=mirage/a')).toEqual(['starter'])
  expect(await labels('/labels/log?repo=MIRAGE/B')).toEqual(['size/day', 'lang/1★'])
  expect(await labels('/labels/log?status=conflict')).toEqual(['size/day', 'lang/1★'])
  expect(await labels('/labels/log?conflicts=open')).toEqual(['size/day'])
  expect(await labels('/labels/log?repo=mirage/a&conflicts=open')).toEqual([])
  // An empty field of the filter form means "any".
  expect(await labels('/labels/log?repo=&status=')).toHaveLength(3)

  expect((await open('/labels/log?status=lost', dana.id)).status).toBe(400)
  expect((await open('/labels/log?conflicts=all', dana.id)).status).toBe(400)
  expect((await open('/labels/log?before=x', dana.id)).status).toBe(400)
  const unknown = await open('/labels/log?repo=mirage/nope', dana.id)
  expect(unknown.status).toBe(404)
  expect(await unknown.text()).toBe('No repository mirage/nope is mirrored.')
})

test('the log pages 50 changes at a time, keeping its filters', async () => {
  const repositoryId = await mirrorRepository('mirage/a', [1, 2])
  const labels = Array.from({ length: 60 }, (_, index) => `area/${String(index).padStart(2, '0')}`)
  await queue(repositoryId, 1, labels)
  await queue(repositoryId, 2, ['starter'])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')

  const first = await (await open('/labels/log?repo=mirage/a', dana.id)).json()
  expect(first.items).toHaveLength(50)
  expect(first.items[0].label).toBe('starter')
  expect(first.pages.isFirstPage).toBe(true)
  expect(first.pages.nextPage).toBe(`?repo=mirage%2Fa&before=${first.items[49].id}`)

  const second = await (await open(`/labels/log${first.pages.nextPage}`, dana.id)).json()
  expect(second.items.map((item: { label: string }) => item.label)).toEqual(
    labels.slice(0, 11).reverse(),
  )
  expect(second.pages).toEqual({
    isFirstPage: false,
    firstPage: '?repo=mirage%2Fa',
    nextPage: null,
  })
})

test('settling one change of a plan settles the others it met the conflict with, and says which', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [add, remove] = await queue(repositoryId, 1, ['lang/2★', 'size/day'])
  await makeConflict(add!)
  await makeConflict(remove!)
  const dana = await createMaintainer(getDb(), 'dana')

  const response = await resolve(
    { intent: 'resolve', id: String(remove), choice: 'reapplied' },
    dana.id,
  )
  expect(await response.json()).toEqual({
    ok: true,
    message: `Changes ${add} and ${remove} settled: the board's changes are queued again against GitHub's labels.`,
    id: remove,
  })
  const labels = async (path: string) =>
    ((await (await open(path, dana.id)).json()).items as { label: string }[]).map(
      (item) => item.label,
    )
  expect(await labels('/labels/log?conflicts=open')).toEqual([])
  expect(await labels('/labels/log?status=pending')).toEqual(['size/day', 'lang/2★'])
})

test('keeping GitHub’s labels settles the conflict and queues nothing', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [id] = await queue(repositoryId, 1, ['lang/1★'])
  await makeConflict(id!)
  const dana = await createAccount(getDb(), 'dana', 'maintainer')

  const response = await resolve(
    { intent: 'resolve', id: String(id), choice: 'kept-github' },
    dana.id,
  )
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({
    ok: true,
    message: `Change ${id} settled: GitHub's labels stay as they are.`,
    id,
  })
  expect(await outbox()).toEqual([
    expect.objectContaining({
      id,
      status: 'conflict',
      resolution: 'kept-github',
      resolved_by_login: 'dana',
    }),
  ])
  const data = await (await open('/labels/log', dana.id)).json()
  expect(data.items[0]).toMatchObject({ resolution: 'kept-github', resolved_by_login: 'dana' })
  expect(data.items[0].resolved_at).toEqual(expect.any(String))
})

test('applying the board’s change queues it again against the labels GitHub had', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [id] = await queue(repositoryId, 1, ['lang/1★'], 'ari')
  await makeConflict(id!)
  const dana = await createMaintainer(getDb(), 'dana')

  const response = await resolve(
    { intent: 'resolve', id: String(id), choice: 'reapplied' },
    dana.id,
  )
  expect(await response.json()).toEqual({
    ok: true,
    message: `Change ${id} settled: the board's change is queued again against GitHub's labels.`,
    id,
  })
  const rows = await outbox()
  expect(rows).toEqual([
    expect.objectContaining({
      id,
      status: 'conflict',
      resolution: 'reapplied',
      resolved_by_login: 'dana',
    }),
    expect.objectContaining({
      label: 'lang/1★',
      action: 'add',
      status: 'pending',
      base_labels: GITHUB_HAD,
      requested_by_login: 'dana',
      resolution: null,
    }),
  ])
})

test('a demo maintainer applying the board’s change on a mirror is refused: the conflict stays open, nothing queued', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [id] = await queue(repositoryId, 1, ['lang/1★'], 'ari')
  await makeConflict(id!)
  const before = await outbox()
  const dana = await createAccount(getDb(), 'demo-maintainer', 'maintainer')

  const response = await resolve(
    { intent: 'resolve', id: String(id), choice: 'reapplied' },
    dana.id,
  )

  expect(response.status).toBe(403)
  expect(await response.json()).toMatchObject({
    ok: false,
    id,
    message: expect.stringMatching(/^Demo people’s label changes are never sent to GitHub/),
  })
  expect(await outbox()).toEqual(before)
})

test('settling twice, a change that is no conflict, or a bad id is refused and changes nothing', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [conflict, pending] = await queue(repositoryId, 1, ['lang/1★', 'starter'])
  await makeConflict(conflict!)
  const dana = await createMaintainer(getDb(), 'dana')
  const ari = await createMaintainer(getDb(), 'ari')
  await resolve({ intent: 'resolve', id: String(conflict), choice: 'reapplied' }, dana.id)
  const settled = await outbox()

  const twice = await resolve(
    { intent: 'resolve', id: String(conflict), choice: 'kept-github' },
    ari.id,
  )
  expect(twice.status).toBe(400)
  expect(await twice.json()).toEqual({
    ok: false,
    message: `Label change ${conflict} was already settled by dana.`,
    id: conflict,
  })
  const notConflict = await resolve(
    { intent: 'resolve', id: String(pending), choice: 'reapplied' },
    dana.id,
  )
  expect(notConflict.status).toBe(400)
  expect((await notConflict.json()).message).toBe(
    `Label change ${pending} is not a conflict (it is pending).`,
  )
  const missing = await resolve({ intent: 'resolve', id: '999999', choice: 'reapplied' }, dana.id)
  expect(missing.status).toBe(400)
  expect((await missing.json()).message).toBe('There is no label change 999999.')
  const malformed: Record<string, string>[] = [
    { intent: 'resolve', id: 'one', choice: 'reapplied' },
    { intent: 'resolve', id: String(conflict), choice: 'overwrite' },
    { intent: 'delete', id: String(conflict), choice: 'reapplied' },
    { intent: 'resolve', choice: 'reapplied' },
  ]
  for (const form of malformed) {
    expect((await resolve(form, dana.id)).status).toBe(400)
  }
  expect(await outbox()).toEqual(settled)
})

/**
 * Records what the board learned from GitHub about issue #`issueNumber`, one row per entry and
 * all in one statement (so they share learned_at, as one sync's do); returns their ids in order.
 */
async function learn(
  repositoryId: number,
  issueNumber: number,
  entries: Partial<Insertable<LabelLearningTable>>[] = [{}],
) {
  const issue = await getDb()
    .selectFrom('issue')
    .select('id')
    .where('repository_id', '=', repositoryId)
    .where('number', '=', issueNumber)
    .executeTakeFirstOrThrow()
  const rows = await getDb()
    .insertInto('label_learning')
    .values(
      entries.map((entry) => ({
        repository_id: repositoryId,
        issue_id: issue.id,
        issue_number: issueNumber,
        value: 'language:2',
        label: 'lang/2★',
        action: 'add' as const,
        from_value: '1',
        to_value: '2',
        github_at: new Date('2026-11-20T10:00:00Z'),
        github_login: 'octo',
        actor_login: 'github:octo',
        source: 'webhook' as const,
        outcome: 'learned' as const,
        reason: null,
        ...entry,
      })),
    )
    .returning('id')
    .execute()
  return rows.map((row) => row.id)
}

const PRIORITY_REASON =
  'Priorities are decided in recorded roadmap rounds; a label cannot change a decision.'

test('the learned view lists what the board learned from GitHub, newest first', async () => {
  const repositoryId = await mirrorRepository('mirage/a', [1, 2])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const projectId = await createProject(getDb(), { issue: 'mirage/a#1', title: 'Write a parser' })
  await learn(repositoryId, 1, [{ project_id: projectId }])
  await learn(repositoryId, 2, [
    {
      value: 'priority:agreed',
      label: 'priority/agreed',
      from_value: null,
      to_value: null,
      github_login: null,
      actor_login: 'github',
      source: 'sync',
      outcome: 'ignored',
      reason: PRIORITY_REASON,
    },
  ])

  const response = await open('/labels/log?view=learned', dana.id)
  expect(response.status).toBe(200)
  const data = await response.json()
  expect(data.view).toBe('learned')
  expect(data.learnings).toEqual([
    expect.objectContaining({
      repo: 'mirage/a',
      issue_number: 2,
      project_id: null,
      idea_id: null,
      label: 'priority/agreed',
      action: 'add',
      github_login: null,
      source: 'sync',
      outcome: 'ignored',
      reason: PRIORITY_REASON,
    }),
    expect.objectContaining({
      repo: 'mirage/a',
      issue_number: 1,
      project_id: projectId,
      project_title: 'Write a parser',
      label: 'lang/2★',
      from_value: '1',
      to_value: '2',
      github_login: 'octo',
      github_at: '2026-11-20T10:00:00.000Z',
      outcome: 'learned',
      reason: null,
      learned_at: expect.any(String),
    }),
  ])
  expect(data.repositories).toEqual(['mirage/a'])
  expect(data.filters).toEqual({ repo: '' })
  expect(data.pages).toEqual({ isFirstPage: true, firstPage: '?view=learned', nextPage: null })

  // The outbox view is still the default, and an empty view field means it too.
  for (const path of ['/labels/log', '/labels/log?view=']) {
    const outboxView = await (await open(path, dana.id)).json()
    expect(outboxView.view).toBe('changes')
    expect(outboxView.learnings).toBeUndefined()
  }
})

test('the learned view filters by repository', async () => {
  const a = await mirrorRepository('mirage/a')
  const b = await mirrorRepository('mirage/b')
  await mirrorRepository('mirage/quiet')
  await learn(a, 1, [{ label: 'size/day', value: 'size:day' }])
  await learn(b, 1, [{ label: 'lang/3★', value: 'language:3' }])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const labels = async (path: string) =>
    ((await (await open(path, dana.id)).json()).learnings as { label: string }[]).map(
      (entry) => entry.label,
    )

  expect(await labels('/labels/log?view=learned')).toEqual(['lang/3★', 'size/day'])
  expect(await labels('/labels/log?view=learned&repo=mirage/a')).toEqual(['size/day'])
  expect(await labels('/labels/log?view=learned&repo=MIRAGE/B')).toEqual(['lang/3★'])
  expect(await labels('/labels/log?view=learned&repo=mirage/quiet')).toEqual([])
  const data = await (await open('/labels/log?view=learned&repo=mirage/b', dana.id)).json()
  // Only repositories the board learned something from are offered.
  expect(data.repositories).toEqual(['mirage/a', 'mirage/b'])
  expect(data.filters).toEqual({ repo: 'mirage/b' })
  const unknown = await open('/labels/log?view=learned&repo=mirage/nope', dana.id)
  expect(unknown.status).toBe(404)
  expect(await unknown.text()).toBe('No repository mirage/nope is mirrored.')
})

test('the learned view pages 50 entries at a time, entries of one sync included', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [oldest] = await learn(repositoryId, 1, [{ label: 'size/day', value: 'size:day' }])
  // One statement: these share learned_at, so only the id tells them apart across pages.
  const batch = await learn(
    repositoryId,
    1,
    Array.from({ length: 51 }, (_, index) => ({
      label: `area/${index}`,
      value: `domain:${index}`,
    })),
  )
  const dana = await createAccount(getDb(), 'dana', 'maintainer')

  const first = await (await open('/labels/log?view=learned&repo=mirage/a', dana.id)).json()
  expect(first.learnings.map((entry: { id: number }) => entry.id)).toEqual(batch.slice(1).reverse())
  expect(first.pages).toEqual({
    isFirstPage: true,
    firstPage: '?view=learned&repo=mirage%2Fa',
    nextPage: `?view=learned&repo=mirage%2Fa&before=${batch[1]}`,
  })

  const second = await (await open(`/labels/log${first.pages.nextPage}`, dana.id)).json()
  expect(second.learnings.map((entry: { id: number }) => entry.id)).toEqual([batch[0], oldest])
  expect(second.pages).toEqual({
    isFirstPage: false,
    firstPage: '?view=learned&repo=mirage%2Fa',
    nextPage: null,
  })
})

test('an unknown view is refused with a clear message', async () => {
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const response = await open('/labels/log?view=everything', dana.id)
  expect(response.status).toBe(400)
  expect(await response.text()).toBe(
    'Use view=learned for what the board learned from GitHub, or leave it out.',
  )
  expect((await open('/labels/log?view=learned&before=x', dana.id)).status).toBe(400)
  expect((await open('/labels/log?view=learned')).status).toBe(401)
})

test('a queued change can be cancelled before it is sent, and the log shows who cancelled it', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [id] = await queue(repositoryId, 1, ['lang/1★'])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')

  const response = await resolve({ intent: 'cancel', id: String(id) }, dana.id)
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ ok: true, id })
  const [row] = await outbox()
  expect(row).toMatchObject({ id, status: 'cancelled' })
  const page = await (await open('/labels/log?status=cancelled', dana.id)).json()
  expect(page.items).toEqual([
    expect.objectContaining({ id, status: 'cancelled', cancelled_by_login: 'dana' }),
  ])
  // The same change can be asked for again: a cancelled row holds no place in the queue.
  expect(await queue(repositoryId, 1, ['lang/1★'])).toHaveLength(1)
  expect((await outbox()).map((change) => change.status)).toEqual(['cancelled', 'pending'])
})

test('a demo person’s cancel or settlement is named and marked as a demo action; a real person’s is not', async () => {
  const repositoryId = await mirrorRepository('mirage/a', [1, 2])
  const [cancelled, settledByDemo] = await queue(repositoryId, 1, ['lang/1★', 'lang/2★'])
  // On another issue: settling a conflict settles the others of its issue's plan too.
  const [settledByReal] = await queue(repositoryId, 2, ['lang/3★'])
  await makeConflict(settledByDemo!)
  await makeConflict(settledByReal!)
  const dana = {
    id: await ensureDemoAccount(
      DEMO_PEOPLE.find((person) => person.id === 'maintainer')!,
      getDb(),
    ),
  }
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  await getDb().insertInto('maintainer_grant').values({ login: 'hannesm' }).execute()

  expect((await resolve({ intent: 'cancel', id: String(cancelled) }, dana.id)).status).toBe(200)
  for (const [id, accountId] of [
    [settledByDemo, dana.id],
    [settledByReal, hannes.id],
  ] as const) {
    const response = await resolve(
      { intent: 'resolve', id: String(id), choice: 'kept-github' },
      accountId,
    )
    expect(response.status).toBe(200)
  }

  // The page's data as the browser gets it.
  const { items } = JSON.parse(JSON.stringify(await (await open('/labels/log', dana.id)).json()))
  const byId = new Map(items.map((item: { id: number }) => [item.id, item]))
  const said = (login: string, isDemo: boolean) =>
    renderToStaticMarkup(createElement(ChangeActor, { login, isDemo }))
  const cancel = byId.get(cancelled) as { cancelled_by_login: string; is_demo_cancel: boolean }
  expect(said(cancel.cancelled_by_login, cancel.is_demo_cancel)).toMatch(
    /^Dana \(demo maintainer\)<span[^>]*> demo action<\/span>$/,
  )
  const demoSettled = byId.get(settledByDemo) as {
    resolved_by_login: string
    is_demo_resolution: boolean
  }
  expect(said(demoSettled.resolved_by_login, demoSettled.is_demo_resolution)).toContain(
    'Dana (demo maintainer)<span',
  )
  const realSettled = byId.get(settledByReal) as {
    resolved_by_login: string
    is_demo_resolution: boolean
  }
  expect(said(realSettled.resolved_by_login, realSettled.is_demo_resolution)).toBe('hannesm')

  // Keeping GitHub's labels is learned from GitHub in the adopter's name: marked the same way.
  const learned = await (await open('/labels/log?view=learned', dana.id)).json()
  const adopters = learned.learnings
    .filter((entry: { source: string }) => entry.source === 'adopted')
    .map((entry: { actor_login: string; is_demo_actor: boolean }) => [
      entry.actor_login,
      entry.is_demo_actor,
    ])
  expect(new Set(adopters.map(String))).toEqual(new Set(['demo-maintainer,true', 'hannesm,false']))
})

test('a change already sent, being sent or unknown cannot be cancelled: 409 or 404 with the reason', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [sent, running] = await queue(repositoryId, 1, ['lang/1★', 'starter'])
  await getDb()
    .updateTable('label_change')
    .set({ status: 'done', finished_at: sql<Date>`now()` })
    .where('id', '=', sent!)
    .execute()
  await getDb()
    .updateTable('label_change')
    .set({ status: 'running', claimed_by: 'worker-1', claimed_until: sql<Date>`now()` })
    .where('id', '=', running!)
    .execute()
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const before = await outbox()

  const done = await resolve({ intent: 'cancel', id: String(sent) }, dana.id)
  expect(done.status).toBe(409)
  expect((await done.json()).message).toBe(
    `Change ${sent} was already sent to GitHub: only a change still waiting can be cancelled.`,
  )
  const busy = await resolve({ intent: 'cancel', id: String(running) }, dana.id)
  expect(busy.status).toBe(409)
  expect((await busy.json()).message).toMatch(/being sent to GitHub right now/)
  expect((await resolve({ intent: 'cancel', id: '987654' }, dana.id)).status).toBe(404)
  expect((await resolve({ intent: 'cancel', id: 'x' }, dana.id)).status).toBe(400)
  expect((await resolve({ intent: 'cancel' }, dana.id)).status).toBe(400)
  const cam = await createAccount(getDb(), 'cam')
  expect((await resolve({ intent: 'cancel', id: String(sent) }, cam.id)).status).toBe(403)
  expect(await outbox()).toEqual(before)
})

test('on the demo’s copies a queued change reads as never sent, with no attempt counter, and can be withdrawn', async () => {
  const repositoryId = await mirrorRepository('mirage/a')
  const [id] = await queue(repositoryId, 1, ['starter'])
  const dana = await createAccount(getDb(), 'dana', 'maintainer')
  const render = async () => {
    const [item] = (await (await open('/labels/log', dana.id)).json()).items
    return {
      state: renderToStaticMarkup(createElement(ChangeState, { item })),
      button: renderToStaticMarkup(createElement(CancelButton, { item, disabled: false })),
    }
  }
  // On a mirror: waiting to be sent, tried so many times, cancellable before it is sent.
  const mirrored = await render()
  expect(mirrored.state).toContain('pending')
  expect(mirrored.state).toContain('0 attempts')
  expect(mirrored.button).toContain('Cancel before it is sent')
  // As the demo loader marks its repositories (app/demo/demo.server.ts).
  await getDb().updateTable('repository').set({ history_recorded: false }).execute()
  const demo = await render()
  expect(demo.state).toContain('not sent: demo')
  expect(demo.state).not.toContain('pending')
  expect(demo.state).not.toContain('attempt')
  expect(demo.button).toContain('Withdraw from the queue')
  expect(demo.button).not.toContain('before it is sent')
  const response = await resolve({ intent: 'cancel', id: String(id) }, dana.id)
  expect(await response.json()).toMatchObject({
    ok: true,
    message: `Change ${id} withdrawn from the queue: the plan offers it again (nothing is ever sent from the demo).`,
  })
})

test('each way of settling a conflict says what it does: what the board takes, what is sent', async () => {
  // Tagged 1★, re-rated 2★ on the board; meanwhile someone on GitHub made it 3★.
  const base = ['domain-level/1★', 'domain/networking', 'lang/1★', 'size/week', 'starter']
  const github = ['domain-level/1★', 'domain/networking', 'lang/3★', 'size/week', 'starter']
  const repository = repositoryPayload('mirage/a')
  await mirror(getDb(), repository, [
    issuePayload('mirage/a', 1, { labels: base.map((name) => labelPayload(name)) }),
  ])
  const project = await createProject(getDb(), {
    issue: 'mirage/a#1',
    primaryDomain: 'networking',
    languageStars: 2,
  })
  await enqueueLabelChanges(
    [
      {
        repositoryId: repository.id,
        issueNumber: 1,
        label: 'lang/2★',
        action: 'add',
        baseLabels: base,
      },
      {
        repositoryId: repository.id,
        issueNumber: 1,
        label: 'lang/1★',
        action: 'remove',
        baseLabels: base,
      },
    ],
    { id: null, login: 'dana' },
    getDb(),
  )
  await getDb()
    .updateTable('label_change')
    .set({
      status: 'conflict',
      github_response: sql<string>`cast(${JSON.stringify({ base, github, humanAdded: ['lang/3★'], humanRemoved: ['lang/1★'] })}::text as jsonb)`,
      finished_at: sql<Date>`now()`,
    })
    .execute()
  const [add, remove] = (await outbox()).map((row) => row.id)
  const dana = await createMaintainer(getDb(), 'dana')

  const data = await (await open('/labels/log', dana.id)).json()
  expect(data.openConflicts).toEqual({ changes: 2, issues: 1 })
  const preview = {
    sends: [
      { action: 'add', label: 'lang/2★' },
      { action: 'remove', label: 'lang/1★' },
    ],
    leftForNextPlan: ['lang/3★'],
    keeps: expect.objectContaining({
      takes: ['lang/3★: OCaml difficulty 3★'],
      leaves: [],
      refused: null,
    }),
  }
  // One plan, one decision: both of its changes show the same consequences.
  expect(data.choices).toEqual({ [add!]: preview, [remove!]: preview })
  const html = (await renderRouteWith(LabelLogRoute, data, '/labels/log')).replaceAll(
    '<!-- -->',
    '',
  )
  expect(html).toContain('2 changes on 1 issue wait for a decision.')
  expect(html).toContain('Sends nothing; the board takes lang/3★: OCaml difficulty 3★.')
  expect(html).toContain(
    'Sends + lang/2★ and − lang/1★ to GitHub, queued again against the labels it had. lang/3★ stays on GitHub until the next plan removes it.',
  )
  expect(html).toContain(`aria-describedby="keep-${add}"`)

  // The preview is what keeping GitHub's labels then does.
  await resolve({ intent: 'resolve', id: String(add), choice: 'kept-github' }, dana.id)
  const rated = await getDb()
    .selectFrom('starter_project')
    .select('language_stars')
    .where('id', '=', project)
    .executeTakeFirstOrThrow()
  expect(rated.language_stars).toBe(3)
  const after = await (await open('/labels/log', dana.id)).json()
  expect(after.openConflicts).toEqual({ changes: 0, issues: 0 })
  expect(after.choices).toEqual({})
})
