import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { createAccount, createProject } from '../../test/starter-factories'
import { getMaintainerQueue } from '../notifications/my-work.server'
import { Refusal } from '../utils/refusal'

import { listStarterCandidates } from './candidate.server'
import { DEFAULT_FILTERS, defaultFinderState } from './finder'
import { findStarterProjects } from './finder.server'
import { canReachMentors } from './next-step'
import { getStarterProject } from './project.server'
import { MENTOR_NAMES } from './test-fixtures'
import {
  decodeTriagePosition,
  dismissTriageItem,
  encodeTriagePosition,
  getTriageItem,
  getTriageQueue,
  saveTriage,
  type TriageChoices,
} from './triage.server'

const getDb = setupTestDatabase()
const NOW = new Date('2026-11-26T12:00:00Z')
const DAY_MS = 86_400_000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString()
const OPTIONS = { activeMonths: 6, now: NOW }
const DOMAINS = ['networking', 'security', 'storage']
const BODY = 'The error message of `mirage configure` names the wrong flag.\n\nMore details here.'

const queue = (at: Parameters<typeof getTriageQueue>[0] = null) =>
  getTriageQueue(at, OPTIONS, getDb())

const CHOICES: TriageChoices = {
  languageStars: '2',
  domainStars: '1',
  size: 'week',
  primaryDomain: 'security',
  mentors: '@hannesm',
}

async function mirrorCandidates() {
  const repo = repositoryPayload('mirage/mirage')
  const easy = labelPayload('good first issue')
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 1, { updated_at: daysAgo(3), body: BODY, labels: [easy] }),
    issuePayload(repo.full_name, 2, { updated_at: daysAgo(10), body: BODY }),
  ])
  const issues = await getDb().selectFrom('issue').select(['id', 'number']).execute()
  return Object.fromEntries(issues.map((issue) => [issue.number, issue.id])) as Record<
    number,
    number
  >
}

async function auditRows() {
  return getDb()
    .selectFrom('rating_audit')
    .select(['project_id', 'axis', 'from_stars', 'to_stars', 'actor_login'])
    .orderBy('id')
    .execute()
}

test('the queue holds open projects missing a rating, a size or a mentor one can reach, then candidate issues', async () => {
  const db = getDb()
  const complete = { mentors: ['@hannesm'] }
  const unratedLanguage = await createProject(db, { ...complete, languageStars: null })
  const unratedDomain = await createProject(db, { ...complete, domainStars: null })
  const noSize = await createProject(db, { ...complete, size: null })
  const noMentor = await createProject(db)
  await createProject(db, complete)
  await createProject(db, { ...complete, languageStars: null, status: 'inactive' })
  const issues = await mirrorCandidates()

  const order: string[] = []
  let at = null as ReturnType<typeof decodeTriagePosition>
  for (;;) {
    const page = await queue(at)
    if (!page.current) break
    order.push(
      page.current.kind === 'project' ? `project ${page.current.id}` : `issue ${page.current.id}`,
    )
    if (order.length === 1) {
      expect(page.left).toEqual({ count: 6, isCapped: false })
      expect(page.total).toEqual({ count: 6, isCapped: false })
      // The projects and the candidate issues, named apart on the page.
      expect(page.contents).toEqual({
        projects: { total: 4, toRate: 3 },
        candidates: { count: 2, isCapped: false },
      })
    }
    if (!page.next) break
    at = page.next
  }
  expect(order).toEqual([
    `project ${unratedLanguage}`,
    `project ${unratedDomain}`,
    `project ${noSize}`,
    `project ${noMentor}`,
    // The candidates' own order: the newcomer label scores higher.
    `issue ${issues[1]}`,
    `issue ${issues[2]}`,
  ])
  const last = await queue(at)
  expect(last.left).toEqual({ count: 1, isCapped: false })
  expect(last.total.count).toBe(6)
})

