import { expect, onTestFinished, test } from 'vitest'

import { setupTestDatabase } from '../../../test/database'
import { labelPayload, repositoryPayload } from '../../../test/factories'
import { createFakeGitHub, type FakeGitHub } from '../../../test/fake-github/server'
import { mirror } from '../../../test/mirror'
import { createAccount, createGitHubAccount } from '../../../test/starter-factories'
import { fakeClient } from '../../../test/sync-helpers'
import { virtualClock } from '../../../test/virtual-clock'
import { mapIssue } from '../../github/map'
import { mirrorIssues } from '../learning/mirror-issues.server'
import { planIssue } from '../plan/plan'
import { defaultScheme, resolveScheme } from '../scheme/scheme'

import { enqueueLabelChanges, listLabelChanges, type NewLabelChange } from './outbox.server'
import { runLabelWorker, type LabelWorkerOptions } from './worker.server'

const getDb = setupTestDatabase()

const scheme = resolveScheme(defaultScheme(), {}, { domains: ['networking'], areas: [] })

async function setup() {
  const github = await createFakeGitHub()
  onTestFinished(() => github.close())
  github.addRepository('acme/app')
  const repository = repositoryPayload('acme/app')
  await mirror(getDb(), repository)
  return { github, repositoryId: repository.id }
}

/** Queues the plan taking an issue from its labels on the fake to `desired`. */
async function queuePlan(
  github: FakeGitHub,
  repositoryId: number,
  number: number,
  desired: string[],
) {
  const current = github.issue('acme/app', number)!.labels
  const plan = planIssue({ current, desired, scheme })
  const baseLabels = current.filter(scheme.isManaged)
  const change = (label: string, action: 'add' | 'remove'): NewLabelChange => ({
    repositoryId,
    issueNumber: number,
    label,
    action,
    baseLabels,
  })
  await enqueueLabelChanges(
    [
      ...plan.add.map((label) => change(label, 'add')),
      ...plan.remove.map((l) => change(l, 'remove')),
    ],
    { id: null, login: 'maintainer' },
    getDb(),
  )
  return plan.add.length + plan.remove.length
}

function run(github: FakeGitHub, options: Partial<LabelWorkerOptions> = {}) {
  return runLabelWorker({
    db: getDb(),
    client: fakeClient(github),
    workerId: 'worker-a',
    schemeFor: () => scheme,
    clock: virtualClock(),
    ...options,
  })
}

function writes(github: FakeGitHub) {
  return github.requestLog.filter((entry) => entry.method !== 'GET')
}

/** The issue's labels as the mirror holds them. */
async function mirroredLabels(number: number) {
  const issue = await getDb()
    .selectFrom('issue')
    .select('label_keys')
    .where('number', '=', number)
    .executeTakeFirst()
  return issue?.label_keys ?? null
}

function labelsOf(github: FakeGitHub, number: number) {
  return [...github.issue('acme/app', number)!.labels].sort()
}

/** Two issues: one gets three new labels, one changes its language difficulty. */
async function twoIssues(github: FakeGitHub, repositoryId: number) {
  github.addIssue('acme/app', { title: 'One', labels: ['bug'] })
  github.addIssue('acme/app', { title: 'Two', labels: ['bug', 'lang/2★'] })
  const changes =
    (await queuePlan(github, repositoryId, 1, ['starter', 'lang/1★', 'domain/networking'])) +
    (await queuePlan(github, repositoryId, 2, ['lang/1★']))
  github.clearLog()
  return changes
}

