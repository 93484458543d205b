import fc from 'fast-check'
import { expect, test } from 'vitest'

import {
  decodeIssueCursor,
  DEFAULT_FILTERS,
  describeActiveFilters,
  encodeIssueCursor,
  ISSUE_SORTS,
  issueFiltersToSearchParams,
  parseIssueFilters,
  parseStaleFilter,
  sidebarOrder,
} from './issue-filters'

const parse = (query: string) => parseIssueFilters(new URLSearchParams(query))

test('no parameters means the defaults: open items, recently updated first', () => {
  expect(parse('')).toEqual({ filters: DEFAULT_FILTERS, problems: [] })
})

test('repeated repo and label parameters combine, duplicates in any case collapse', () => {
  const { filters, problems } = parse(
    'repo=mirage/mirage&repo=Mirage/Mirage&repo=mirage/ocaml-dns&label=bug&label=BUG&label=help%20wanted',
  )
  expect(problems).toEqual([])
  expect(filters.repos).toEqual(['mirage/mirage', 'mirage/ocaml-dns'])
  expect(filters.labels).toEqual(['bug', 'help wanted'])
})

test('every bad value is reported by parameter and left out of the filters', () => {
  const { filters, problems } = parse(
    'repo=not-a-repo&state=merged&type=bugs&sort=random&limit=500&author=-bad-&cursor=xyz',
  )
  expect(problems.map((problem) => problem.parameter)).toEqual([
    'repo',
    'state',
    'type',
    'author',
    'sort',
    'limit',
    'cursor',
  ])
  expect(problems.find((p) => p.parameter === 'state')?.allowed).toBe('open, closed, all')
  expect(filters).toEqual(DEFAULT_FILTERS)
})

test('a cursor issued for one sort order is refused for another', () => {
  const cursor = encodeIssueCursor({ sort: 'newest', at: '2020-01-01T00:00:00.000Z', id: 5 })
  expect(parse(`sort=newest&cursor=${cursor}`).filters.cursor).toEqual({
    sort: 'newest',
    at: '2020-01-01T00:00:00.000Z',
    id: 5,
  })
  expect(parse(`cursor=${cursor}`).problems[0]?.parameter).toBe('cursor')
})

test('cursors survive a round trip and anything else decodes to nothing', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...ISSUE_SORTS),
      // Any time PostgreSQL can read back: years 0001 to 9999.
      fc.date({
        min: new Date('0001-01-01T00:00:00.000Z'),
        max: new Date('9999-12-31T23:59:59.999Z'),
        noInvalidDate: true,
      }),
      fc.nat(),
      (sort, date, id) => {
        const cursor = { sort, at: date.toISOString(), id }
        expect(decodeIssueCursor(encodeIssueCursor(cursor))).toEqual(cursor)
      },
    ),
  )
  fc.assert(
    fc.property(fc.string(), (value) => {
      const decoded = decodeIssueCursor(value)
      expect(decoded === null || ISSUE_SORTS.includes(decoded.sort)).toBe(true)
    }),
  )
})

test('parsing never throws and printed filters parse back to themselves', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.constantFrom(
            'repo',
            'state',
            'type',
            'label',
            'author',
            'q',
            'sort',
            'limit',
            'cursor',
            'x',
          ),
          fc.string({ maxLength: 60 }),
        ),
        { maxLength: 12 },
      ),
      (pairs) => {
        const { filters } = parseIssueFilters(new URLSearchParams(pairs))
        const reparsed = parseIssueFilters(issueFiltersToSearchParams(filters))
        expect(reparsed.problems).toEqual([])
        expect(reparsed.filters).toEqual(filters)
      },
    ),
  )
})

test('the sidebar lists chosen repositories, then those with open work, then the rest, by name', () => {
  const repo = (full_name: string, open_issue_count = 0, open_pull_count = 0) => ({
    full_name,
    open_issue_count,
    open_pull_count,
  })
  const repos = [
    repo('mirage/arp'),
    repo('mirage/mirage-tcpip', 3),
    repo('mirage/Irmin'),
    repo('mirage/ocaml-dns', 0, 1),
    repo('mirage/mirage-www', 2),
  ]
  expect(sidebarOrder(repos, ['MIRAGE/arp']).map((r) => r.full_name)).toEqual([
    'mirage/arp',
    'mirage/mirage-tcpip',
    'mirage/mirage-www',
    'mirage/ocaml-dns',
    'mirage/Irmin',
  ])
  // A permutation, never a loss: every repository stays listed once.
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string(), { selector: (name) => name.toLowerCase() }),
      fc.array(fc.string()),
      (names, chosen) => {
        const listed = sidebarOrder(
          names.map((name) => repo(name, name.length % 2)),
          chosen,
        )
        expect(listed.map((r) => r.full_name).sort()).toEqual([...names].sort())
      },
    ),
  )
})

test('the folded filters line names only what differs from the defaults', () => {
  expect(describeActiveFilters(DEFAULT_FILTERS)).toEqual([])
  expect(
    describeActiveFilters(
      parse('q=tcp&repo=mirage/mirage&label=bug&author=talex5&state=all&type=pr&sort=oldest')
        .filters,
    ),
  ).toEqual([
    '“tcp”',
    'mirage/mirage',
    'label bug',
    'by talex5',
    'open and closed',
    'pull requests only',
    'oldest first',
  ])
  expect(
    describeActiveFilters(parse('repo=mirage/a&repo=mirage/b&repo=mirage/c&state=closed').filters),
  ).toEqual(['3 repositories', 'closed'])
})

test('the stale filter is printed with its months always, and reads back the same', () => {
  const params = issueFiltersToSearchParams({ repos: ['mirage/a'], staleMonths: 6 })
  expect(params.toString()).toBe('repo=mirage%2Fa&stale=true&months=6')
  expect(parseStaleFilter(params, { defaultMonths: 12, state: 'open' })).toEqual({
    months: 6,
    problems: [],
  })
  expect(issueFiltersToSearchParams({ staleMonths: null }).toString()).toBe('')
})

test('the folded filters line says the stale measure and its clock', () => {
  const cutoff = new Date('2023-11-26T12:00:00Z')
  const now = new Date('2024-05-26T12:00:00Z')
  expect(
    describeActiveFilters(DEFAULT_FILTERS, { months: 6, cutoff, clock: { kind: 'real', now } }),
  ).toEqual(['stale: no activity for 6 months (since 26 Nov 2023, as of today)'])
  expect(
    describeActiveFilters(parse('label=bug').filters, {
      months: 6,
      cutoff,
      clock: { kind: 'snapshot', now },
    }),
  ).toEqual([
    'label bug',
    'stale: no activity for 6 months (since 26 Nov 2023, measured from the data’s last activity, 26 May 2024)',
  ])
})
