import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../../test/database'
import { repositoryPayload } from '../../../test/factories'
import { mirror } from '../../../test/mirror'
import { createAccount, createGitHubAccount } from '../../../test/starter-factories'

import {
  cancelLabelChange,
  claimLabelChanges,
  enqueueLabelChanges,
  enqueueLabelRename,
  finishLabelChange,
  listLabelChanges,
  type NewLabelChange,
} from './outbox.server'

const getDb = setupTestDatabase()
const actor = { id: null, login: 'maintainer' }

async function repository(fullName = 'acme/app') {
  const payload = repositoryPayload(fullName)
  await mirror(getDb(), payload)
  return payload.id
}

/** Marks a repository as the demo loader marks its copies (app/demo/demo.server.ts). */
async function demoCopy(repositoryId: number) {
  await getDb()
    .updateTable('repository')
    .set({ history_recorded: false })
    .where('id', '=', repositoryId)
    .execute()
}

function change(repositoryId: number, overrides: Partial<NewLabelChange> = {}): NewLabelChange {
  return {
    repositoryId,
    issueNumber: 1,
    label: 'starter',
    action: 'add',
    baseLabels: [],
    ...overrides,
  }
}

test('the same waiting change queued twice is stored once', async () => {
  const repositoryId = await repository()
  const first = await enqueueLabelChanges(
    [change(repositoryId), change(repositoryId, { label: 'STARTER' })],
    actor,
    getDb(),
  )
  const second = await enqueueLabelChanges(
    [change(repositoryId), change(repositoryId, { action: 'remove' })],
    actor,
    getDb(),
  )

  expect(first).toEqual({ queued: 1, alreadyQueued: 1 })
  expect(second).toEqual({ queued: 1, alreadyQueued: 1 })
  const log = await listLabelChanges({ repositoryId }, getDb())
  expect(log.items.map((item) => [item.label, item.action, item.status])).toEqual([
    ['starter', 'remove', 'pending'],
    ['starter', 'add', 'pending'],
  ])
  expect(log.items[0]).toMatchObject({ requested_by_login: 'maintainer', attempts: 0 })
})

test('a label name GitHub would refuse is reported and nothing is queued', async () => {
  const repositoryId = await repository()
  const tooLong = 'x'.repeat(51)

  await expect(
    enqueueLabelChanges(
      [change(repositoryId), change(repositoryId, { label: tooLong, issueNumber: 7 })],
      actor,
      getDb(),
    ),
  ).rejects.toThrow(`The label "${tooLong}" on issue #7 is 51 characters long; GitHub allows 50.`)
  expect((await listLabelChanges({ repositoryId }, getDb())).items).toEqual([])
})

test('two claimers never take the same change, and an issue is claimed whole', async () => {
  const repositoryId = await repository()
  await enqueueLabelChanges(
    [
      change(repositoryId, { issueNumber: 1, label: 'starter' }),
      change(repositoryId, { issueNumber: 2, label: 'starter' }),
      change(repositoryId, { issueNumber: 1, label: 'lang/1★' }),
    ],
    actor,
    getDb(),
  )

  const [a, b] = await Promise.all([
    claimLabelChanges('a', 1, getDb()),
    claimLabelChanges('b', 1, getDb()),
  ])

  const ids = [...a, ...b].map((row) => row.id)
  expect(new Set(ids).size).toBe(3)
  for (const claimed of [a, b]) {
    expect(new Set(claimed.map((row) => row.issue_number)).size).toBe(1)
  }
  expect(await claimLabelChanges('c', 10, getDb())).toEqual([])
})

test('a crashed worker’s claim is taken again after its lease, and its late outcome is dropped', async () => {
  const repositoryId = await repository()
  await enqueueLabelChanges([change(repositoryId)], actor, getDb())
  const [claimed] = await claimLabelChanges('crashed', 10, getDb(), { leaseMs: 1 })
  await new Promise((resolve) => setTimeout(resolve, 10))

  const [retaken] = await claimLabelChanges('second', 10, getDb())

  expect(retaken).toMatchObject({ id: claimed!.id, attempts: 2 })
  expect(await finishLabelChange(claimed!.id, { status: 'done', worker: 'crashed' }, getDb())).toBe(
    false,
  )
  expect(
    await finishLabelChange(
      retaken!.id,
      { status: 'done', worker: 'second', githubStatus: 200, githubResponse: { labels: ['x'] } },
      getDb(),
    ),
  ).toBe(true)
  const [row] = (await listLabelChanges({ repositoryId }, getDb())).items
  expect(row).toMatchObject({ status: 'done', github_status: 200, attempts: 2 })
  expect(row!.github_response).toEqual({ labels: ['x'] })
  expect(row!.finished_at).toBeInstanceOf(Date)
})

test('a change given back as pending is not retaken by the same run but is by the next', async () => {
  const repositoryId = await repository()
  await enqueueLabelChanges([change(repositoryId)], actor, getDb())
  const [claimed] = await claimLabelChanges('a', 10, getDb())
  await finishLabelChange(
    claimed!.id,
    { status: 'pending', worker: 'a', error: 'GitHub 502' },
    getDb(),
  )

  expect(await claimLabelChanges('a', 10, getDb(), { skipIds: [claimed!.id] })).toEqual([])
  expect(await claimLabelChanges('b', 10, getDb())).toMatchObject([{ id: claimed!.id }])
})