test('applies a plan with one request per change, one create per new label and one read per issue', async () => {
  const { github, repositoryId } = await setup()
  const changes = await twoIssues(github, repositoryId)

  const clock = virtualClock()
  const client = fakeClient(github)
  // When each write left, on the worker's clock.
  const sentAt: number[] = []
  client.octokit.hook.before('request', (request) => {
    if (request.method !== 'GET') sentAt.push(clock.now())
  })

  const summary = await run(github, { client, clock, minIntervalMs: 1000 })

  expect(changes).toBe(5)
  expect(summary).toMatchObject({ done: 5, conflicts: 0, failed: 0, skipped: 0, requests: 10 })
  expect(github.requestLog).toHaveLength(3 + 5 + 2)
  expect(labelsOf(github, 1)).toEqual(['bug', 'domain/networking', 'lang/1★', 'starter'].sort())
  expect(labelsOf(github, 2)).toEqual(['bug', 'lang/1★'])
  expect(github.clobberingCalls).toEqual([])
  expect(github.autoCreatedLabels).toEqual([])
  const starter = github.labels('acme/app').find((label) => label.name === 'starter')
  expect(starter).toMatchObject({
    color: '7057ff',
    description: scheme.specFor('starter').description,
  })
  // The creates all went out before the first add.
  const methods = writes(github).map((entry) => `${entry.method} ${entry.path}`)
  expect(methods.slice(0, 3)).toEqual(Array(3).fill('POST /repos/acme/app/labels'))
  // One write a second on the token, as the worker scheduled them.
  expect(sentAt).toHaveLength(writes(github).length)
  for (let i = 1; i < sentAt.length; i++) {
    expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(1000)
  }
  const log = await listLabelChanges({ repositoryId }, getDb())
  expect(log.items.map((item) => item.status)).toEqual(Array(5).fill('done'))
})

test('replaying an applied plan sends no write at all', async () => {
  const { github, repositoryId } = await setup()
  await twoIssues(github, repositoryId)
  await run(github)
  github.clearLog()

  expect(await run(github)).toMatchObject({ requests: 0, done: 0 })
  // The same plan queued again (a second click) is read once and never written.
  await enqueueLabelChanges(
    ['starter', 'lang/1★', 'domain/networking'].map((label) => ({
      repositoryId,
      issueNumber: 1,
      label,
      action: 'add' as const,
      baseLabels: [],
    })),
    { id: null, login: 'maintainer' },
    getDb(),
  )
  const summary = await run(github)
  expect(writes(github)).toEqual([])
  expect(summary).toMatchObject({ done: 3, conflicts: 0, requests: 1 })
})

test('a 5xx that outlasts the retries leaves the change pending, and the next run completes it exactly', async () => {
  const { github, repositoryId } = await setup()
  await twoIssues(github, repositoryId)
  github.faults.add({
    method: 'POST',
    path: '/repos/acme/app/issues/2/labels',
    times: 3,
    fault: { kind: 'server-error', status: 502 },
  })

  const first = await run(github)
  expect(first).toMatchObject({ done: 3, retried: 2 })
  const pending = await listLabelChanges({ repositoryId, status: 'pending' }, getDb())
  expect(pending.items).toMatchObject([
    { issue_number: 2, label: 'lang/2★', action: 'remove', attempts: 1, github_status: null },
    { issue_number: 2, label: 'lang/1★', action: 'add', attempts: 1, github_status: 502 },
  ])
  expect(pending.items[1]!.last_error).toMatch(/tried again.*502/)
  // Adds go first: the issue is not left without a difficulty.
  expect(labelsOf(github, 2)).toEqual(['bug', 'lang/2★'])

  const second = await run(github, { workerId: 'worker-b' })
  expect(second).toMatchObject({ done: 2, retried: 0 })
  expect(labelsOf(github, 2)).toEqual(['bug', 'lang/1★'])
  const appliedAdds = writes(github).filter(
    (entry) => entry.path === '/repos/acme/app/issues/2/labels' && entry.status === 200,
  )
  expect(appliedAdds).toHaveLength(1)
  expect(github.clobberingCalls).toEqual([])
})

test('a secondary rate limit mid-apply is waited out within the run', async () => {
  const { github, repositoryId } = await setup()
  await twoIssues(github, repositoryId)
  github.faults.add({
    method: 'DELETE',
    path: '/repos/acme/app/issues/2/labels/**',
    fault: { kind: 'secondary-rate-limit', retryAfter: 1 },
  })

  expect(await run(github)).toMatchObject({ done: 5, retried: 0, failed: 0 })
  expect(labelsOf(github, 2)).toEqual(['bug', 'lang/1★'])
})