test('projects to rate or size come first, then those missing only a mentor one can reach, and a rating saved leaves the maintainer at the next one to rate', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  // The oldest lacks only a way to reach its mentors: rating work must not wait behind it.
  const namesOnly = await createProject(db, { mentors: ['Amir Chaudhry'] })
  const unratedNamesOnly = await createProject(db, { mentors: ['Anil'], languageStars: null })
  const unsized = await createProject(db, { mentors: ['@hannesm'], size: null })

  const walk = async () => {
    const seen: string[] = []
    for (let at = (await queue()).current; at?.kind === 'project'; at = (await queue(at)).next) {
      seen.push(`${at.step} ${at.id}`)
    }
    return seen
  }
  expect(await walk()).toEqual([
    `rate ${unratedNamesOnly}`,
    `rate ${unsized}`,
    `mentor ${namesOnly}`,
  ])
  expect((await queue()).contents.projects).toEqual({ total: 3, toRate: 2 })

  // Rated without a mentor one can reach: it moves to the mentor part, and the position just
  // saved still leads to the next project to rate, not past it.
  const first = { kind: 'project' as const, step: 'rate' as const, id: unratedNamesOnly }
  const item = await getTriageItem(first, DOMAINS, 'OCaml', db)
  await saveTriage(first, item!.version, { ...CHOICES, mentors: 'Anil' }, dana, DOMAINS, db)
  const after = await queue(first)
  expect(after.current).toEqual({ kind: 'project', step: 'rate', id: unsized })
  expect(after.left.count).toBe(3)
  expect(await walk()).toEqual([
    `rate ${unsized}`,
    `mentor ${namesOnly}`,
    `mentor ${unratedNamesOnly}`,
  ])
  expect((await getMaintainerQueue(dana.id, db)).triage).toEqual({ total: 3, toRate: 1 })
})

test('mentors written as names only keep a project in the queue, named, until one can be reached', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  await createAccount(db, 'cam')
  // Rated and sized: only their mentors could keep them here.
  const namesOnly = await createProject(db, { mentors: ['Amir Chaudhry', 'David Sheets'] })
  const contactOnly = await createProject(db, { mentorContact: '#mirageos on Matrix' })
  await createProject(db, { mentors: ['Amir Chaudhry', '@hannesm'] })
  await createProject(db, { mentors: ['cam'] })
  await createProject(db, { mentors: ['Thomas'], mentorContact: '#mirageos on Matrix' })

  const page = await queue()
  expect(page.contents.projects).toEqual({ total: 2, toRate: 0 })
  expect(page.current).toEqual({ kind: 'project', step: 'mentor', id: namesOnly })
  const item = await getTriageItem(page.current!, DOMAINS, 'OCaml', db)
  // Not "mentor": it has two; what it lacks is a way to reach them, and whom the page names.
  expect(item).toMatchObject({
    missing: ['a way to reach its mentors'],
    unreachableMentors: ['Amir Chaudhry', 'David Sheets'],
  })
  // A contact with nobody to mentor is still no mentor.
  expect(
    await getTriageItem({ kind: 'project', step: 'mentor', id: contactOnly }, DOMAINS, 'OCaml', db),
  ).toMatchObject({ missing: ['mentor'], unreachableMentors: [] })

  // The triage form's mentors, one of them now by login: it leaves the queue.
  await saveTriage(
    page.current!,
    item!.version,
    { ...CHOICES, mentors: 'Amir Chaudhry\n@amirmc' },
    dana,
    DOMAINS,
    db,
  )
  expect((await queue()).current).toEqual({ kind: 'project', step: 'mentor', id: contactOnly })
})

