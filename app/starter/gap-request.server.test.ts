import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createAccount, createProject } from '../../test/starter-factories'
import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'

import { gapRequestInputSchema, type GapRequestInput } from './gap-request-input'
import {
  answerGapRequest,
  countUnratedOpenSupply,
  createGapRequest,
  getGapDemand,
  listGapRequests,
  type GapCursor,
} from './gap-request.server'

const getDb = setupTestDatabase()
const schema = gapRequestInputSchema(DEFAULT_STARTER_DOMAINS)

function request(overrides: Partial<GapRequestInput> = {}): GapRequestInput {
  return {
    languageLevel: 'some',
    domains: ['networking'],
    time: 'week',
    wantsMentor: false,
    note: '',
    ...overrides,
  }
}

async function gapRows() {
  return getDb().selectFrom('gap_request').selectAll().orderBy('id').execute()
}

async function claim(projectId: number, accountId: number) {
  await getDb()
    .insertInto('starter_claim')
    .values({
      project_id: projectId,
      account_id: accountId,
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute()
}

test('the form is parsed into a request, the mentor box and repeated domains included', () => {
  const parsed = schema.parse({
    languageLevel: 'none',
    domains: ['security', 'networking', 'security'],
    time: 'any',
    wantsMentor: 'on',
    note: '  I know TLS from Go  ',
  })
  expect(parsed).toEqual({
    languageLevel: 'none',
    domains: ['security', 'networking'],
    time: 'any',
    wantsMentor: true,
    note: 'I know TLS from Go',
  })
  expect(schema.parse({ languageLevel: 'comfortable' })).toMatchObject({
    domains: [],
    time: null,
    wantsMentor: false,
  })
})

test('unknown domains, levels, times and over-long notes are refused with the field named', () => {
  const result = schema.safeParse({
    languageLevel: 'expert',
    domains: ['networking', 'cooking'],
    time: 'year',
    note: 'x'.repeat(2001),
  })
  expect(result.success).toBe(false)
  const byField = Object.fromEntries(
    result.error!.issues.map((issue) => [String(issue.path[0]), issue.message]),
  )
  expect(byField.languageLevel).toMatch(/“New to it”, “Some experience”, “Comfortable”/)
  expect(byField.domains).toMatch(/"cooking"/)
  expect(byField.time).toMatch(/“About a day”, .*“Any amount”/)
  expect(byField.note).toMatch(/2,000/)
})

test('a request is stored with who sent it; the same one sent again at once is refused', async () => {
  const newcomer = await createAccount(getDb(), 'noor')
  await createGapRequest(request({ domains: ['security', 'networking'], note: 'TLS?' }), newcomer)
  await expect(
    createGapRequest(request({ domains: ['networking', 'security'], note: 'TLS?' }), newcomer),
  ).rejects.toMatchObject({ status: 409 })
  const rows = await gapRows()
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({
    account_id: newcomer.id,
    language_level: 'some',
    domains: ['networking', 'security'],
    time_available: 'week',
    note: 'TLS?',
    answered_at: null,
  })

  // A different note is a different request.
  await createGapRequest(request({ domains: ['networking', 'security'], note: 'DNS?' }), newcomer)
  expect(await gapRows()).toHaveLength(2)
})

test('answering links the new project; answering again, or an unknown request, changes nothing', async () => {
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const other = await createAccount(getDb(), 'ari', 'maintainer')
  const newcomer = await createAccount(getDb(), 'noor')
  const id = await createGapRequest(request(), newcomer)
  const projectId = await createProject(getDb(), { title: 'Made for Noor' })

  await expect(
    answerGapRequest(id, { projectId: projectId + 100 }, maintainer, getDb()),
  ).rejects.toMatchObject({
    status: 400,
    message: `There is no starter project #${projectId + 100}.`,
  })
  expect((await gapRows())[0]?.answered_at).toBeNull()

  await answerGapRequest(id, { projectId }, maintainer, getDb())
  const [answered] = await gapRows()
  expect(answered).toMatchObject({ answered_by: maintainer.id, answer_project_id: projectId })
  expect(answered?.answered_at).toBeInstanceOf(Date)

  await expect(answerGapRequest(id, { projectId: null }, other, getDb())).rejects.toMatchObject({
    status: 409,
    message: expect.stringContaining('already answered by dana'),
  })
  expect(await gapRows()).toEqual([answered])

  await expect(answerGapRequest(id + 1, { projectId: null }, other, getDb())).rejects.toMatchObject(
    { status: 404 },
  )
})

test('demand is counted per domain and level against the open unclaimed projects that fit', async () => {
  const newcomer = await createAccount(getDb(), 'noor')
  const other = await createAccount(getDb(), 'sam')
  const claimer = await createAccount(getDb(), 'cam')
  // networking: 2★ language fits "some" and "comfortable", 3★ language only "comfortable"; a
  // claimed one and an unrated one never count.
  await createProject(getDb(), { primaryDomain: 'networking', languageStars: 2, domainStars: 2 })
  await createProject(getDb(), { primaryDomain: 'networking', languageStars: 3, domainStars: 3 })
  await createProject(getDb(), { primaryDomain: 'networking', languageStars: null, domainStars: 1 })
  const claimed = await createProject(getDb(), {
    primaryDomain: 'networking',
    languageStars: 1,
    domainStars: 1,
  })
  await claim(claimed, claimer.id)
  // A security project that also lists networking counts for networking too.
  await createProject(getDb(), {
    primaryDomain: 'security',
    secondaryDomains: ['networking'],
    languageStars: 1,
    domainStars: 1,
  })

  await createGapRequest(request({ languageLevel: 'none', domains: ['networking'] }), newcomer)
  await createGapRequest(request({ languageLevel: 'none', domains: ['networking', 'web'] }), other)
  await createGapRequest(request({ languageLevel: 'comfortable', domains: [] }), claimer)

  const demand = await getGapDemand(DEFAULT_STARTER_DOMAINS, getDb())
  const row = (domain: string) => demand.find((entry) => entry.domain === domain)!.cells
  expect(row('networking')).toEqual({
    none: { requests: 2, fitting: 1 },
    some: { requests: 0, fitting: 2 },
    comfortable: { requests: 0, fitting: 3 },
  })
  expect(row('web').none).toEqual({ requests: 1, fitting: 0 })
  expect(row('security').none).toEqual({ requests: 0, fitting: 1 })
  // No domain named: only 1★-domain projects fit, in any domain.
  expect(row('').comfortable).toEqual({ requests: 1, fitting: 1 })
  expect(demand.map((entry) => entry.domain)).toEqual([...DEFAULT_STARTER_DOMAINS, ''])
  expect(await countUnratedOpenSupply(getDb())).toBe(1)
})

test('open and answered requests are listed apart, newest first, page by page', async () => {
  const maintainer = await createAccount(getDb(), 'dana', 'maintainer')
  const ids: number[] = []
  for (let index = 0; index < 5; index++) {
    const person = await createAccount(getDb(), `person-${index}`)
    const id = await createGapRequest(request({ note: `note ${index}` }), person)
    // A minute apart, so "newest first" is the order they were sent in, whatever the clock did.
    await getDb()
      .updateTable('gap_request')
      .set({ created_at: new Date(Date.UTC(2026, 0, 1, 10, index)) })
      .where('id', '=', id)
      .execute()
    ids.push(id)
  }
  await answerGapRequest(ids[1]!, { projectId: null }, maintainer, getDb())

  const first = await listGapRequests({ answered: false, limit: 2 }, getDb())
  expect(first.items.map((item) => item.note)).toEqual(['note 4', 'note 3'])
  expect(first.items[0]).toMatchObject({ login: 'person-4', language_level: 'some' })
  const second = await listGapRequests(
    { answered: false, limit: 2, cursor: first.nextCursor },
    getDb(),
  )
  expect(second.items.map((item) => item.note)).toEqual(['note 2', 'note 0'])
  expect(second.nextCursor).toBeNull()

  const answered = await listGapRequests({ answered: true }, getDb())
  expect(answered.items.map((item) => [item.note, item.answered_by_login])).toEqual([
    ['note 1', 'dana'],
  ])
})

/** Every page of one list, followed cursor by cursor: the notes in the order listed. */
async function listedNotes(answered: boolean, limit: number) {
  const notes: string[] = []
  let cursor: GapCursor | null = null
  do {
    const page = await listGapRequests({ answered, limit, cursor }, getDb())
    notes.push(...page.items.map((item) => item.note))
    cursor = page.nextCursor
  } while (cursor)
  return notes
}

test('requests of one millisecond are each listed once when a page ends between them', async () => {
  // PostgreSQL keeps microseconds (now() does too): three requests within one millisecond.
  const times = [
    '2026-01-01 00:00:00.123456+00',
    '2026-01-01 00:00:00.123789+00',
    '2026-01-01 00:00:00.123999+00',
  ]
  // Sent as text and cast by PostgreSQL: postgres.js would send a timestamptz parameter
  // through a JavaScript Date, which drops the microseconds this test is about.
  for (const [index, time] of times.entries()) {
    const person = await createAccount(getDb(), `person-${index}`)
    const id = await createGapRequest(request({ note: `note ${index}` }), person)
    await getDb()
      .updateTable('gap_request')
      .set({ created_at: sql<Date>`${time}::text::timestamptz` })
      .where('id', '=', id)
      .execute()
  }
  expect(await listedNotes(false, 1)).toEqual(['note 2', 'note 1', 'note 0'])

  // Answered within one millisecond too, in the other order.
  for (const [index, time] of times.entries()) {
    await getDb()
      .updateTable('gap_request')
      .set({ answered_at: sql<Date>`${time}::text::timestamptz` })
      .where('note', '=', `note ${2 - index}`)
      .execute()
  }
  expect(await listedNotes(true, 1)).toEqual(['note 0', 'note 1', 'note 2'])
})