test('after a crash mid-apply a new worker completes without writing anything twice', async () => {
  const { github, repositoryId } = await setup()
  await twoIssues(github, repositoryId)
  const controller = new AbortController()
  const client = fakeClient(github)
  let seen = 0
  // Dies right after GitHub applied its fifth request, before recording it.
  client.octokit.hook.after('request', () => {
    if (++seen === 5) {
      controller.abort()
      throw new Error('the worker process died')
    }
  })

  const crashed = await run(github, { client, signal: controller.signal, leaseMs: 1 })
  expect(crashed.aborted).toBe(true)
  const running = await listLabelChanges({ repositoryId, status: 'running' }, getDb())
  expect(running.items.length).toBeGreaterThan(0)
  await new Promise((resolve) => setTimeout(resolve, 10))

  const resumed = await run(github, { workerId: 'worker-b' })
  expect(resumed.aborted).toBe(false)
  expect(labelsOf(github, 1)).toEqual(['bug', 'domain/networking', 'lang/1★', 'starter'].sort())
  expect(labelsOf(github, 2)).toEqual(['bug', 'lang/1★'])
  const applied = writes(github)
    .filter((entry) => entry.status !== null && entry.status < 300)
    .map((entry) => `${entry.method} ${entry.path} ${JSON.stringify(entry.body)}`)
  expect(new Set(applied).size).toBe(applied.length)
  expect(applied).toHaveLength(3 + 5)
  const log = await listLabelChanges({ repositoryId }, getDb())
  expect(log.items.map((item) => item.status)).toEqual(Array(5).fill('done'))
  expect(github.autoCreatedLabels).toEqual([])
})

test('a person changing a managed label since the plan makes a conflict and nothing is sent', async () => {
  const { github, repositoryId } = await setup()
  github.addIssue('acme/app', { title: 'One', labels: ['bug'] })
  await queuePlan(github, repositoryId, 1, ['starter', 'lang/1★'])
  // Someone rates it on GitHub meanwhile, and adds a label of their own.
  github.updateIssue('acme/app', 1, { labels: ['bug', 'lang/3★', 'needs triage'] })
  github.clearLog()

  const summary = await run(github)

  // The labels read, and on the conflict one read of the whole issue for the mirror.
  expect(summary).toMatchObject({ conflicts: 2, done: 0, requests: 2 })
  expect(writes(github)).toEqual([])
  expect(labelsOf(github, 1)).toEqual(['bug', 'lang/3★', 'needs triage'])
  expect(await mirroredLabels(1)).toEqual(['bug', 'lang/3★', 'needs triage'])
  const log = await listLabelChanges({ repositoryId, status: 'conflict' }, getDb())
  expect(log.items).toHaveLength(2)
  expect(log.items[0]!.last_error).toBe(
    'Someone on GitHub added lang/3★ on acme/app#1 since the plan: nothing was sent.',
  )
  expect(log.items[0]!.github_response).toEqual({
    base: [],
    github: ['lang/3★'],
    humanAdded: ['lang/3★'],
    humanRemoved: [],
  })
})

test('a conflict names what the person removed too, even when the plan removes the same label', async () => {
  const { github, repositoryId } = await setup()
  github.addIssue('acme/app', { title: 'One', labels: ['bug', 'lang/1★'] })
  // The board re-rates it to 2★ while a person re-rates it to 3★ on GitHub.
  await queuePlan(github, repositoryId, 1, ['lang/2★'])
  github.updateIssue('acme/app', 1, { labels: ['bug', 'lang/3★'] })

  expect(await run(github)).toMatchObject({ conflicts: 2, done: 0 })

  const log = await listLabelChanges({ repositoryId, status: 'conflict' }, getDb())
  for (const item of log.items) {
    expect(item.last_error).toBe(
      'Someone on GitHub added lang/3★ and removed lang/1★ on acme/app#1 since the plan: nothing was sent.',
    )
    expect(item.github_response).toMatchObject({
      humanAdded: ['lang/3★'],
      humanRemoved: ['lang/1★'],
    })
  }
})

test('a person doing on GitHub just what the plan does is no conflict', async () => {
  const { github, repositoryId } = await setup()
  github.addIssue('acme/app', { title: 'One', labels: ['bug', 'lang/1★'] })
  await queuePlan(github, repositoryId, 1, ['lang/2★'])
  github.updateIssue('acme/app', 1, { labels: ['bug', 'lang/2★'] })
  github.clearLog()

  expect(await run(github)).toMatchObject({ conflicts: 0, done: 2 })
  expect(writes(github)).toEqual([])
})

