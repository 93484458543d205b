import { createHmac } from 'node:crypto'

import examples from '@octokit/webhooks-examples'
import fc from 'fast-check'
import { afterEach, expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { checkSettings } from '../setup/checks'
import { listSettingsToFix } from '../setup/to-fix.server'
import { getWebhookSecretMismatch, processPendingDeliveries } from '../sync/webhooks.server'
import { parseEnv } from '../utils/env.server'

import { action, loader } from './webhooks.github'

// GitHub's published test vector secret; read once, when the first test opens the database.
const SECRET = "It's a Secret to Everybody"
process.env.GITHUB_WEBHOOK_SECRET = SECRET

const getDb = setupTestDatabase()

const TWENTY_FIVE_MB = 25 * 1024 * 1024

// Receiving a delivery starts processing in the background; let it finish inside its own test.
afterEach(async () => {
  await processPendingDeliveries(getDb())
})

function issuesOpenedExample() {
  const payload = examples
    .find((definition) => definition.name === 'issues')
    ?.examples.find((example) => 'action' in example && example.action === 'opened')
  if (!payload || !('issue' in payload)) throw new Error('no issues.opened example')
  return structuredClone(payload)
}

function sign(body: string | Uint8Array) {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`
}

type PostOptions = {
  event?: string
  deliveryId?: string
  headers?: Record<string, string>
  /** Headers left out of the delivery altogether. */
  omit?: string[]
  method?: string
}

async function post(body: BodyInit, options: PostOptions = {}) {
  const headers = new Headers({
    'Content-Type': 'application/json',
    'X-GitHub-Event': options.event ?? 'issues',
    'X-GitHub-Delivery': options.deliveryId ?? crypto.randomUUID(),
    'X-GitHub-Hook-ID': '109948940',
    ...options.headers,
  })
  for (const name of options.omit ?? []) headers.delete(name)
  const response = await action({
    request: new Request('http://localhost/webhooks/github', {
      method: options.method ?? 'POST',
      headers,
      body,
      // Needed by fetch's Request for a streamed body.
      duplex: 'half',
    } as RequestInit),
    params: {},
    context: {},
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function postSigned(payload: unknown, options: PostOptions = {}) {
  const body = JSON.stringify(payload)
  return post(body, {
    ...options,
    headers: { ...options.headers, 'X-Hub-Signature-256': sign(body) },
  })
}

/** A body of `size` bytes that counts how much of it has been read. */
function countedStream(size: number) {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20)
  const stream = {
    bytesRead: 0,
    body: new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (stream.bytesRead >= size) return controller.close()
          stream.bytesRead += chunk.byteLength
          controller.enqueue(chunk)
        },
      },
      // Nothing is pulled before the handler reads.
      { highWaterMark: 0 },
    ),
  }
  return stream
}

async function countDeliveries() {
  const rows = await getDb().selectFrom('webhook_delivery').select('id').execute()
  return rows.length
}

async function mirrorExampleRepository() {
  const opened = issuesOpenedExample()
  await mirror(
    getDb(),
    repositoryPayload(opened.repository.full_name, { id: opened.repository.id }),
  )
  return opened
}

test("GitHub's test vector passes verification; its body, not being JSON, answers 400", async () => {
  const answer = await post('Hello, World!', {
    headers: {
      'X-Hub-Signature-256':
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    },
  })
  expect(answer.status).toBe(400)
  expect(answer.body).toEqual({
    error: {
      message: "the body is not valid JSON; set the webhook's content type to application/json",
    },
  })
  expect(await countDeliveries()).toBe(0)
})

test('a signed issues delivery answers 202 and is applied once processed', async () => {
  const opened = await mirrorExampleRepository()

  expect(await postSigned(opened)).toEqual({ status: 202, body: { accepted: true } })
  await processPendingDeliveries(getDb())

  const issue = await getDb()
    .selectFrom('issue')
    .select(['title', 'label_keys'])
    .where('id', '=', opened.issue.id)
    .executeTakeFirst()
  expect(issue).toEqual({ title: opened.issue.title, label_keys: ['bug'] })
})

test('a ping answers 200', async () => {
  const ping = examples.find((definition) => definition.name === 'ping')?.examples[0]
  expect(await postSigned(ping, { event: 'ping' })).toEqual({ status: 200, body: { ok: true } })
  expect(await countDeliveries()).toBe(0)
})

test('a signed ping without X-GitHub-Hook-ID answers 200 with the reason; unsigned or malformed, it is refused', async () => {
  const ping = examples.find((definition) => definition.name === 'ping')?.examples[0]
  const omit = ['X-GitHub-Hook-ID']

  expect(await postSigned(ping, { event: 'ping', omit })).toEqual({
    status: 200,
    body: {
      ok: true,
      reason: 'ping received; it had no X-GitHub-Hook-ID header, which a ping may lack',
    },
  })
  // Unsigned, badly signed, a malformed hook id, or not JSON: refused as any delivery.
  expect((await post(JSON.stringify(ping), { event: 'ping', omit })).status).toBe(401)
  expect(
    (
      await post(JSON.stringify(ping), {
        event: 'ping',
        omit,
        headers: { 'X-Hub-Signature-256': sign('something else') },
      })
    ).status,
  ).toBe(401)
  expect(
    await postSigned(ping, { event: 'ping', headers: { 'X-GitHub-Hook-ID': 'hook-1' } }),
  ).toEqual({
    status: 400,
    body: { error: { message: 'the X-GitHub-Hook-ID header is missing or not a number' } },
  })
  expect(
    (
      await post('{"zen":', {
        event: 'ping',
        omit,
        headers: { 'X-Hub-Signature-256': sign('{"zen":') },
      })
    ).status,
  ).toBe(400)
  // Any other event still needs the header: its delivery is stored under it.
  await mirrorExampleRepository()
  expect(await postSigned(issuesOpenedExample(), { omit })).toEqual({
    status: 400,
    body: { error: { message: 'the X-GitHub-Hook-ID header is missing or not a number' } },
  })
  expect(await countDeliveries()).toBe(0)
})

test('a missing signature answers 401 and writes nothing', async () => {
  const opened = await mirrorExampleRepository()
  const answer = await post(JSON.stringify(opened))
  expect(answer).toEqual({
    status: 401,
    body: { error: { message: 'the X-Hub-Signature-256 header is missing' } },
  })
  expect(await countDeliveries()).toBe(0)
})

test('deliveries signed with another secret than GITHUB_WEBHOOK_SECRET are a setting to fix until one matches', async () => {
  // Only the log said so: /setup called the webhook set while GitHub's every delivery was refused.
  const env = parseEnv({
    GITHUB_WEBHOOK_SECRET: SECRET,
    BOARD_REPOS: 'acme/app',
    GITHUB_TOKEN: 't',
  })
  const ping = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 109948940 })
  const otherSecret = (body: string) =>
    `sha256=${createHmac('sha256', 'the secret typed on GitHub').update(body).digest('hex')}`
  expect(
    await post(ping, { event: 'ping', headers: { 'X-Hub-Signature-256': sign(ping) } }),
  ).toMatchObject({ status: 200 })
  expect(listSettingsToFix(env, null)).not.toContain('GITHUB_WEBHOOK_SECRET')

  for (let delivery = 0; delivery < 2; delivery++) {
    const answer = await post(ping, {
      event: 'ping',
      headers: { 'X-Hub-Signature-256': otherSecret(ping) },
    })
    expect(answer.status).toBe(401)
  }
  expect(listSettingsToFix(env, null)).toContain('GITHUB_WEBHOOK_SECRET')
  const [check] = checkSettings(env, null, getWebhookSecretMismatch()).filter(
    (entry) => entry.id === 'webhooks',
  )
  expect(check).toMatchObject({ status: 'failing' })
  expect(check!.message).toContain(
    "GitHub's deliveries are refused (401): 2 deliveries, the last at",
  )
  expect(check!.message).toContain('Give the webhook on GitHub')

  // The secrets agree again: the next delivery GitHub signs is accepted, and nothing is to fix.
  expect(
    await post(ping, { event: 'ping', headers: { 'X-Hub-Signature-256': sign(ping) } }),
  ).toMatchObject({ status: 200 })
  expect(listSettingsToFix(env, null)).not.toContain('GITHUB_WEBHOOK_SECRET')
})

test('a signature that does not match the body answers 401 and writes nothing', async () => {
  const opened = await mirrorExampleRepository()
  const signed = JSON.stringify(opened)
  const tampered = JSON.stringify({ ...opened, issue: { ...opened.issue, title: 'Pwned' } })

  const answer = await post(tampered, { headers: { 'X-Hub-Signature-256': sign(signed) } })

  expect(answer).toEqual({
    status: 401,
    body: {
      error: {
        message:
          "the X-Hub-Signature-256 signature does not match the body: the webhook's secret differs from the board's GITHUB_WEBHOOK_SECRET, or the body was changed on its way",
      },
    },
  })
  expect(await countDeliveries()).toBe(0)
  const issues = await getDb().selectFrom('issue').select('id').execute()
  expect(issues).toEqual([])
})

test('a replayed delivery answers 200 duplicate and changes nothing', async () => {
  const opened = await mirrorExampleRepository()
  const deliveryId = '72d3162e-cc78-11e3-81ab-4c9367dc0958'
  expect((await postSigned(opened, { deliveryId })).status).toBe(202)
  await processPendingDeliveries(getDb())

  expect(await postSigned(opened, { deliveryId })).toEqual({
    status: 200,
    body: { duplicate: true },
  })
  expect(await processPendingDeliveries(getDb())).toEqual({ done: 0, failed: 0 })
  expect(await countDeliveries()).toBe(1)
})

test('a Content-Length over 25 MB answers 413 before the body is read', async () => {
  const stream = countedStream(TWENTY_FIVE_MB + 1)
  const answer = await post(stream.body, {
    headers: {
      'Content-Length': String(TWENTY_FIVE_MB + 1),
      'X-Hub-Signature-256': sign('whatever GitHub would have signed'),
    },
  })
  expect(answer).toEqual({
    status: 413,
    body: { error: { message: 'the body is larger than 25 MB' } },
  })
  expect(stream.bytesRead).toBe(0)
})

test('a streamed body over 25 MB without Content-Length answers 413 without reading it all', async () => {
  const stream = countedStream(100 * 1024 * 1024)
  const answer = await post(stream.body, {
    headers: { 'X-Hub-Signature-256': sign('whatever GitHub would have signed') },
  })
  expect(answer.status).toBe(413)
  expect(stream.bytesRead).toBeGreaterThan(TWENTY_FIVE_MB)
  expect(stream.bytesRead).toBeLessThanOrEqual(TWENTY_FIVE_MB + 1024 * 1024)
  expect(await countDeliveries()).toBe(0)
})

test('a correctly signed body that is malformed JSON answers 400', async () => {
  const body = '{"action": "opened", "issue": {'
  const answer = await post(body, { headers: { 'X-Hub-Signature-256': sign(body) } })
  expect(answer.status).toBe(400)
  expect(answer.body).toMatchObject({ error: { message: expect.stringContaining('JSON') } })
  expect(await countDeliveries()).toBe(0)
})

test('an event the board does not handle answers 202 ignored and stores nothing', async () => {
  await mirrorExampleRepository()
  const star = examples.find((definition) => definition.name === 'star')?.examples[0]
  expect(await postSigned(star, { event: 'star' })).toEqual({
    status: 202,
    body: { ignored: true },
  })
  expect(await countDeliveries()).toBe(0)
})

test('a signed JSON body that is not an object answers 400', async () => {
  const body = '[]'
  const answer = await post(body, { headers: { 'X-Hub-Signature-256': sign(body) } })
  expect(answer).toEqual({
    status: 400,
    body: { error: { message: 'the body is not a JSON object' } },
  })
})

test('a GET, or any method but POST, answers 405', async () => {
  const response = await loader({
    request: new Request('http://localhost/webhooks/github'),
    params: {},
    context: {},
  })
  expect(response.status).toBe(405)
  expect(response.headers.get('Allow')).toBe('POST')
  const answer = await post('{}', { method: 'PUT', headers: { 'X-Hub-Signature-256': sign('{}') } })
  expect(answer.status).toBe(405)
})

test('a signed issues delivery with a field of the wrong type answers 400 with the reason, nothing written', async () => {
  const opened = await mirrorExampleRepository()
  Object.assign(opened.issue, { number: '1' })
  expect(await postSigned(opened)).toEqual({
    status: 400,
    body: {
      error: {
        message:
          "the issues.opened payload is not shaped as GitHub's (issue.number is a string, not a number); nothing was stored",
      },
    },
  })
  expect(await countDeliveries()).toBe(0)
})

test('a signed delivery whose ids are past what a bigint holds exactly answers 400, nothing written', async () => {
  for (const place of ['repository', 'issue'] as const) {
    const opened = await mirrorExampleRepository()
    Object.assign(opened[place], { id: 1e20 })
    const answer = await postSigned(opened)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({
      error: { message: expect.stringContaining(`${place}.id`) },
    })
    expect(await countDeliveries()).toBe(0)
  }
})

test('an installation delivery naming a repository id past bigint is stored, not a 500: it is not looked up', async () => {
  const payload = examples
    .find((definition) => definition.name === 'installation_repositories')
    ?.examples.find((example) => 'action' in example && example.action === 'added')
  if (!payload) throw new Error('no installation_repositories.added example')
  const delivery = { ...structuredClone(payload), repository: { id: 1e20 } }
  const answer = await postSigned(delivery, { event: 'installation_repositories' })
  expect(answer.status).toBe(202)
  expect(await countDeliveries()).toBe(1)
})

/** The paths of every field in `value` that the board could read (objects' keys, lists' items). */
function fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key]
    return [path, ...fieldPaths(child, path)]
  })
}

function labelCreatedExample() {
  const payload = examples
    .find((definition) => definition.name === 'label')
    ?.examples.find((example) => 'action' in example && example.action === 'created')
  if (!payload || !('label' in payload)) throw new Error('no label.created example')
  return structuredClone(payload)
}

test('signed deliveries with any one field removed or replaced answer 202 or 400, never 500; a 400 writes nothing, a 202 applies', async () => {
  const opened = await mirrorExampleRepository()
  const label = labelCreatedExample()
  Object.assign(label.repository, { id: opened.repository.id })
  const deliveries = [
    { event: 'issues', payload: opened as unknown },
    { event: 'label', payload: label as unknown },
  ]
  // Fields outside what is read (sender, the repository's details) are left alone here: they
  // change nothing either way, and the runs are better spent on the ones read.
  // Their ids too: another valid id is another issue (or label) under a number (or name) an
  // earlier run stored, which GitHub never sends for one repository; not a matter of shape.
  const read = (path: (string | number)[]) =>
    ['issue', 'label'].includes(String(path[0])) && path.join('.') !== `${path[0]}.id`
  const mutation = fc.nat({ max: deliveries.length - 1 }).chain((index) =>
    fc.record({
      index: fc.constant(index),
      path: fc.constantFrom(...fieldPaths(deliveries[index]!.payload).filter(read)),
      value: fc.constantFrom<unknown>(
        undefined,
        null,
        '',
        'x',
        '1',
        '2019-13-45T00:00:00Z',
        -1,
        0,
        1.5,
        2 ** 31,
        2 ** 53,
        [],
        {},
        true,
      ),
    }),
  )
  await fc.assert(
    fc.asyncProperty(mutation, async ({ index, path, value }) => {
      const delivery = deliveries[index]!
      const payload = structuredClone(delivery.payload) as Record<string, unknown>
      let parent: Record<string | number, unknown> = payload
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
      const last = path[path.length - 1]!
      if (value === undefined) delete parent[last]
      else parent[last] = value
      const before = await countDeliveries()
      const answer = await postSigned(payload, { event: delivery.event })
      expect([202, 400]).toContain(answer.status)
      if (answer.status === 400) {
        expect(answer.body).toMatchObject({
          error: {
            message: expect.stringMatching(/not shaped as GitHub's \(.+\); nothing was stored$/),
          },
        })
        expect(await countDeliveries()).toBe(before)
        return
      }
      // Accepted: it applies, rather than failing once stored.
      await processPendingDeliveries(getDb())
      const failed = await getDb()
        .selectFrom('webhook_delivery')
        .select(['error'])
        .where('status', '=', 'failed')
        .execute()
      expect(failed).toEqual([])
    }),
    { numRuns: 150 },
  )
})