test('the audit log filters by repository and status, newest first, a page at a time', async () => {
  const app = await repository('acme/app')
  const other = await repository('acme/other')
  for (let issueNumber = 1; issueNumber <= 5; issueNumber++) {
    await enqueueLabelChanges([change(app, { issueNumber })], actor, getDb())
  }
  await enqueueLabelChanges([change(other)], actor, getDb())
  const [claimed] = await claimLabelChanges('a', 1, getDb())
  await finishLabelChange(claimed!.id, { status: 'failed', worker: 'a', error: 'no' }, getDb())

  const first = await listLabelChanges({ repositoryId: app, limit: 2 }, getDb())
  const second = await listLabelChanges(
    { repositoryId: app, limit: 2, before: first.next! },
    getDb(),
  )
  const third = await listLabelChanges(
    { repositoryId: app, limit: 2, before: second.next! },
    getDb(),
  )

  expect(
    [...first.items, ...second.items, ...third.items].map((item) => item.issue_number),
  ).toEqual([5, 4, 3, 2, 1])
  expect(third.next).toBeNull()
  expect(first.items[0]!.full_name).toBe('acme/app')
  const failed = await listLabelChanges({ status: 'failed' }, getDb())
  expect(failed.items.map((item) => [item.full_name, item.issue_number, item.last_error])).toEqual([
    ['acme/app', 1, 'no'],
  ])
})

test('a cancelled change is never claimed, and does not hold back the issue’s next change', async () => {
  const repositoryId = await repository()
  await enqueueLabelChanges(
    [change(repositoryId), change(repositoryId, { label: 'mentor available' })],
    actor,
    getDb(),
  )
  const { items } = await listLabelChanges({}, getDb())
  const oldest = Math.min(...items.map((item) => item.id))
  await cancelLabelChange(oldest, actor, getDb())
  const claimed = await claimLabelChanges('worker-1', 10, getDb())
  expect(claimed.map((row) => row.label)).toEqual(['mentor available'])
  await expect(cancelLabelChange(claimed[0]!.id, actor, getDb())).rejects.toMatchObject({
    status: 409,
  })
})

test('a change a demo person asked for says so in the log; a real maintainer’s does not', async () => {
  const repositoryId = await repository()
  // The demo's copy of a repository: the only place a demo person's changes are queued.
  await demoCopy(repositoryId)
  const demo = await createAccount(getDb(), 'demo-maintainer', 'maintainer')
  const real = await createGitHubAccount(getDb(), 'real-maintainer')
  await enqueueLabelChanges([change(repositoryId, { issueNumber: 1 })], demo, getDb())
  await enqueueLabelChanges([change(repositoryId, { issueNumber: 2 })], real, getDb())
  await enqueueLabelChanges([change(repositoryId, { issueNumber: 3 })], actor, getDb())

  const { items } = await listLabelChanges({ repositoryId }, getDb())
  expect(
    items.map((item) => [item.issue_number, item.requested_by_login, item.is_demo_request]).sort(),
  ).toEqual([
    [1, 'demo-maintainer', true],
    [2, 'real-maintainer', false],
    [3, 'maintainer', false],
  ])
})

test('a demo person’s changes or renames on a repository mirrored from GitHub are refused, nothing queued', async () => {
  const mirrored = await repository('acme/app')
  const copy = await repository('acme/demo')
  await demoCopy(copy)
  const demo = await createAccount(getDb(), 'demo-maintainer', 'maintainer')

  const refusal = {
    status: 403,
    message:
      'Demo people’s label changes are never sent to GitHub, and acme/app is mirrored from GitHub: ' +
      'nothing was queued. A maintainer signed in with GitHub applies them (GITHUB_CLIENT_ID and ' +
      'GITHUB_CLIENT_SECRET), or the operator runs npm run labels -- apply.',
  }
  // One change on the mirror refuses the lot, the demo copy's change with it.
  await expect(
    enqueueLabelChanges([change(copy), change(mirrored, { issueNumber: 2 })], demo, getDb()),
  ).rejects.toMatchObject(refusal)
  await expect(
    enqueueLabelRename(
      { repositoryId: mirrored, from: 'starter', to: 'good first issue' },
      demo,
      getDb(),
    ),
  ).rejects.toMatchObject(refusal)
  expect(await getDb().selectFrom('label_change').select('id').execute()).toEqual([])

  // A real maintainer's change on the mirror is queued.
  const real = await createGitHubAccount(getDb(), 'real-maintainer')
  expect(await enqueueLabelChanges([change(mirrored)], real, getDb())).toEqual({
    queued: 1,
    alreadyQueued: 0,
  })
})

test('a claimed change says whether a demo person asked for it', async () => {
  const repositoryId = await repository()
  await demoCopy(repositoryId)
  const demo = await createAccount(getDb(), 'demo-maintainer', 'maintainer')
  await enqueueLabelChanges([change(repositoryId, { issueNumber: 1 })], demo, getDb())
  await enqueueLabelChanges([change(repositoryId, { issueNumber: 2 })], actor, getDb())

  const claimed = await claimLabelChanges('worker-1', 10, getDb())
  expect(
    claimed.map((row) => [row.issue_number, row.requested_by_login, row.is_demo_request]),
  ).toEqual([
    [1, 'demo-maintainer', true],
    [2, 'maintainer', false],
  ])
})
