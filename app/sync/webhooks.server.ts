import { createHmac, timingSafeEqual } from 'node:crypto'

import { json } from '@remix-run/node'
import { z } from 'zod'

import { getDb, isDatabaseUnavailableError, type Database } from '../../db/client.server'
import { storableJson } from '../../db/storable-text'
import { mapIssue, mapLabel } from '../github/map'
import { mirrorIssues } from '../labels/learning/mirror-issues.server'
import {
  addInstallationRepositories,
  markRepositoriesLeftInstallation,
  saveInstallationListing,
  upsertInstallation,
} from '../mirror/installation.server'
import { deleteIssue } from '../mirror/issue.server'
import { deleteLabel, refreshIssueLabelKeys, upsertLabels } from '../mirror/label.server'
import {
  listRepositoriesByIds,
  setRepositoryArchived,
  setRepositoryStatus,
} from '../mirror/repository.server'
import {
  createWebhookDelivery,
  getNextPendingWebhookDelivery,
  updateWebhookDeliveryOutcome,
} from '../mirror/webhook-delivery.server'
import { serviceUnavailableFor } from '../utils/http.server'
import { MAX_INTEGER } from '../utils/id'
import { describeError, log } from '../utils/log.server'

import { moveRepository } from './repository-names.server'

// GitHub webhooks: a delivery is verified against the raw body, stored, answered at once, and
// applied afterwards by processPendingDeliveries(). GitHub gives up on a hook that takes more
// than 10 seconds, and a large repository's label rename can take longer than that to apply.

// GitHub caps webhook payloads at 25 MB and drops larger ones without sending them.
const MAX_BODY_BYTES = 25 * 1024 * 1024

// What the board mirrors; any other event or action is acknowledged and left alone.
const HANDLED_ACTIONS: Record<string, readonly string[]> = {
  issues: [
    'opened',
    'edited',
    'closed',
    'reopened',
    'labeled',
    'unlabeled',
    'assigned',
    'unassigned',
    'transferred',
    'deleted',
  ],
  label: ['created', 'edited', 'deleted'],
  repository: ['renamed', 'transferred', 'archived', 'unarchived', 'deleted'],
  // A GitHub App's own webhook: what its installations cover (docs/decisions/014-github-app.md).
  installation: ['created', 'deleted', 'suspend', 'unsuspend'],
  installation_repositories: ['added', 'removed'],
}

/** Events about an installation rather than one repository: they carry no repository. */
const INSTALLATION_EVENTS = new Set(['installation', 'installation_repositories'])

const SIGNATURE = /^sha256=[0-9a-f]{64}$/i

/** True when `signature` is GitHub's X-Hub-Signature-256 of exactly these bytes. */
export function isValidSignature(
  secret: string,
  body: Uint8Array | string,
  signature: string | null,
): boolean {
  if (!signature || !SIGNATURE.test(signature)) return false
  const expected = createHmac('sha256', secret).update(body).digest()
  const given = Buffer.from(signature.slice('sha256='.length), 'hex')
  return timingSafeEqual(given, expected)
}

/** Deliveries this process refused because GITHUB_WEBHOOK_SECRET is not the webhook's secret. */
export type WebhookSecretMismatch = { count: number; lastAt: Date }

// Since the last delivery whose signature matched (in memory: the process's, as the scheduler's
// status is). Only the log said so, and /setup called the webhook set while GitHub's every
// delivery was refused.
let secretMismatch: WebhookSecretMismatch | null = null

/** The deliveries refused for their signature since one last matched, or null. */
export function getWebhookSecretMismatch(): WebhookSecretMismatch | null {
  return secretMismatch
}

export type WebhookConfig = {
  /** GITHUB_WEBHOOK_SECRET; without it no delivery can be verified, so none is accepted. */
  secret: string | undefined
}

