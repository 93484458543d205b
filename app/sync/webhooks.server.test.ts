import { createHmac } from 'node:crypto'

import examples, { type WebhookDefinition } from '@octokit/webhooks-examples'
import { sql } from 'kysely'
import { afterEach, expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import type { RepositoryPayload } from '../github/map'
import { DEFAULT_FILTERS } from '../mirror/issue-filters'
import { listIssues } from '../mirror/issue.server'
import { createWebhookDelivery } from '../mirror/webhook-delivery.server'

import { isValidSignature, processPendingDeliveries, receiveWebhook } from './webhooks.server'

const getDb = setupTestDatabase()

const SECRET = 'webhook secret for tests'

// Receiving a delivery starts processing in the background; let it finish inside its own test.
afterEach(async () => {
  await processPendingDeliveries(getDb())
})

type EventName = WebhookDefinition['name']
type ExamplePayload<E extends EventName> = WebhookDefinition<E>['examples'][number]

/** A copy of one of GitHub's documented example payloads. */
function example<E extends EventName, A extends string>(event: E, action: A) {
  const definition = examples.find((candidate) => candidate.name === event)
  const payload = definition?.examples.find(
    (candidate) => 'action' in candidate && candidate.action === action,
  )
  if (!payload) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example`)
  return structuredClone(payload) as Extract<ExamplePayload<E>, { action: A }>
}

type RepositoryField = {
  repository?: { id: number; name: string; full_name: string; owner: { login: string } }
}

/** Points an example payload at a repository the test mirrors. */
function inRepository<T extends RepositoryField>(payload: T, repository: RepositoryPayload): T {
  if (!payload.repository) throw new Error('the example has no repository')
  Object.assign(payload.repository, {
    id: repository.id,
    name: repository.name,
    full_name: repository.full_name,
    owner: { ...payload.repository.owner, login: repository.owner.login },
  })
  return payload
}

let deliveryCount = 0

async function deliver(
  event: string,
  payload: unknown,
  config = { secret: SECRET as string | undefined },
) {
  const body = JSON.stringify(payload)
  const request = new Request('http://localhost/webhooks/github', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': `72d3162e-cc78-11e3-81ab-${String(++deliveryCount).padStart(12, '0')}`,
      'X-GitHub-Hook-ID': '109948940',
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  })
  const response = await receiveWebhook(request, config, getDb())
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function storedIssue(id: number) {
  return getDb()
    .selectFrom('issue')
    .select(['id', 'repository_id', 'number', 'title', 'state', 'updated_at', 'label_keys'])
    .where('id', '=', id)
    .executeTakeFirst()
}

async function storedRepository(id: number) {
  return getDb()
    .selectFrom('repository')
    .select(['owner', 'name', 'full_name', 'html_url', 'status', 'is_archived'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function storedDeliveries() {
  return getDb()
    .selectFrom('webhook_delivery')
    .select(['event', 'action', 'status', 'error', 'processed_at'])
    .orderBy('id')
    .execute()
}

async function mirrorHelloWorld() {
  const repository = repositoryPayload('Codertocat/Hello-World')
  await mirror(getDb(), repository)
  return repository
}

test("GitHub's published test vector verifies; another secret, body or signature does not", () => {
  const secret = "It's a Secret to Everybody"
  const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
  expect(isValidSignature(secret, 'Hello, World!', signature)).toBe(true)
  expect(isValidSignature(secret, Buffer.from('Hello, World!'), signature)).toBe(true)
  expect(isValidSignature(secret, 'Hello, World!', signature.slice('sha256='.length))).toBe(false)
  expect(isValidSignature('another secret', 'Hello, World!', signature)).toBe(false)
  expect(isValidSignature(secret, 'Hello, World?', signature)).toBe(false)
  expect(isValidSignature(secret, 'Hello, World!', signature.slice(0, -2))).toBe(false)
  expect(isValidSignature(secret, 'Hello, World!', null)).toBe(false)
})

test('an issues delivery is stored pending, answered 202, and mirrored when processed', async () => {
  const repository = await mirrorHelloWorld()
  const opened = inRepository(example('issues', 'opened'), repository)

  expect(await deliver('issues', opened)).toEqual({ status: 202, body: { accepted: true } })
  await processPendingDeliveries(getDb())

  expect(await storedIssue(opened.issue.id)).toMatchObject({
    repository_id: repository.id,
    number: opened.issue.number,
    title: opened.issue.title,
    state: 'open',
    label_keys: ['bug'],
  })
  const [delivery] = await storedDeliveries()
  expect(delivery).toMatchObject({ event: 'issues', action: 'opened', status: 'done', error: null })
  expect(delivery?.processed_at).toBeInstanceOf(Date)
})

test('an older issue payload delivered after a newer one changes nothing', async () => {
  const repository = await mirrorHelloWorld()
  const newer = inRepository(example('issues', 'edited'), repository)
  newer.issue.title = 'Spelling error in the README file, fixed title'
  newer.issue.updated_at = '2019-05-16T10:00:00Z'
  const older = inRepository(example('issues', 'unlabeled'), repository)
  older.issue.labels = []
  older.issue.updated_at = '2019-05-15T16:00:00Z'

  await deliver('issues', newer)
  await deliver('issues', older)
  await processPendingDeliveries(getDb())

  expect(await storedIssue(newer.issue.id)).toMatchObject({
    title: 'Spelling error in the README file, fixed title',
    updated_at: new Date('2019-05-16T10:00:00Z'),
    label_keys: ['bug'],
  })
  const deliveries = await storedDeliveries()
  expect(deliveries.map((delivery) => delivery.status)).toEqual(['done', 'done'])
})

test('issues.closed and issues.unlabeled update the stored issue', async () => {
  const repository = await mirrorHelloWorld()
  const opened = inRepository(example('issues', 'opened'), repository)
  // The examples package has no issues.closed payload; a reopened one has the same shape.
  const closed = inRepository(example('issues', 'reopened'), repository)
  Object.assign(closed, { action: 'closed' })
  Object.assign(closed.issue, { state: 'closed', closed_at: '2019-05-16T10:00:00Z' })
  closed.issue.updated_at = '2019-05-16T10:00:00Z'
  const unlabeled = inRepository(example('issues', 'unlabeled'), repository)
  unlabeled.issue.labels = []
  unlabeled.issue.updated_at = '2019-05-17T10:00:00Z'

  await deliver('issues', opened)
  await deliver('issues', closed)
  await processPendingDeliveries(getDb())
  expect(await storedIssue(opened.issue.id)).toMatchObject({ state: 'closed' })
  await deliver('issues', unlabeled)
  await processPendingDeliveries(getDb())
  expect(await storedIssue(opened.issue.id)).toMatchObject({ label_keys: [] })
})

test('issues.deleted removes the issue', async () => {
  const repository = await mirrorHelloWorld()
  const opened = inRepository(example('issues', 'opened'), repository)
  await deliver('issues', opened)
  await processPendingDeliveries(getDb())

  await deliver('issues', inRepository(example('issues', 'deleted'), repository))
  await processPendingDeliveries(getDb())

  expect(await storedIssue(opened.issue.id)).toBeUndefined()
  const links = await getDb().selectFrom('issue_label').select('issue_id').execute()
  expect(links).toEqual([])
})

test('an older issues.edited arriving after issues.deleted does not bring the issue back', async () => {
  const repository = await mirrorHelloWorld()
  const opened = inRepository(example('issues', 'opened'), repository)
  const deleted = inRepository(example('issues', 'deleted'), repository)
  deleted.issue.id = opened.issue.id
  // Written before the deletion, delivered (or retried) after it.
  const edited = inRepository(example('issues', 'edited'), repository)
  edited.issue.id = opened.issue.id
  edited.issue.updated_at = deleted.issue.updated_at
  await deliver('issues', opened)
  await deliver('issues', deleted)
  await processPendingDeliveries(getDb())
  await deliver('issues', edited)
  await processPendingDeliveries(getDb())

  expect(await storedIssue(opened.issue.id)).toBeUndefined()
  const tombstones = await getDb().selectFrom('issue_tombstone').select(['id', 'reason']).execute()
  expect(tombstones).toEqual([{ id: opened.issue.id, reason: 'deleted' }])
  expect((await storedDeliveries()).map((delivery) => delivery.status)).toEqual([
    'done',
    'done',
    'done',
  ])
})

test('issues.transferred removes the issue from the repository it left', async () => {
  const repository = await mirrorHelloWorld()
  const transferred = inRepository(example('issues', 'transferred'), repository)
  const opened = inRepository(example('issues', 'opened'), repository)
  opened.issue.id = transferred.issue.id
  await deliver('issues', opened)
  await processPendingDeliveries(getDb())
  expect(await storedIssue(transferred.issue.id)).toBeDefined()

  await deliver('issues', transferred)
  await processPendingDeliveries(getDb())

  expect(await storedIssue(transferred.issue.id)).toBeUndefined()
  expect(await storedIssue(transferred.changes.new_issue.id)).toBeUndefined()
})

test('an issues delivery for a repository the board does not mirror is acknowledged and creates nothing', async () => {
  await mirrorHelloWorld()
  const elsewhere = inRepository(
    example('issues', 'opened'),
    repositoryPayload('someone/not-mirrored'),
  )

  expect(await deliver('issues', elsewhere)).toEqual({ status: 202, body: { ignored: true } })
  await processPendingDeliveries(getDb())

  expect(await storedIssue(elsewhere.issue.id)).toBeUndefined()
  expect(await storedDeliveries()).toEqual([])
  const repositories = await getDb().selectFrom('repository').select('full_name').execute()
  expect(repositories).toEqual([{ full_name: 'Codertocat/Hello-World' }])
})

test("renaming a label rewrites its issues' label_keys, so the label filter follows", async () => {
  const repository = await mirrorHelloWorld()
  const opened = inRepository(example('issues', 'opened'), repository)
  const bug = opened.issue.labels?.[0]
  if (!bug) throw new Error('the issues.opened example has no label')
  await deliver('issues', opened)
  await processPendingDeliveries(getDb())

  const renamed = inRepository(example('label', 'edited'), repository)
  Object.assign(renamed, {
    label: { ...renamed.label, id: bug.id, name: 'Defect' },
    changes: { name: { from: bug.name } },
  })
  await deliver('label', renamed)
  await processPendingDeliveries(getDb())

  expect(await storedIssue(opened.issue.id)).toMatchObject({ label_keys: ['defect'] })
  const board = (labels: string[]) =>
    listIssues({ ...DEFAULT_FILTERS, repositoryIds: [], labels }, getDb())
  expect((await board(['defect'])).items.map((issue) => issue.id)).toEqual([opened.issue.id])
  expect((await board(['bug'])).items).toEqual([])
})

test('deleting a label drops it from the label_keys of every issue that carried it', async () => {
  const repository = await mirrorHelloWorld()
  const first = inRepository(example('issues', 'opened'), repository)
  const second = inRepository(example('issues', 'opened'), repository)
  Object.assign(second.issue, { id: first.issue.id + 1, number: first.issue.number + 1 })
  const bug = first.issue.labels?.[0]
  if (!bug) throw new Error('the issues.opened example has no label')
  await deliver('issues', first)
  await deliver('issues', second)
  await processPendingDeliveries(getDb())

  const deleted = inRepository(example('label', 'deleted'), repository)
  deleted.label = { ...deleted.label, id: bug.id, name: bug.name }
  await deliver('label', deleted)
  await processPendingDeliveries(getDb())

  expect(await storedIssue(first.issue.id)).toMatchObject({ label_keys: [] })
  expect(await storedIssue(second.issue.id)).toMatchObject({ label_keys: [] })
  const labels = await getDb().selectFrom('label').select('id').execute()
  expect(labels).toEqual([])
})

test('label.created adds the label to the repository', async () => {
  const repository = await mirrorHelloWorld()
  const created = inRepository(example('label', 'created'), repository)
  await deliver('label', created)
  await processPendingDeliveries(getDb())

  const labels = await getDb().selectFrom('label').select(['id', 'name', 'color']).execute()
  expect(labels).toEqual([
    { id: created.label.id, name: created.label.name, color: created.label.color },
  ])
})

test('repository.renamed records the new name with status renamed', async () => {
  const renamed = example('repository', 'renamed')
  await mirror(getDb(), repositoryPayload('Octocoders/Old-Name', { id: renamed.repository.id }))

  await deliver('repository', renamed)
  await processPendingDeliveries(getDb())

  expect(await storedRepository(renamed.repository.id)).toEqual({
    owner: 'Octocoders',
    name: 'Hello-World',
    full_name: 'Octocoders/Hello-World',
    html_url: 'https://github.com/Octocoders/Hello-World',
    status: 'renamed',
    is_archived: false,
  })
})

test('repository.renamed onto a name another row holds: that row gives it up, its issues kept', async () => {
  const renamed = example('repository', 'renamed')
  await mirror(getDb(), repositoryPayload('Octocoders/Old-Name', { id: renamed.repository.id }))
  // The name it takes was a repository deleted (or renamed away) since the mirror saw it.
  const formerId = renamed.repository.id + 1
  await mirror(getDb(), repositoryPayload('Octocoders/Hello-World', { id: formerId }))

  await deliver('repository', renamed)
  await processPendingDeliveries(getDb())

  expect(await storedRepository(renamed.repository.id)).toMatchObject({
    full_name: 'Octocoders/Hello-World',
    status: 'renamed',
  })
  expect(await storedRepository(formerId)).toMatchObject({
    full_name: `Octocoders/Hello-World (deleted or hidden; GitHub id ${formerId})`,
    status: 'gone',
  })
})

test('repository.transferred records the new owner with status transferred', async () => {
  const transferred = example('repository', 'transferred')
  await mirror(getDb(), repositoryPayload('octocat/Hello-World', { id: transferred.repository.id }))

  await deliver('repository', transferred)
  await processPendingDeliveries(getDb())

  expect(await storedRepository(transferred.repository.id)).toMatchObject({
    owner: 'Octocoders',
    full_name: 'Octocoders/Hello-World',
    status: 'transferred',
  })
})

test('repository.archived and repository.unarchived set is_archived', async () => {
  const repository = await mirrorHelloWorld()
  // The examples package has no archived/unarchived payload; GitHub sends the same shape.
  const archived = inRepository(example('repository', 'publicized'), repository)
  Object.assign(archived, { action: 'archived' })
  archived.repository.archived = true

  await deliver('repository', archived)
  await processPendingDeliveries(getDb())
  expect(await storedRepository(repository.id)).toMatchObject({
    is_archived: true,
    status: 'active',
  })

  await deliver('repository', { ...archived, action: 'unarchived' })
  await processPendingDeliveries(getDb())
  expect(await storedRepository(repository.id)).toMatchObject({ is_archived: false })
})

test('repository.deleted marks the repository gone', async () => {
  const repository = await mirrorHelloWorld()
  const deleted = { ...inRepository(example('repository', 'publicized'), repository) }
  Object.assign(deleted, { action: 'deleted' })

  await deliver('repository', deleted)
  await processPendingDeliveries(getDb())

  expect(await storedRepository(repository.id)).toMatchObject({ status: 'gone' })
})

test('deliveries are applied in the order they were received', async () => {
  const first = example('repository', 'renamed')
  await mirror(getDb(), repositoryPayload('Octocoders/Old-Name', { id: first.repository.id }))
  const second = example('repository', 'renamed')
  Object.assign(second.repository, {
    name: 'Hello-Universe',
    full_name: 'Octocoders/Hello-Universe',
  })

  await deliver('repository', first)
  await deliver('repository', second)
  await processPendingDeliveries(getDb())

  expect(await storedRepository(first.repository.id)).toMatchObject({
    full_name: 'Octocoders/Hello-Universe',
  })
})

test('a signed delivery of another shape answers 400 naming the field, and stores nothing', async () => {
  const repository = await mirrorHelloWorld()
  const broken = inRepository(example('issues', 'opened'), repository)
  Object.assign(broken.issue, { updated_at: undefined })
  expect(await deliver('issues', broken)).toEqual({
    status: 400,
    body: {
      error: {
        message:
          "the issues.opened payload is not shaped as GitHub's (issue.updated_at is missing); nothing was stored",
      },
    },
  })
  const label = inRepository(example('label', 'created'), repository)
  Object.assign(label.label, { id: '208045946' })
  expect((await deliver('label', label)).body).toEqual({
    error: {
      message:
        "the label.created payload is not shaped as GitHub's (label.id is a string, not a number); nothing was stored",
    },
  })
  expect(await storedDeliveries()).toEqual([])
})

test('a stored delivery that cannot be applied is marked failed with the reason; later ones still apply', async () => {
  const repository = await mirrorHelloWorld()
  // Stored before deliveries were checked on receipt: checked again when applied.
  const broken = inRepository(example('issues', 'opened'), repository)
  Object.assign(broken.issue, { updated_at: undefined })
  await createWebhookDelivery(
    {
      hookId: 109948940,
      deliveryId: 'stored-before-the-check',
      event: 'issues',
      action: 'opened',
      rawPayload: JSON.stringify(broken),
    },
    getDb(),
  )
  const fine = inRepository(example('label', 'created'), repository)
  await deliver('label', fine)
  await processPendingDeliveries(getDb())

  const [failed, done] = await storedDeliveries()
  expect(failed).toMatchObject({ status: 'failed' })
  expect(failed?.error).toBe('the issues payload is not as expected (issue.updated_at is missing)')
  expect(failed?.processed_at).toBeInstanceOf(Date)
  expect(done).toMatchObject({ status: 'done', error: null })
  expect(await storedIssue(broken.issue.id)).toBeUndefined()
})

test('processing again finds nothing to do and changes nothing', async () => {
  const repository = await mirrorHelloWorld()
  const opened = inRepository(example('issues', 'opened'), repository)
  await deliver('issues', opened)
  await processPendingDeliveries(getDb())
  const before = await storedIssue(opened.issue.id)

  expect(await processPendingDeliveries(getDb())).toEqual({ done: 0, failed: 0 })
  expect(await storedIssue(opened.issue.id)).toEqual(before)
})

test('the same delivery id from another hook is another delivery', async () => {
  const repository = await mirrorHelloWorld()
  const body = JSON.stringify(inRepository(example('label', 'created'), repository))
  const send = (hookId: string) =>
    receiveWebhook(
      new Request('http://localhost/webhooks/github', {
        method: 'POST',
        headers: {
          'X-GitHub-Event': 'label',
          'X-GitHub-Delivery': 'e1e4a3d0-0000-11ef-8000-000000000001',
          'X-GitHub-Hook-ID': hookId,
          'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
        },
        body,
      }),
      { secret: SECRET },
      getDb(),
    )

  expect((await send('1')).status).toBe(202)
  expect((await send('2')).status).toBe(202)
  expect((await send('2')).status).toBe(200)
  expect(await storedDeliveries()).toHaveLength(2)
})

test('without a webhook secret the endpoint answers 503 and stores nothing', async () => {
  const repository = await mirrorHelloWorld()

  const answer = await deliver('issues', inRepository(example('issues', 'opened'), repository), {
    secret: undefined,
  })

  expect(answer).toEqual({
    status: 503,
    body: { error: { message: 'webhooks are not configured' } },
  })
  expect(await storedDeliveries()).toEqual([])
})

test('an issue whose text PostgreSQL cannot hold (NUL, half a surrogate pair) is accepted and mirrored', async () => {
  const repository = await mirrorHelloWorld()
  const opened = inRepository(example('issues', 'opened'), repository)
  opened.issue.title = 'Crash\u0000 in the parser \ud83d'

  expect(await deliver('issues', opened)).toEqual({ status: 202, body: { accepted: true } })
  await processPendingDeliveries(getDb())

  expect(await storedIssue(opened.issue.id)).toMatchObject({
    title: 'Crash\ufffd in the parser \ufffd',
  })
  expect(await storedDeliveries()).toMatchObject([{ status: 'done', error: null }])
})

test('a delivery the full disk cannot store answers 503 saying so, and stores nothing', async () => {
  const repository = await mirrorHelloWorld()
  // PostgreSQL's own disk_full, raised where the delivery is written (as a full disk would).
  await sql
    .raw(
      `create function pretend_disk_full() returns trigger language plpgsql as $$
      begin
        raise exception 'could not extend file "base/5/16384": No space left on device'
          using errcode = 'disk_full';
      end $$`,
    )
    .execute(getDb())
  await sql`create trigger pretend_disk_full before insert on webhook_delivery
    for each row execute function pretend_disk_full()`.execute(getDb())
  try {
    const answer = await deliver('issues', inRepository(example('issues', 'opened'), repository))
    expect(answer).toEqual({
      status: 503,
      body: {
        error: { message: 'The board’s disk is full; nothing was saved. Try again later.' },
      },
    })
  } finally {
    await sql`drop trigger pretend_disk_full on webhook_delivery`.execute(getDb())
    await sql`drop function pretend_disk_full()`.execute(getDb())
  }
  expect(await storedDeliveries()).toEqual([])
})