test('the queue counts a mentor one can reach exactly as canReachMentors and the finder do, however mentors are written', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const account = (await createAccount(db, 'a')).id
  // Each name alone, with and without a contact; each beside an account; and no mentor.
  const cases = [...MENTOR_NAMES.map((name) => [{ name, account_id: null }]), []]
    .flatMap((mentors) => [mentors, [...mentors, { name: 'a', account_id: account }]])
    .flatMap((mentors) => [false, true].map((hasMentorContact) => ({ mentors, hasMentorContact })))
  const unreachable: number[] = []
  for (const { mentors, hasMentorContact } of cases) {
    const id = await createProject(db, {
      mentorContact: hasMentorContact ? 'https://discuss.ocaml.org' : null,
    })
    // Stored as written (the form would turn "a" into the account, and refuse some of these).
    if (mentors.length > 0) {
      await db
        .insertInto('starter_project_mentor')
        .values(mentors.map((mentor, position) => ({ project_id: id, position, ...mentor })))
        .execute()
    }
    if (!canReachMentors({ hasMentorContact, mentors })) unreachable.push(id)
  }
  // Both answers occur for names alone, so the table tests something.
  expect(unreachable.length).toBeGreaterThan(0)
  expect(unreachable.length).toBeLessThan(cases.length)

  const held: number[] = []
  for (let at = (await queue()).current; at?.kind === 'project';) {
    held.push(at.id)
    const item = await getTriageItem(at, DOMAINS, 'OCaml', db)
    expect(item!.missing).toHaveLength(1)
    at = (await queue(at)).next
  }
  expect(held).toEqual(unreachable)
  // The finder's "Has a mentor" lists exactly the others: one expression, two readers.
  const mentored = await findStarterProjects(
    { ...defaultFinderState(), filters: { ...DEFAULT_FILTERS, hasMentor: true }, limit: 100 },
    db,
  )
  expect(mentored.items.map((project) => project.id).sort((a, b) => a - b)).toEqual(
    (await db.selectFrom('starter_project').select('id').orderBy('id').execute())
      .map((row) => row.id)
      .filter((id) => !unreachable.includes(id)),
  )
  // What "Waiting for maintainers" says is what the queue holds.
  expect((await getMaintainerQueue(dana.id, db)).triage).toEqual({
    total: unreachable.length,
    toRate: 0,
  })
})

test('a position survives others triaging: a gone item reads as moved on, with the next one shown', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const first = await createProject(db, { languageStars: null })
  const second = await createProject(db, { languageStars: null })
  const item = await getTriageItem(
    { kind: 'project', step: 'rate', id: first },
    DOMAINS,
    'OCaml',
    db,
  )
  await saveTriage(
    { kind: 'project', step: 'rate', id: first },
    item!.version,
    { ...CHOICES, primaryDomain: 'networking' },
    dana,
    DOMAINS,
    db,
  )
  const page = await queue({ kind: 'project', step: 'rate', id: first })
  expect(page.movedOn).toBe(true)
  expect(page.current).toEqual({ kind: 'project', step: 'rate', id: second })
  expect(page.left.count).toBe(1)
})

test('positions round-trip and tampered ones read as the top of the queue', () => {
  const positions = [
    { kind: 'project' as const, step: 'rate' as const, id: 12 },
    { kind: 'project' as const, step: 'mentor' as const, id: 12 },
    { kind: 'issue' as const, score: 5, updatedAt: '2024-01-02T03:04:05.000Z', id: 987654321012 },
  ]
  for (const position of positions) {
    expect(decodeTriagePosition(encodeTriagePosition(position))).toEqual(position)
  }
  const tamperedParts = [
    ['p', 0, -1],
    ['p', 2, 5],
    ['p', 0, 2147483648],
    ['p', 12],
  ]
  const encoded = tamperedParts.map((parts) =>
    Buffer.from(JSON.stringify(parts)).toString('base64url'),
  )
  for (const tampered of ['', 'x', 'WyJwIiwtMV0', 'WyJxIiwxXQ', ...encoded]) {
    expect(decodeTriagePosition(tampered)).toBeNull()
  }
})