/** Answers one POST from GitHub; the route hands every request straight here. */
export async function receiveWebhook(
  request: Request,
  config: WebhookConfig,
  db: Database = getDb(),
): Promise<Response> {
  const deliveryId = request.headers.get('X-GitHub-Delivery')
  const event = request.headers.get('X-GitHub-Event')
  const reject = (status: number, reason: string, headers?: HeadersInit) => {
    log.warn('webhook rejected', { status, reason, deliveryId, event })
    return json({ error: { message: reason } }, { status, headers })
  }

  if (request.method !== 'POST') {
    return reject(405, `${request.method} is not allowed; GitHub posts webhooks`, {
      Allow: 'POST',
    })
  }
  if (!config.secret) return reject(503, 'webhooks are not configured')

  // An unsigned request is turned away before its body is read at all.
  const signature = request.headers.get('X-Hub-Signature-256')
  if (!signature) return reject(401, 'the X-Hub-Signature-256 header is missing')
  if (!SIGNATURE.test(signature)) {
    return reject(401, 'the X-Hub-Signature-256 header is not of the form sha256=<hex>')
  }
  const declaredLength = Number(request.headers.get('Content-Length'))
  if (declaredLength > MAX_BODY_BYTES) return reject(413, 'the body is larger than 25 MB')
  const body = await readBodyUpTo(request, MAX_BODY_BYTES)
  if (!body) return reject(413, 'the body is larger than 25 MB')
  if (!isValidSignature(config.secret, body, signature)) {
    secretMismatch = { count: (secretMismatch?.count ?? 0) + 1, lastAt: new Date() }
    return reject(
      401,
      "the X-Hub-Signature-256 signature does not match the body: the webhook's secret differs from the board's GITHUB_WEBHOOK_SECRET, or the body was changed on its way",
    )
  }
  secretMismatch = null

  const hookIdHeader = request.headers.get('X-GitHub-Hook-ID')
  const hookId = Number(hookIdHeader)
  if (!event) return reject(400, 'the X-GitHub-Event header is missing')
  if (!deliveryId) return reject(400, 'the X-GitHub-Delivery header is missing')
  // A ping is answered, never stored, so it needs no hook id: GitHub documents the header without
  // promising it on every delivery, and relays (smee.io, proxies) may drop it. A malformed one is
  // still refused, and every other event needs it (the deliveries are keyed by hook and delivery).
  const isHooklessPing = event === 'ping' && hookIdHeader === null
  if (!isHooklessPing && (!/^\d+$/.test(hookIdHeader ?? '') || !Number.isSafeInteger(hookId))) {
    return reject(400, 'the X-GitHub-Hook-ID header is missing or not a number')
  }

  const rawPayload = decodeUtf8(body)
  const payload = rawPayload === null ? undefined : parseJson(rawPayload)
  if (rawPayload === null || payload === undefined) {
    return reject(
      400,
      "the body is not valid JSON; set the webhook's content type to application/json",
    )
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return reject(400, 'the body is not a JSON object')
  }

  if (event === 'ping') {
    return json(
      isHooklessPing
        ? {
            ok: true,
            reason: 'ping received; it had no X-GitHub-Hook-ID header, which a ping may lack',
          }
        : { ok: true },
    )
  }
  const envelope = EnvelopeSchema.parse(payload)
  const action = envelope.action ?? null
  if (!action || !HANDLED_ACTIONS[event]?.includes(action)) {
    log.info('webhook ignored', { reason: 'event not handled', deliveryId, event, action })
    return json({ ignored: true }, { status: 202 })
  }
  const isInstallationEvent = INSTALLATION_EVENTS.has(event)
  const repositoryId = envelope.repository?.id
  if (isInstallationEvent && envelope.installation?.id === undefined) {
    return reject(400, `the ${event} payload has no installation id`)
  }
  if (!isInstallationEvent && repositoryId === undefined) {
    return reject(400, `the ${event} payload has no repository id`)
  }
  // Signed is not well formed (a relay's rewrite, a payload version the board does not know):
  // refused whole here, rather than stored and failing when applied.
  const mismatch = payloadMismatch(event, action, payload)
  if (mismatch) {
    return reject(
      400,
      `the ${event}.${action} payload is not shaped as GitHub's (${mismatch}); nothing was stored`,
    )
  }

  try {
    // An installation event is stored whatever repository it names (its shape checks none).
    const [mirrored] =
      isInstallationEvent || repositoryId === undefined
        ? []
        : await listRepositoriesByIds([repositoryId], db)
    if (!isInstallationEvent && !mirrored) {
      log.info('webhook ignored', { reason: 'repository not mirrored', deliveryId, event, action })
      return json({ ignored: true }, { status: 202 })
    }
    const isNew = await createWebhookDelivery(
      { hookId, deliveryId, event, action, rawPayload: storableJson(rawPayload, payload) },
      db,
    )
    if (!isNew) return json({ duplicate: true })
  } catch (error) {
    // GitHub shows the reason in the delivery's log; the next sweep catches up what it carried.
    const unavailable = serviceUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }

  processPendingDeliveries(db).catch((error: unknown) => {
    log.error('webhook processing stopped', describeError(error))
  })
  return json({ accepted: true }, { status: 202 })
}

