import fc from 'fast-check'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { createProject } from '../../test/starter-factories'

import { HELP_LABELS, scoreCandidate, STARTER_LABELS } from './candidate-score'
import { countStarterCandidates, listStarterCandidates } from './candidate.server'

const getDb = setupTestDatabase()
const NOW = new Date('2026-11-26T12:00:00Z')
const DAY_MS = 86_400_000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString()
const SHORT = 'Steps: run `mirage configure -t hvt`; the error message names the wrong flag.'
const LONG = 'A long design discussion. '.repeat(80)

async function refs(options: Partial<Parameters<typeof listStarterCandidates>[0]> = {}) {
  const { items } = await listStarterCandidates(
    { activeMonths: 6, now: NOW, limit: 100, ...options },
    getDb(),
  )
  return items.map((item) => item.ref).sort()
}

test('only open, unassigned, recent, concrete issues that look like starter work are candidates', async () => {
  const repo = repositoryPayload('mirage/mirage')
  const easy = labelPayload('Good First Issue')
  const wontfix = labelPayload('wontfix')
  const recent = { updated_at: daysAgo(3), body: SHORT }
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 1, { ...recent, labels: [easy] }),
    issuePayload(repo.full_name, 2, { ...recent }),
    issuePayload(repo.full_name, 3, { ...recent, body: LONG, labels: [easy] }),
    issuePayload(repo.full_name, 4, { ...recent, body: LONG }),
    issuePayload(repo.full_name, 5, { ...recent, state: 'closed', labels: [easy] }),
    issuePayload(repo.full_name, 6, { ...recent, pull_request: { merged_at: null } }),
    issuePayload(repo.full_name, 7, { ...recent, assignees: [{ login: 'talex5' }] }),
    issuePayload(repo.full_name, 8, { ...recent, updated_at: daysAgo(400), labels: [easy] }),
    issuePayload(repo.full_name, 9, { ...recent, body: null, labels: [easy] }),
    issuePayload(repo.full_name, 10, { ...recent, body: '', labels: [easy] }),
    issuePayload(repo.full_name, 11, { ...recent, labels: [easy, wontfix] }),
    issuePayload(repo.full_name, 12, { ...recent, labels: [easy] }),
  ])
  await createProject(getDb(), { issue: 'mirage/mirage#12' })

  expect(await refs()).toEqual(['mirage/mirage#1', 'mirage/mirage#2', 'mirage/mirage#3'])
  // STALE_AFTER_MONTHS widens or narrows "recently active".
  expect(await refs({ activeMonths: 24 })).toContain('mirage/mirage#8')
})

test('an open pull request of the same repository mentioning the issue hides it', async () => {
  const repo = repositoryPayload('mirage/ocaml-dns')
  const elsewhere = repositoryPayload('mirage/mirage-tcpip')
  const recent = { updated_at: daysAgo(3), body: SHORT }
  const pr = (number: number, body: string, state: 'open' | 'closed' = 'open') =>
    issuePayload(repo.full_name, number, { body, state, pull_request: { merged_at: null } })
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 1, recent),
    issuePayload(repo.full_name, 2, recent),
    issuePayload(repo.full_name, 3, recent),
    issuePayload(repo.full_name, 4, recent),
    issuePayload(repo.full_name, 12, recent),
    pr(100, 'Fixes #1.'),
    pr(101, 'See https://github.com/mirage/ocaml-dns/issues/2 for context'),
    // Closed pull requests, and #12 mentioned (not #1 or #123), leave 3 and 4 alone…
    pr(102, 'Closes #3', 'closed'),
    pr(103, 'Part of #123 and of the 4 items in the list'),
  ])
  // …and so does a pull request of another repository.
  await mirror(getDb(), elsewhere, [
    issuePayload(elsewhere.full_name, 1, {
      body: 'Needs mirage/ocaml-dns#12 and #4',
      pull_request: { merged_at: null },
    }),
  ])
  expect(await refs()).toEqual(['mirage/ocaml-dns#12', 'mirage/ocaml-dns#3', 'mirage/ocaml-dns#4'])
})