test('saving a project rates, sizes, sets the domain and mentors through the audited path', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const id = await createProject(db, {
    languageStars: null,
    domainStars: null,
    size: null,
    secondaryDomains: ['security'],
    repos: ['mirage/mirage'],
  })
  const item = await getTriageItem({ kind: 'project', step: 'rate', id }, DOMAINS, 'OCaml', db)
  expect(item?.missing).toEqual(['OCaml difficulty', 'domain difficulty', 'size', 'mentor'])

  const outcome = await saveTriage(
    { kind: 'project', step: 'rate', id },
    item!.version,
    CHOICES,
    dana,
    DOMAINS,
    db,
  )
  expect(outcome).toEqual({ kind: 'rated', projectId: id })
  const project = await getStarterProject(id, db)
  expect(project).toMatchObject({
    language_stars: 2,
    domain_stars: 1,
    size: 'week',
    primary_domain: 'security',
    // The new primary domain is no longer also a secondary one; the rest is kept.
    secondary_domains: [],
    repos: ['mirage/mirage'],
    rated_by: dana.id,
  })
  expect(project?.mentors.map((mentor) => mentor.name)).toEqual(['@hannesm'])
  expect(await auditRows()).toEqual([
    { project_id: id, axis: 'language', from_stars: null, to_stars: 2, actor_login: 'dana' },
    { project_id: id, axis: 'domain', from_stars: null, to_stars: 1, actor_login: 'dana' },
  ])
  expect((await queue()).current).toBeNull()
})

test('a project someone changed since the page was loaded is a conflict, and nothing is overwritten', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const lee = await createAccount(db, 'lee', 'maintainer')
  const id = await createProject(db, { languageStars: null, size: null })
  const seenByDana = await getTriageItem(
    { kind: 'project', step: 'rate', id },
    DOMAINS,
    'OCaml',
    db,
  )
  const seenByLee = await getTriageItem({ kind: 'project', step: 'rate', id }, DOMAINS, 'OCaml', db)
  await saveTriage(
    { kind: 'project', step: 'rate', id },
    seenByLee!.version,
    { ...CHOICES, languageStars: '3' },
    lee,
    DOMAINS,
    db,
  )
  const before = await getStarterProject(id, db)
  const audit = await auditRows()

  for (const attempt of [
    () =>
      saveTriage(
        { kind: 'project', step: 'rate', id },
        seenByDana!.version,
        CHOICES,
        dana,
        DOMAINS,
        db,
      ),
    () =>
      dismissTriageItem(
        { kind: 'project', step: 'rate', id },
        seenByDana!.version,
        'Too big',
        dana,
        DOMAINS,
        db,
      ),
  ]) {
    const refusal = await attempt().catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(Refusal)
    expect((refusal as Refusal).status).toBe(409)
    expect((refusal as Refusal).message).toMatch(
      /^Someone else changed this project since you loaded it/,
    )
  }
  expect(await getStarterProject(id, db)).toEqual(before)
  expect(await auditRows()).toEqual(audit)
  expect(await db.selectFrom('starter_triage_dismissal').selectAll().execute()).toEqual([])
})

test('saving a candidate issue makes it a starter project from its title and first paragraph', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const issues = await mirrorCandidates()
  const page = await queue()
  expect(page.current).toMatchObject({ kind: 'issue', id: issues[1] })
  const item = await getTriageItem(page.current!, DOMAINS, 'OCaml', db)
  expect(item?.issue?.labels.map((label) => label.name)).toEqual(['good first issue'])

  const outcome = await saveTriage(page.current!, '', CHOICES, dana, DOMAINS, db)
  const project = await getStarterProject(outcome.kind === 'rated' ? outcome.projectId : 0, db)
  expect(project).toMatchObject({
    title: 'Issue 1 of mirage/mirage',
    issue_id: issues[1],
    repos: ['mirage/mirage'],
    language_stars: 2,
    domain_stars: 1,
  })
  expect(project?.summary).toMatch(
    /^The error message of `mirage configure` names the wrong flag\.\n\nFrom \[mirage\/mirage#1\]/,
  )
  expect((await auditRows()).map((row) => row.actor_login)).toEqual(['dana', 'dana'])
  // It is a project now: no longer a candidate, and a second save is refused.
  expect((await queue()).current).toMatchObject({ kind: 'issue', id: issues[2] })
  const again = await saveTriage(page.current!, '', CHOICES, dana, DOMAINS, db).catch((e) => e)
  expect(again).toBeInstanceOf(Refusal)
  expect((again as Refusal).status).toBe(409)
})