async function readBodyUpTo(request: Request, limit: number): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks)
    size += value.byteLength
    // Content-Length can be absent (chunked) or wrong, so the bytes themselves are counted.
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
}

function decodeUtf8(bytes: Uint8Array) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

// Enough to decide, on receipt, whether a delivery is worth storing; never fails.
const EnvelopeSchema = z.object({
  action: z.string().optional().catch(undefined),
  repository: z.object({ id: z.number() }).optional().catch(undefined),
  installation: z.object({ id: z.number() }).optional().catch(undefined),
})

// Only what the board reads, checked when a delivery is received (a payload of another shape is
// refused with 400, naming the field) and again when it is applied (a delivery stored before the
// check existed fails with that message, rather than storing half a row).
// GitHub's ids are stored as bigint and read back as JS numbers: past MAX_SAFE_INTEGER neither holds.
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
// Issue numbers and counts are stored as PostgreSQL integers (MAX_INTEGER).
const count = z.number().int().nonnegative().max(MAX_INTEGER)
// ISO 8601, as GitHub sends them: stored as given, and PostgreSQL reads fewer forms than Date.parse.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/
const timestamp = z
  .string()
  .refine((value) => ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)), 'a date')

const RepositoryRefSchema = z.object({ id })
const DeliveryRepositorySchema = z.object({ repository: RepositoryRefSchema })

const LabelSchema = z.object({
  id,
  name: z.string(),
  color: z.string(),
  description: z.string().nullable().default(null),
})

const IssueSchema = z.object({
  id,
  number: id.max(MAX_INTEGER),
  title: z.string(),
  body: z.string().nullable().default(null),
  state: z.string(),
  state_reason: z.string().nullish(),
  html_url: z.string(),
  comments: count,
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  user: z.object({ login: z.string() }).nullable(),
  assignees: z.array(z.object({ login: z.string() })).nullish(),
  labels: z.array(z.union([z.string(), LabelSchema.partial()])).default([]),
  pull_request: z.object({ merged_at: timestamp.nullish() }).nullish(),
  reactions: z.object({ '+1': count }).nullish(),
})

const IssuesEventSchema = z.object({
  issue: IssueSchema,
  repository: RepositoryRefSchema,
  sender: z.object({ login: z.string() }).nullish(),
})
const IssueRemovedEventSchema = z.object({
  issue: z.object({ id }),
  repository: RepositoryRefSchema,
})
const LabelEventSchema = z.object({ label: LabelSchema, repository: RepositoryRefSchema })
const RepositoryEventSchema = z.object({
  repository: z.object({ id, full_name: z.string() }),
})

const InstalledRepositorySchema = z.object({ id, full_name: z.string() })
const InstallationEventSchema = z.object({
  installation: z.object({ id, account: z.object({ login: z.string() }) }),
  repositories: z.array(InstalledRepositorySchema).nullish(),
})
const InstallationRepositoriesEventSchema = z.object({
  installation: z.object({ id, account: z.object({ login: z.string() }) }),
  repositories_added: z.array(InstalledRepositorySchema),
  repositories_removed: z.array(InstalledRepositorySchema),
})

/** What a delivery of an event and action must carry: what the board reads of it. */
function payloadSchemaOf(event: string, action: string | null): z.ZodTypeAny {
  if (event === 'installation') return InstallationEventSchema
  if (event === 'installation_repositories') return InstallationRepositoriesEventSchema
  if (event === 'label') return LabelEventSchema
  if (event === 'issues') {
    return action === 'deleted' || action === 'transferred'
      ? IssueRemovedEventSchema
      : IssuesEventSchema
  }
  if (event === 'repository' && (action === 'renamed' || action === 'transferred')) {
    return RepositoryEventSchema
  }
  return DeliveryRepositorySchema
}