test('candidates come best first with their reasons, and pages cover them all once', async () => {
  const repo = repositoryPayload('mirage/mirage')
  const gfi = labelPayload('good first issue')
  const help = labelPayload('help wanted')
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 1, { body: SHORT, updated_at: daysAgo(100) }),
    issuePayload(repo.full_name, 2, { body: SHORT, updated_at: daysAgo(12), labels: [gfi] }),
    issuePayload(repo.full_name, 3, { body: LONG, updated_at: daysAgo(5), labels: [help] }),
    issuePayload(repo.full_name, 4, { body: SHORT, updated_at: daysAgo(2), labels: [gfi, help] }),
    ...Array.from({ length: 6 }, (_, index) =>
      issuePayload(repo.full_name, 10 + index, { body: SHORT, updated_at: daysAgo(40 + index) }),
    ),
  ])
  const { items } = await listStarterCandidates({ activeMonths: 6, now: NOW }, getDb())
  expect(
    items.slice(0, 2).map((item) => [item.number, item.score, item.reasons.join(' · ')]),
  ).toEqual([
    [
      4,
      9,
      'label: good first issue · label: help wanted · unassigned · updated 2 days ago (24 Nov 2026) · short and concrete',
    ],
    [
      2,
      7,
      'label: good first issue · unassigned · updated 12 days ago (14 Nov 2026) · short and concrete',
    ],
  ])
  expect(items.at(-1)?.number).toBe(1)

  const seen: number[] = []
  let cursor = null
  do {
    const page: Awaited<ReturnType<typeof listStarterCandidates>> = await listStarterCandidates(
      { activeMonths: 6, now: NOW, limit: 3, cursor },
      getDb(),
    )
    seen.push(...page.items.map((item) => item.number))
    cursor = page.nextCursor
  } while (cursor)
  expect(seen).toEqual(items.map((item) => item.number))
})

test('the database ranks exactly as scoreCandidate scores', async () => {
  const repo = repositoryPayload('mirage/mirage')
  const labels = [...STARTER_LABELS.slice(0, 3), ...HELP_LABELS.slice(0, 2), 'bug'].map((name) =>
    labelPayload(name),
  )
  let number = 0
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          labels: fc.subarray(labels),
          body: fc.constantFrom(SHORT, LONG, 'x'.repeat(1499), 'é'.repeat(800)),
          age: fc.integer({ min: 0, max: 170 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      async (issues) => {
        await getDb().deleteFrom('issue').execute()
        await mirror(
          getDb(),
          repo,
          issues.map((issue) =>
            issuePayload(repo.full_name, ++number, {
              labels: issue.labels,
              body: issue.body,
              updated_at: daysAgo(issue.age),
            }),
          ),
        )
        const { items } = await listStarterCandidates(
          { activeMonths: 6, now: NOW, limit: 100 },
          getDb(),
        )
        for (const item of items) {
          const body = issues[item.number - (number - issues.length) - 1]!.body
          const expected = scoreCandidate(
            {
              labelKeys: item.labels,
              bodyBytes: Buffer.byteLength(body),
              updatedAt: new Date(item.updatedAt),
            },
            NOW,
          )
          expect(item.score).toBe(expected.score)
        }
        const scores = items.map((item) => item.score)
        expect(scores).toEqual([...scores].sort((a, b) => b - a))
      },
    ),
    { numRuns: 15 },
  )
})

test('the capped count agrees with the list, whatever the issues and linked pull requests', async () => {
  const repo = repositoryPayload('mirage/mirage')
  const easy = labelPayload('good first issue')
  const wontfix = labelPayload('wontfix')
  let number = 0
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          labels: fc.subarray([easy, wontfix]),
          body: fc.constantFrom(SHORT, LONG, ''),
          age: fc.integer({ min: 0, max: 400 }),
          assigned: fc.boolean(),
          // An open pull request of the same repository that mentions the issue.
          linked: fc.boolean(),
        }),
        { maxLength: 8 },
      ),
      fc.integer({ min: 0, max: 6 }),
      async (issues, cap) => {
        await getDb().deleteFrom('issue').execute()
        const payloads = issues.flatMap((issue) => {
          const issueNumber = ++number
          const pr = issue.linked
            ? [
                issuePayload(repo.full_name, ++number, {
                  body: `Fixes #${issueNumber}`,
                  pull_request: { merged_at: null },
                }),
              ]
            : []
          return [
            issuePayload(repo.full_name, issueNumber, {
              labels: issue.labels,
              body: issue.body,
              updated_at: daysAgo(issue.age),
              assignees: issue.assigned ? [{ login: 'talex5' }] : [],
            }),
            ...pr,
          ]
        })
        await mirror(getDb(), repo, payloads)
        const { items } = await listStarterCandidates(
          { activeMonths: 6, now: NOW, limit: 100 },
          getDb(),
        )
        expect(await countStarterCandidates({ activeMonths: 6, now: NOW, cap }, getDb())).toEqual({
          count: Math.min(items.length, cap),
          isCapped: items.length > cap,
        })
      },
    ),
    { numRuns: 20 },
  )
})