test('a conflict never puts an older read of the issue over a newer copy in the mirror', async () => {
  const { github, repositoryId } = await setup()
  github.addIssue('acme/app', { title: 'One', labels: ['bug'] })
  await queuePlan(github, repositoryId, 1, ['starter'])
  github.updateIssue('acme/app', 1, { labels: ['bug', 'lang/3★'] })
  // A webhook brought a later change (lang/2★) before the worker's read of the issue answers.
  const later = github.payloads.issue('acme/app', 1)
  const newer = {
    ...later,
    updated_at: new Date(Date.parse(later.updated_at) + 60_000).toISOString(),
    labels: [labelPayload('bug'), labelPayload('lang/2★')],
  }
  await mirrorIssues([mapIssue(newer, repositoryId)], getDb())

  expect(await run(github)).toMatchObject({ conflicts: 1 })
  expect(await mirroredLabels(1)).toEqual(['bug', 'lang/2★'])
})

test('two workers at once apply every change exactly once', async () => {
  const { github, repositoryId } = await setup()
  for (let number = 1; number <= 6; number++) {
    github.addIssue('acme/app', { title: `Issue ${number}`, labels: ['bug'] })
    await queuePlan(github, repositoryId, number, ['starter', `lang/${(number % 3) + 1}★`])
  }
  github.clearLog()

  const [a, b] = await Promise.all([
    run(github, { workerId: 'worker-a', limit: 1 }),
    run(github, { workerId: 'worker-b', limit: 1, client: fakeClient(github) }),
  ])

  expect(a.done + b.done).toBe(12)
  const applied = writes(github).filter((entry) => entry.path.includes('/issues/'))
  expect(applied).toHaveLength(12)
  expect(new Set(applied.map((entry) => `${entry.path} ${JSON.stringify(entry.body)}`)).size).toBe(
    12,
  )
  expect(github.requestLog.filter((entry) => entry.method === 'GET')).toHaveLength(6)
  for (let number = 1; number <= 6; number++) {
    expect(labelsOf(github, number)).toEqual(['bug', `lang/${(number % 3) + 1}★`, 'starter'])
  }
  expect(github.autoCreatedLabels).toEqual([])
  expect(github.clobberingCalls).toEqual([])
})

