import type { KyselyPlugin } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { createAccount, createProject } from '../../test/starter-factories'

import { claimStarterProject } from './claim.server'
import { getStarterStatusOfIssues } from './issue-status.server'
import { decodeTriagePosition, getTriageQueue } from './triage.server'

const getDb = setupTestDatabase()
const NOW = new Date('2026-11-26T12:00:00Z')
const MEASURE = { activeMonths: 6, now: NOW }
const SHORT = 'Rename the flag: `--tls` is read as `--tl`.'
const LONG = 'A long design discussion. '.repeat(80)
const recently = new Date(NOW.getTime() - 3 * 86_400_000).toISOString()

async function issueIds(fullName: string) {
  const rows = await getDb()
    .selectFrom('issue as i')
    .innerJoin('repository as r', 'r.id', 'i.repository_id')
    .select(['i.id', 'i.number'])
    .where('r.full_name', '=', fullName)
    .execute()
  return new Map(rows.map((row) => [row.number, row.id]))
}

/** #1 an open project, #2 a claimed one, #3 a done one, #4 a candidate, #5 neither. */
async function mirrorEveryKind() {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(getDb(), repo, [
    issuePayload(repo.full_name, 1, { body: LONG }),
    issuePayload(repo.full_name, 2, { body: LONG }),
    issuePayload(repo.full_name, 3, { body: LONG }),
    issuePayload(repo.full_name, 4, { body: SHORT, updated_at: recently }),
    issuePayload(repo.full_name, 5, { body: LONG, updated_at: recently }),
  ])
  const open = await createProject(getDb(), {
    title: 'Flag parsing',
    issue: 'mirage/mirage#1',
    languageStars: 2,
    domainStars: 3,
    primaryDomain: 'storage',
  })
  const claimed = await createProject(getDb(), {
    issue: 'mirage/mirage#2',
    languageStars: null,
    domainStars: 1,
  })
  await claimStarterProject(claimed, await createAccount(getDb(), 'nia'), getDb())
  const done = await createProject(getDb(), { issue: 'mirage/mirage#3', status: 'done' })
  return { ids: await issueIds('mirage/mirage'), open, claimed, done }
}

test('an issue’s starter project comes with its two ratings and whether someone is working on it', async () => {
  const { ids, open, claimed, done } = await mirrorEveryKind()
  const statuses = await getStarterStatusOfIssues([...ids.values()], null, getDb())
  expect(statuses.get(ids.get(1)!)).toEqual({
    kind: 'project',
    id: open,
    title: 'Flag parsing',
    status: 'open',
    languageStars: 2,
    domainStars: 3,
    primaryDomain: 'storage',
  })
  expect(statuses.get(ids.get(2)!)).toMatchObject({
    kind: 'project',
    id: claimed,
    status: 'claimed',
    languageStars: null,
    domainStars: 1,
  })
  expect(statuses.get(ids.get(3)!)).toMatchObject({ kind: 'project', id: done, status: 'done' })
  // Without a maintainer's measure no candidate is looked for; the plain issue has nothing.
  expect(statuses.has(ids.get(4)!)).toBe(false)
  expect(statuses.has(ids.get(5)!)).toBe(false)
  expect(statuses.size).toBe(3)
})

test('a triage candidate is found only with a measure, and its link opens the triage queue on it', async () => {
  const { ids } = await mirrorEveryKind()
  const statuses = await getStarterStatusOfIssues([...ids.values()], MEASURE, getDb())
  const candidate = statuses.get(ids.get(4)!)
  expect(candidate).toMatchObject({ kind: 'candidate' })
  expect(statuses.has(ids.get(5)!)).toBe(false)
  // The projects read the same with candidates asked for.
  expect(statuses.get(ids.get(2)!)).toMatchObject({ kind: 'project', status: 'claimed' })

  const href = new URL((candidate as { triageHref: string }).triageHref, 'http://localhost')
  expect(href.pathname).toBe('/starter/triage')
  const position = decodeTriagePosition(href.searchParams.get('at'))
  const queue = await getTriageQueue(position, MEASURE, getDb())
  expect(queue.current).toMatchObject({ kind: 'issue', id: ids.get(4) })
  expect(queue.movedOn).toBe(false)
})

test('a page of issues is answered in one statement, however many of them are starter work', async () => {
  const repo = repositoryPayload('mirage/many')
  await mirror(
    getDb(),
    repo,
    Array.from({ length: 30 }, (_, index) =>
      issuePayload(repo.full_name, index + 1, { body: SHORT, updated_at: recently }),
    ),
  )
  for (const number of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
    await createProject(getDb(), { issue: `mirage/many#${number}` })
  }
  const ids = [...(await issueIds('mirage/many')).values()]
  let statements = 0
  // Once per statement run (transformQuery also sees each subquery as it is built).
  const counting: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      statements += 1
      return args.result
    },
  }
  const db = getDb().withPlugin(counting)
  for (const measure of [null, MEASURE]) {
    statements = 0
    const statuses = await getStarterStatusOfIssues(ids, measure, db)
    expect(statuses.size).toBe(measure ? 30 : 10)
    expect(statements).toBe(1)
  }
})