const kindOf = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`

const TYPE_NAMES: Record<string, string> = {
  array: 'a list',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'a boolean',
}

/** The first mismatch, in words: "issue.updated_at is missing", "issue.number is a string, not a number". */
function describeMismatch(error: z.ZodError, payload: unknown) {
  const issue = error.issues[0]
  if (!issue) return 'unreadable'
  const path = issue.path.join('.')
  let received: unknown = payload
  for (const key of issue.path) received = (received as Record<string, unknown> | null)?.[key]
  if (received === undefined) return `${path} is missing`
  if (issue.code === 'invalid_type') {
    return `${path} is ${kindOf(received)}, not ${TYPE_NAMES[issue.expected] ?? issue.expected}`
  }
  if (issue.code === 'custom') return `${path} is not ${issue.message}`
  if (issue.code === 'invalid_union') return `${path} is neither a name nor a label`
  return `${path} is out of range (${JSON.stringify(received)})`
}

/** Why a delivery's payload is not shaped as GitHub sends it, in words; null when it is. */
function payloadMismatch(event: string, action: string | null, payload: unknown) {
  const result = payloadSchemaOf(event, action).safeParse(payload)
  return result.success ? null : describeMismatch(result.error, payload)
}

class InvalidPayloadError extends Error {
  constructor(event: string, error: z.ZodError, payload: unknown) {
    super(`the ${event} payload is not as expected (${describeMismatch(error, payload)})`)
    this.name = 'InvalidPayloadError'
  }
}

function parsePayload<T extends z.ZodTypeAny>(schema: T, event: string, payload: unknown) {
  const result = schema.safeParse(payload)
  if (!result.success) throw new InvalidPayloadError(event, result.error, payload)
  return result.data as z.infer<T>
}

type StoredDelivery = { event: string; action: string | null; payload: unknown }

/**
 * What an installation covers changed: it takes effect at once (a removed repository is marked
 * and stops syncing, an added one is in the next sweep), and the installation's repository
 * listing is read afresh by the next sweep, which also fills in the added repositories' details.
 */
async function applyInstallationDelivery(
  { event, action, payload }: StoredDelivery,
  trx: Database,
) {
  if (event === 'installation') {
    const { installation, repositories } = parsePayload(InstallationEventSchema, event, payload)
    const status = action === 'deleted' ? 'removed' : action === 'suspend' ? 'suspended' : 'active'
    await upsertInstallation(
      { id: installation.id, account: installation.account.login, status },
      trx,
    )
    if (action === 'created') {
      await addInstallationRepositories(installation.id, repositories ?? [], trx)
    }
    if (action === 'deleted') await markRepositoriesLeftInstallation(installation.id, {}, trx)
    await saveInstallationListing(installation.id, null, trx)
    return
  }
  const { installation, repositories_added, repositories_removed } = parsePayload(
    InstallationRepositoriesEventSchema,
    event,
    payload,
  )
  await upsertInstallation(
    { id: installation.id, account: installation.account.login, status: 'active' },
    trx,
  )
  await addInstallationRepositories(installation.id, repositories_added, trx)
  await markRepositoriesLeftInstallation(
    installation.id,
    { onlyIds: repositories_removed.map((repository) => repository.id) },
    trx,
  )
  await saveInstallationListing(installation.id, null, trx)
}

async function applyDelivery(delivery: StoredDelivery, trx: Database) {
  if (INSTALLATION_EVENTS.has(delivery.event)) return applyInstallationDelivery(delivery, trx)
  const { event, action, payload } = delivery
  const { repository } = parsePayload(DeliveryRepositorySchema, event, payload)
  // The repository may have left the mirror since the delivery was accepted.
  const [mirrored] = await listRepositoriesByIds([repository.id], trx)
  if (!mirrored) return

  switch (`${event}.${action}`) {
    case 'issues.deleted':
    case 'issues.transferred': {
      // A transferred issue's new copy comes with its new repository's own events, if mirrored.
      const { issue } = parsePayload(IssueRemovedEventSchema, event, payload)
      await deleteIssue(
        repository.id,
        issue.id,
        action === 'deleted' ? 'deleted' : 'transferred',
        trx,
      )
      return
    }
    case 'issues.opened':
    case 'issues.edited':
    case 'issues.closed':
    case 'issues.reopened':
    case 'issues.labeled':
    case 'issues.unlabeled':
    case 'issues.assigned':
    case 'issues.unassigned': {
      // Every one carries the whole issue; the mirror skips it if the stored row is newer.
      const { issue, sender } = parsePayload(IssuesEventSchema, event, payload)
      // The sender is who changed the labels, for what the board learns from them.
      await mirrorIssues([mapIssue(issue, repository.id)], trx, {
        source: 'webhook',
        sender: sender?.login ?? null,
      })
      return
    }
    case 'label.created':
    case 'label.edited': {
      const { label } = parsePayload(LabelEventSchema, event, payload)
      await upsertLabels([mapLabel(label, repository.id)], trx)
      // A rename (changes.name) changes the key of every issue carrying the label, and a created
      // label may replace a stale one of the same name; recomputing covers both, whatever
      // deliveries were missed before.
      await refreshIssueLabelKeys(repository.id, trx)
      return
    }
    case 'label.deleted': {
      const { label } = parsePayload(LabelEventSchema, event, payload)
      await deleteLabel(repository.id, label.id, trx)
      return
    }
    case 'repository.renamed':
    case 'repository.transferred': {
      const moved = parsePayload(RepositoryEventSchema, event, payload)
      await moveRepository(null, repository.id, moved.repository.full_name, trx)
      return
    }
    case 'repository.archived':
    case 'repository.unarchived':
      await setRepositoryArchived(repository.id, action === 'archived', trx)
      return
    case 'repository.deleted':
      await setRepositoryStatus(repository.id, 'gone', trx)
      return
    default:
      throw new Error(`no handler for ${event}.${action ?? '(no action)'}`)
  }
}

export type ProcessingSummary = { done: number; failed: number }

let drainQueue: Promise<unknown> = Promise.resolve()

/**
 * Applies every pending delivery in order of receipt, marking each done, or failed with the
 * error. Running it again finds nothing left to do. Calls in one process take turns: one made
 * while a drain runs waits for it and then drains again, so everything pending when it was
 * called has been processed when its promise settles.
 */
export function processPendingDeliveries(db: Database = getDb()): Promise<ProcessingSummary> {
  const drain = drainQueue.then(() => drainPendingDeliveries(db))
  drainQueue = drain.catch(() => {})
  return drain
}

async function drainPendingDeliveries(db: Database) {
  const summary: ProcessingSummary = { done: 0, failed: 0 }
  for (;;) {
    const outcome = await processNextDelivery(db)
    if (!outcome) return summary
    summary[outcome]++
  }
}

async function processNextDelivery(db: Database): Promise<'done' | 'failed' | null> {
  // Filled in inside the transaction, and still known after it has rolled back.
  const attempt: {
    delivery?: StoredDelivery & { id: number; delivery_id: string }
  } = {}
  try {
    await db.transaction().execute(async (trx) => {
      attempt.delivery = await getNextPendingWebhookDelivery(trx)
      if (!attempt.delivery) return
      await applyDelivery(attempt.delivery, trx)
      await updateWebhookDeliveryOutcome(attempt.delivery.id, { status: 'done' }, trx)
    })
  } catch (error) {
    const { delivery } = attempt
    // With the database out of reach, the delivery stays pending for the next drain.
    if (!delivery || isDatabaseUnavailableError(error)) throw error
    const message = error instanceof Error ? error.message : String(error)
    await updateWebhookDeliveryOutcome(delivery.id, { status: 'failed', error: message }, db)
    log.error('webhook delivery failed', {
      deliveryId: delivery.delivery_id,
      event: delivery.event,
      action: delivery.action,
      ...describeError(error),
    })
    return 'failed'
  }
  return attempt.delivery ? 'done' : null
}