test('"not a starter project" sets a candidate aside with its reason, also off the candidates list', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const issues = await mirrorCandidates()
  const position = (await queue()).current!
  const empty = await dismissTriageItem(position, '', '   ', dana, DOMAINS, db).catch((e) => e)
  expect((empty as Refusal).status).toBe(400)

  expect(
    await dismissTriageItem(position, '', ' Needs a design first ', dana, DOMAINS, db),
  ).toEqual({
    kind: 'dismissed',
    issueId: issues[1],
  })
  expect(
    await db
      .selectFrom('starter_triage_dismissal')
      .select(['issue_id', 'project_id', 'reason', 'actor_login'])
      .execute(),
  ).toEqual([
    { issue_id: issues[1], project_id: null, reason: 'Needs a design first', actor_login: 'dana' },
  ])
  const { items } = await listStarterCandidates(OPTIONS, db)
  expect(items.map((item) => item.id)).toEqual([issues[2]])

  const twice = await dismissTriageItem(position, '', 'Again', dana, DOMAINS, db).catch((e) => e)
  expect((twice as Refusal).status).toBe(409)
  expect((twice as Refusal).message).toMatch(/dana already set this issue aside/)
  const saved = await saveTriage(position, '', CHOICES, dana, DOMAINS, db).catch((e) => e)
  expect((saved as Refusal).status).toBe(409)
})

test('"not a starter project" retires a project, keeps the reason and leaves its ratings alone', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const id = await createProject(db, { languageStars: 2, domainStars: null })
  const audit = await auditRows()
  const item = await getTriageItem({ kind: 'project', step: 'rate', id }, DOMAINS, 'OCaml', db)
  expect(
    await dismissTriageItem(
      { kind: 'project', step: 'rate', id },
      item!.version,
      'Done upstream',
      dana,
      DOMAINS,
      db,
    ),
  ).toEqual({ kind: 'retired', projectId: id })
  expect(await getStarterProject(id, db)).toMatchObject({ status: 'inactive', language_stars: 2 })
  expect(await auditRows()).toEqual(audit)
  expect(
    await db.selectFrom('starter_triage_dismissal').select(['project_id', 'reason']).execute(),
  ).toEqual([{ project_id: id, reason: 'Done upstream' }])
  expect((await queue()).current).toBeNull()
})

test('a refused save names the field as the form labels it, once', async () => {
  const db = getDb()
  const dana = await createAccount(db, 'dana', 'maintainer')
  const projectId = await createProject(db, { languageStars: null })
  const position = { kind: 'project' as const, step: 'rate' as const, id: projectId }
  const refusal = async (choices: Partial<TriageChoices>) => {
    const item = await getTriageItem(position, DOMAINS, 'OCaml', db)
    const error = await saveTriage(
      position,
      item!.version,
      { ...CHOICES, ...choices },
      dana,
      DOMAINS,
      db,
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Refusal)
    return (error as Refusal).message
  }
  expect(await refusal({ mentors: 'x'.repeat(101) })).toBe(
    'Nothing was saved: Mentors: each mentor must be at most 100 characters.',
  )
  expect(await refusal({ primaryDomain: 'cooking' })).toBe(
    'Nothing was saved: Primary domain: must be one of: networking, security, storage.',
  )
  expect(await refusal({ languageStars: '5' })).toBe(
    'Nothing was saved: OCaml difficulty: must be 1, 2 or 3 stars, or unrated.',
  )
})
