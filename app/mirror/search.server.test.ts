import fc from 'fast-check'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { loadDemoData } from '../demo/demo.server'

import { DEFAULT_FILTERS, ISSUE_SEARCH_EXAMPLE, type IssueFilters } from './issue-filters'
import { listIssues } from './issue.server'

const getDb = setupTestDatabase()

const search = async (q: string, overrides: Partial<IssueFilters> = {}) =>
  (await listIssues({ ...DEFAULT_FILTERS, repositoryIds: [], ...overrides, q }, getDb())).items
    .map((issue) => issue.number)
    .sort((a, b) => a - b)

async function mirrorTitles(titles: string[]) {
  const repo = repositoryPayload('mirage/mirage')
  await mirror(
    getDb(),
    repo,
    titles.map((title, index) => issuePayload(repo.full_name, index + 1, { title, body: '' })),
  )
}

test('"-the" alone lists everything that does not contain the word "the"', async () => {
  await mirrorTitles(['Fix the build', 'Memory leak in netif', 'Other things', 'THE END'])
  // "the" is a stop word the index never holds: it is tested on the text itself.
  expect(await search('-the')).toEqual([2, 3])
  expect(await search('-"the build"')).toEqual([2, 3, 4])
})

test('a word finds the words it begins: "mem" finds "memory"', async () => {
  await mirrorTitles(['Memory leak in netif', 'Members list', 'Fix the build'])
  expect(await search('mem')).toEqual([1, 2])
  expect(await search('memory')).toEqual([1])
  expect(await search('mem -leak')).toEqual([2])
})

test('phrases keep their word order; stop words alone filter nothing', async () => {
  await mirrorTitles(['window scaling is broken', 'scaling the window', 'unrelated'])
  expect(await search('"window scaling"')).toEqual([1])
  expect(await search('the')).toEqual([1, 2, 3])
  expect(await search('the window')).toEqual([1, 2])
})

test('no search text, however hostile, makes the query fail', async () => {
  await mirrorTitles(['Fix the build', "It's a trap: 'quote' & | ! <-> :* (paren"])
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.string({
          unit: fc.constantFrom(
            '"',
            '-',
            "'",
            '&',
            '|',
            '!',
            ':',
            '*',
            '(',
            ')',
            '<',
            '>',
            ' ',
            'a',
            'é',
            '\\',
          ),
          maxLength: 30,
        }),
      ),
      async (q) => {
        await search(q)
      },
    ),
    { numRuns: 60 },
  )
})

test("the search box's example finds something in the MirageOS demo", async () => {
  await loadDemoData(getDb())
  expect((await search(ISSUE_SEARCH_EXAMPLE)).length).toBeGreaterThan(0)
  // The old example did not: the demo has no open issue about both.
  expect(await search('unikernel tls')).toEqual([])
})
