import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, expect, test } from 'vitest'

import { setupTestDatabase } from '../../../test/database'
import { eventually } from '../../../test/e2e/harness'
import { createAccount } from '../../../test/starter-factories'
import { setAccountEmail } from '../../accounts/email.server'
import { markRead } from '../inbox.server'
import { notify, type NewNotification } from '../notify.server'

import { EMAIL_SPACING_MS, MAX_ATTEMPTS } from './outbox.server'
import { createSmtpTransport, drainEmailOutbox } from './sender.server'
import { createUnsubscribeToken, readUnsubscribeToken } from './token'

const getDb = setupTestDatabase()

// A real SMTP server in this process: what arrives is what a mail server would have received.
type Arrived = { to: string[]; data: string }
const arrived: Arrived[] = []
let refuseRecipients = new Set<string>()
let server: SMTPServer
let smtpUrl = ''

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuseRecipients.has(address.address)) {
        const error = Object.assign(new Error('550 5.1.1 No such mailbox here'), {
          responseCode: 550,
        })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      let data = ''
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')))
      stream.on('end', () => {
        arrived.push({ to: session.envelope.rcptTo.map((r) => r.address), data })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  smtpUrl = `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const SETTINGS = {
  from: 'Board <board@example.org>',
  boardUrl: 'https://board.example.org',
  secret: 's'.repeat(40),
}
const T0 = new Date('2026-12-04T10:00:00Z')
const MINUTE = 60_000

function notice(accountId: number, key: string, title = key): NewNotification {
  return { accountId, kind: 'claim_lapsing', eventKey: key, title, link: `/starter/1` }
}

test('notices become one email per person per hour, and each arrives once', async () => {
  arrived.length = 0
  refuseRecipients = new Set()
  const db = getDb()
  const ada = await createAccount(db, 'ada')
  await setAccountEmail(ada.id, 'ada@example.org', db)
  const transport = createSmtpTransport(smtpUrl)

  await notify(db, [notice(ada.id, 'one', 'First thing'), notice(ada.id, 'two', 'Second thing')], {
    email: true,
    now: T0,
  })
  expect(await drainEmailOutbox(transport, SETTINGS, T0, db)).toEqual({
    sent: 2,
    retrying: 0,
    failed: 0,
  })
  expect(arrived).toHaveLength(1)
  expect(arrived[0]!.to).toEqual(['ada@example.org'])
  expect(arrived[0]!.data).toContain('First thing')
  expect(arrived[0]!.data).toContain('Second thing')
  expect(arrived[0]!.data).toMatch(
    /List-Unsubscribe:\s+<https:\/\/board\.example\.org\/notifications\/unsubscribe\?token=/,
  )

  // Draining again sends nothing twice; a new notice waits for the hour to pass.
  await notify(db, [notice(ada.id, 'three', 'Third thing')], {
    email: true,
    now: new Date(T0.getTime() + 5 * MINUTE),
  })
  expect(
    (await drainEmailOutbox(transport, SETTINGS, new Date(T0.getTime() + 10 * MINUTE), db)).sent,
  ).toBe(0)
  expect(arrived).toHaveLength(1)
  const later = new Date(T0.getTime() + EMAIL_SPACING_MS + MINUTE)
  expect((await drainEmailOutbox(transport, SETTINGS, later, db)).sent).toBe(1)
  expect(arrived).toHaveLength(2)
  expect(arrived[1]!.data).toContain('Third thing')
})

test('a notice read in the inbox before its email goes is left out; the unread ones still go', async () => {
  arrived.length = 0
  refuseRecipients = new Set()
  const db = getDb()
  const fay = await createAccount(db, 'fay')
  await setAccountEmail(fay.id, 'fay@example.org', db)
  const transport = createSmtpTransport(smtpUrl)
  await notify(
    db,
    [
      notice(fay.id, 'read', 'Already seen'),
      notice(fay.id, 'new-1', 'Still news'),
      notice(fay.id, 'new-2', 'Also news'),
    ],
    { email: true, now: T0 },
  )
  const seen = await db
    .selectFrom('notification')
    .select('id')
    .where('account_id', '=', fay.id)
    .where('event_key', '=', 'read')
    .executeTakeFirstOrThrow()
  await markRead(fay.id, [seen.id], db)

  expect(await drainEmailOutbox(transport, SETTINGS, T0, db)).toEqual({
    sent: 2,
    retrying: 0,
    failed: 0,
  })
  expect(arrived).toHaveLength(1)
  expect(arrived[0]!.data).not.toContain('Already seen')
  expect(arrived[0]!.data).toContain('Still news')
  expect(arrived[0]!.data).toContain('Also news')
  expect(arrived[0]!.data).toMatch(/Subject: 2 updates from Pioneer Board/)
  const rows = await db
    .selectFrom('notification_email')
    .select(['notification_id', 'status', 'sent_at', 'last_error'])
    .where('account_id', '=', fay.id)
    .orderBy('id')
    .execute()
  expect(rows.map((row) => row.status)).toEqual(['cancelled', 'sent', 'sent'])
  expect(rows[0]).toMatchObject({
    notification_id: seen.id,
    sent_at: null,
    last_error: 'Read in the inbox before it was sent.',
  })
  // Never sent later either.
  const nextDay = new Date(T0.getTime() + 24 * EMAIL_SPACING_MS)
  expect((await drainEmailOutbox(transport, SETTINGS, nextDay, db)).sent).toBe(0)
  expect(arrived).toHaveLength(1)
})

test('someone who read every waiting notice gets no email, and the hour is not spent', async () => {
  arrived.length = 0
  refuseRecipients = new Set()
  const db = getDb()
  const gus = await createAccount(db, 'gus')
  await setAccountEmail(gus.id, 'gus@example.org', db)
  const transport = createSmtpTransport(smtpUrl)
  await notify(db, [notice(gus.id, 'a', 'Seen one'), notice(gus.id, 'b', 'Seen two')], {
    email: true,
    now: T0,
  })
  await markRead(gus.id, null, db)

  expect(await drainEmailOutbox(transport, SETTINGS, T0, db)).toEqual({
    sent: 0,
    retrying: 0,
    failed: 0,
  })
  expect(arrived).toEqual([])
  const statuses = await db
    .selectFrom('notification_email')
    .select('status')
    .where('account_id', '=', gus.id)
    .execute()
  expect(statuses).toEqual([{ status: 'cancelled' }, { status: 'cancelled' }])
  // No email went, so a notice that comes next goes at once, not an hour later.
  const soon = new Date(T0.getTime() + 5 * MINUTE)
  await notify(db, [notice(gus.id, 'c', 'Fresh one')], { email: true, now: soon })
  expect((await drainEmailOutbox(transport, SETTINGS, soon, db)).sent).toBe(1)
  expect(arrived).toHaveLength(1)
  expect(arrived[0]!.data).toContain('Fresh one')
  expect(arrived[0]!.data).not.toContain('Seen one')
})

test('a refused address is retried with backoff, then marked failed with the reason', async () => {
  arrived.length = 0
  refuseRecipients = new Set(['gone@example.org'])
  const db = getDb()
  const bob = await createAccount(db, 'bob')
  const cy = await createAccount(db, 'cy')
  await setAccountEmail(bob.id, 'gone@example.org', db)
  await setAccountEmail(cy.id, 'cy@example.org', db)
  const transport = createSmtpTransport(smtpUrl)
  await notify(db, [notice(bob.id, 'b'), notice(cy.id, 'c')], { email: true, now: T0 })

  const first = await drainEmailOutbox(transport, SETTINGS, T0, db)
  expect(first).toEqual({ sent: 1, retrying: 1, failed: 0 })
  expect(arrived.map((mail) => mail.to)).toEqual([['cy@example.org']])
  // Not retried before its backoff ends.
  expect(await drainEmailOutbox(transport, SETTINGS, new Date(T0.getTime() + 30_000), db)).toEqual({
    sent: 0,
    retrying: 0,
    failed: 0,
  })
  let now = T0.getTime()
  let failed = 0
  for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
    now += 3 * 3_600_000
    failed += (await drainEmailOutbox(transport, SETTINGS, new Date(now), db)).failed
  }
  expect(failed).toBe(1)
  const row = await db
    .selectFrom('notification_email')
    .selectAll()
    .where('account_id', '=', bob.id)
    .executeTakeFirstOrThrow()
  expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
  expect(row.last_error).toMatch(/No such mailbox/)
  expect(arrived).toHaveLength(1)
})

test('an SMTP outage delays mail; a sender that crashed mid-send leaves it for the next', async () => {
  arrived.length = 0
  refuseRecipients = new Set()
  const db = getDb()
  const dee = await createAccount(db, 'dee')
  await setAccountEmail(dee.id, 'dee@example.org', db)
  await notify(db, [notice(dee.id, 'd', 'Outage survivor')], { email: true, now: T0 })

  const down = createSmtpTransport('smtp://127.0.0.1:1')
  expect((await drainEmailOutbox(down, SETTINGS, T0, db)).retrying).toBe(1)
  // A sender that claimed the row and died: its lease runs out, then the row goes.
  const crashed = { sendMail: () => new Promise<never>(() => {}) }
  void drainEmailOutbox(crashed, SETTINGS, new Date(T0.getTime() + 2 * MINUTE), db, 'crashed')
  // Once it holds the row (however long the machine takes to get there), it never lets go.
  await eventually(async () => {
    const row = await db
      .selectFrom('notification_email')
      .select('status')
      .where('account_id', '=', dee.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('sending')
  })
  const transport = createSmtpTransport(smtpUrl)
  expect(
    (await drainEmailOutbox(transport, SETTINGS, new Date(T0.getTime() + 3 * MINUTE), db)).sent,
  ).toBe(0)
  expect(
    (await drainEmailOutbox(transport, SETTINGS, new Date(T0.getTime() + 10 * MINUTE), db)).sent,
  ).toBe(1)
  expect(arrived).toHaveLength(1)
  expect(arrived[0]!.data).toContain('Outage survivor')
})

test('no address, or inbox only, means no email', async () => {
  const db = getDb()
  const eve = await createAccount(db, 'eve')
  await notify(db, [notice(eve.id, 'e')], { email: true, now: T0 })
  expect(await db.selectFrom('notification_email').selectAll().execute()).toEqual([])
})

test('unsubscribe tokens: a forged, altered or expired one is refused', () => {
  const token = createUnsubscribeToken({ accountId: 7, kind: 'claim_lapsing' }, 'k'.repeat(40), T0)
  expect(readUnsubscribeToken(token, ['k'.repeat(40)], T0)).toEqual({
    ok: true,
    claim: { accountId: 7, kind: 'claim_lapsing' },
  })
  expect(readUnsubscribeToken(token, ['other'.repeat(8)], T0)).toEqual({
    ok: false,
    reason: 'forged',
  })
  expect(readUnsubscribeToken(token.replace('7.', '8.'), ['k'.repeat(40)], T0)).toEqual({
    ok: false,
    reason: 'forged',
  })
  expect(readUnsubscribeToken('nonsense', ['k'.repeat(40)], T0)).toEqual({
    ok: false,
    reason: 'malformed',
  })
  const in100Days = new Date(T0.getTime() + 100 * 86_400_000)
  expect(readUnsubscribeToken(token, ['k'.repeat(40)], in100Days)).toEqual({
    ok: false,
    reason: 'expired',
  })
})