test('a repository the token cannot write to fails every change with a clear message', async () => {
  const { github, repositoryId } = await setup()
  await twoIssues(github, repositoryId)
  github.archiveRepository('acme/app')

  const summary = await run(github)

  expect(summary).toMatchObject({ failed: 5, done: 0 })
  expect(labelsOf(github, 1)).toEqual(['bug'])
  expect(labelsOf(github, 2)).toEqual(['bug', 'lang/2★'])
  const failed = await listLabelChanges({ repositoryId, status: 'failed' }, getDb())
  expect(failed.items).toHaveLength(5)
  for (const item of failed.items) {
    expect(item.last_error).toMatch(/^The token cannot write to acme\/app \(GitHub answered 403/)
    expect(item.github_status).toBe(403)
  }
})

test('a deleted issue fails its changes with a clear message and the others go ahead', async () => {
  const { github, repositoryId } = await setup()
  await twoIssues(github, repositoryId)
  github.deleteIssue('acme/app', 1)

  expect(await run(github)).toMatchObject({ failed: 3, done: 2 })
  const failed = await listLabelChanges({ repositoryId, status: 'failed' }, getDb())
  expect(failed.items[0]!.last_error).toMatch(/acme\/app#1 is gone from GitHub/)
  expect(labelsOf(github, 2)).toEqual(['bug', 'lang/1★'])
})

test('a change to a label the board does not manage is skipped, never sent', async () => {
  const { github, repositoryId } = await setup()
  github.addIssue('acme/app', { title: 'One', labels: ['bug'] })
  await enqueueLabelChanges(
    [{ repositoryId, issueNumber: 1, label: 'bug', action: 'remove', baseLabels: [] }],
    { id: null, login: 'maintainer' },
    getDb(),
  )
  github.clearLog()

  expect(await run(github)).toMatchObject({ skipped: 1, requests: 0 })
  expect(labelsOf(github, 1)).toEqual(['bug'])
})

test("a change queued on the demo's copy of a repository is skipped, never sent to the real one", async () => {
  const { github, repositoryId } = await setup()
  // What the demo loader marks its repositories with (app/demo/demo.server.ts).
  await getDb()
    .updateTable('repository')
    .set({ history_recorded: false })
    .where('id', '=', repositoryId)
    .execute()
  github.addIssue('acme/app', { title: 'One', labels: ['bug'] })
  await queuePlan(github, repositoryId, 1, ['starter'])
  github.clearLog()

  expect(await run(github)).toMatchObject({ skipped: 1, done: 0, requests: 0 })
  expect(github.requestLog).toEqual([])
  expect(labelsOf(github, 1)).toEqual(['bug'])
  const log = await listLabelChanges({ repositoryId, status: 'skipped' }, getDb())
  expect(log.items[0]!.last_error).toMatch(/acme\/app is the MirageOS demo's copy/)
})

test('a demo person’s change waiting in the outbox is skipped, never sent; a real maintainer’s on the same issue goes through', async () => {
  const { github, repositoryId } = await setup()
  github.addIssue('acme/app', { title: 'One', labels: ['bug'] })
  const dana = await createAccount(getDb(), 'demo-maintainer', 'maintainer')
  const hannes = await createGitHubAccount(getDb(), 'hannesm')
  // Queued before queueing refused demo people's changes on a mirror (or by any path that would
  // forget to): the row is there, and the worker must still not send it.
  await getDb()
    .insertInto('label_change')
    .values([
      {
        repository_id: repositoryId,
        issue_number: 1,
        label: 'starter',
        action: 'add',
        base_labels: [],
        requested_by: dana.id,
        requested_by_login: dana.login,
      },
      {
        repository_id: repositoryId,
        issue_number: 1,
        label: 'lang/1★',
        action: 'add',
        base_labels: [],
        requested_by: dana.id,
        requested_by_login: dana.login,
      },
    ])
    .execute()
  await enqueueLabelChanges(
    [{ repositoryId, issueNumber: 1, label: 'mentor available', action: 'add', baseLabels: [] }],
    hannes,
    getDb(),
  )
  github.clearLog()

  expect(await run(github)).toMatchObject({ skipped: 2, done: 1, failed: 0 })
  // Only the real maintainer's label reached GitHub: its create and its add, nothing of Dana's.
  expect(writes(github).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
    'POST /repos/acme/app/labels',
    'POST /repos/acme/app/issues/1/labels',
  ])
  expect(labelsOf(github, 1)).toEqual(['bug', 'mentor available'])
  const skipped = await listLabelChanges({ repositoryId, status: 'skipped' }, getDb())
  expect(skipped.items.map((item) => [item.label, item.is_demo_request, item.last_error])).toEqual(
    ['lang/1★', 'starter'].map((label) => [
      label,
      true,
      "Asked for by Dana (demo maintainer), a demo action: demo people's label changes are never sent to GitHub.",
    ]),
  )
})

test('the conflict check is a conditional read: an issue unchanged since the last read answers 304', async () => {
  const { github, repositoryId } = await setup()
  github.addIssue('acme/app', { title: 'One', labels: ['bug', 'starter'] })
  const queueStarter = () =>
    enqueueLabelChanges(
      [{ repositoryId, issueNumber: 1, label: 'starter', action: 'add', baseLabels: [] }],
      { id: null, login: 'maintainer' },
      getDb(),
    )
  await queueStarter()
  await run(github)
  await queueStarter()
  github.clearLog()

  const summary = await run(github)

  expect(summary).toMatchObject({ done: 1, requests: 1 })
  expect(github.requestLog).toHaveLength(1)
  expect(github.requestLog[0]).toMatchObject({ method: 'GET', isConditional: true, status: 304 })
  // A person's change on GitHub changes the ETag: the read sees it, and the check with it.
  github.updateIssue('acme/app', 1, { labels: ['bug'] })
  await queueStarter()
  github.clearLog()
  await run(github)
  expect(github.requestLog[0]).toMatchObject({ method: 'GET', isConditional: true, status: 200 })
})
