import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import { expect, test } from 'vitest'

import {
  DEFAULT_OUTPUT_PATH,
  DEFAULT_SOURCE_PATH,
  MIRAGE_DOMAINS,
  convertPioneerProjects,
  createdAtFor,
  listedEraFor,
  mapStatus,
  serializeStarterProjects,
  type StarterProjectSeed,
} from './convert-pioneer-projects'

const committedText = readFileSync(DEFAULT_OUTPUT_PATH, 'utf8')
const committed = JSON.parse(committedText) as StarterProjectSeed[]
const byKey = (key: string) => committed.find((project) => project.key === key)!

// A minimal valid source project; tests change one field to check one rule.
function sourceProject(overrides: Record<string, unknown> = {}) {
  return {
    id: 'pp-90',
    title: 'A test project',
    summary: 'Does one thing.',
    stars: null,
    stars_note: null,
    domain: 'networking',
    secondary_domains: [],
    mentors: [],
    contacts: [],
    repos: ['mirage/mirage'],
    related_issues: ['mirage/mirage#1'],
    status: 'idea',
    tags: [],
    era: '2015',
    origin: 'weekly call 2015-03-04',
    source_repo: 'mirage/mirage-www',
    source_path: 'data/weekly/2015-03-04.md',
    source_commit: '6049aba597e17c73175d18dde25de180679b89c7',
    source_url: null,
    additional_sources: [],
    ...overrides,
  }
}

test.skipIf(!existsSync(DEFAULT_SOURCE_PATH))(
  'the committed starter projects equal a fresh conversion of ../shared/mirage',
  () => {
    const source: unknown = JSON.parse(readFileSync(DEFAULT_SOURCE_PATH, 'utf8'))
    expect(serializeStarterProjects(convertPioneerProjects(source))).toBe(committedText)
  },
)

test('the demo has the 48 projects in source order, each with exactly the seed keys', () => {
  expect(committed.map((project) => project.key)).toEqual(
    Array.from({ length: 48 }, (_, index) => `pp-${String(index + 1).padStart(2, '0')}`),
  )
  for (const project of committed) {
    expect(Object.keys(project)).toEqual([
      'key',
      'title',
      'summary',
      'primaryDomain',
      'secondaryDomains',
      'languageStars',
      'domainStars',
      'size',
      'status',
      'mentors',
      'repos',
      'relatedIssues',
      'readFirst',
      'legacyNote',
      'createdAt',
      'listedEra',
    ])
  }
})

test('no project gets a rating or a size: the history had none on our axes', () => {
  for (const project of committed) {
    expect(project).toMatchObject({ languageStars: null, domainStars: null, size: null })
  }
})

test("pp-04's 5-star rating is kept as history outside the 1-3 scale, not mapped", () => {
  const note = byKey('pp-04').legacyNote
  expect(note).toContain('5★')
  expect(note).toContain('on the old single 1-3★ scale (outside it)')
  expect(note).toContain("'it would likely be a 5-star one'")
})

test('pp-13, pp-14 and pp-15 keep their 1-star history in the legacy note', () => {
  for (const key of ['pp-13', 'pp-14', 'pp-15']) {
    expect(byKey(key).legacyNote).toMatch(/^Historical rating: 1★ on the old single 1-3★ scale — /)
    expect(byKey(key).legacyNote).not.toContain('outside')
  }
})

test('the legacy note keeps the verbatim status and why a project had no rating', () => {
  expect(byKey('pp-19').legacyNote).toMatch(
    new RegExp(
      '^No historical rating: proposer explicitly left the difficulty rating out\n\n' +
        'Status in the notes: proposed on mailing list \\(Aug 2016\\)\n\nSource: ',
    ),
  )
})

test('every domain is one of the 10 MirageOS domains', () => {
  for (const project of committed) {
    expect(MIRAGE_DOMAINS).toContain(project.primaryDomain)
    for (const domain of project.secondaryDomains) expect(MIRAGE_DOMAINS).toContain(domain)
  }
})

test('statuses map to 35 open, 7 done and 6 inactive', () => {
  const keysWith = (status: string) =>
    committed.filter((project) => project.status === status).map((project) => project.key)
  expect(keysWith('done')).toEqual(['pp-03', 'pp-39', 'pp-40', 'pp-41', 'pp-42', 'pp-43', 'pp-44'])
  expect(keysWith('inactive')).toEqual(['pp-16', 'pp-30', 'pp-31', 'pp-32', 'pp-33', 'pp-34'])
  expect(keysWith('open')).toHaveLength(35)
})

test('a status is done only when it starts with done or says upstreamed or released', () => {
  expect(mapStatus('done (blog post Dec 2015)')).toBe('done')
  expect(mapStatus('upstreamed; improvements ongoing')).toBe('done')
  expect(mapStatus('initial hamms-based tests done (Jan 2015); listed as help needed')).toBe('open')
  expect(mapStatus('considered, not added (Notty already covers it)')).toBe('inactive')
  expect(mapStatus('prototype exists; needs work (listing removed May 2017)')).toBe('inactive')
  expect(mapStatus('running; syslog integrated in MirageOS 3')).toBe('open')
  expect(mapStatus('early tech preview, PRs welcome')).toBe('open')
})

test('createdAt is the earliest date in the origin, else January 1 of the era', () => {
  expect(createdAtFor({ origin: 'weekly call 2015-12-02', era: '2015' })).toBe(
    '2015-12-02T00:00:00Z',
  )
  expect(byKey('pp-05').createdAt).toBe('2015-05-06T00:00:00Z')
  expect(byKey('pp-18').createdAt).toBe('2016-01-01T00:00:00Z')
  expect(createdAtFor({ origin: 'call 2015-02-30', era: '2014-2017' })).toBe('2014-01-01T00:00:00Z')
})

test('listedEra keeps the era exactly when the origin gives no day, so no listing day is made up', () => {
  expect(listedEraFor({ origin: 'weekly call 2015-12-02', era: '2015' })).toBeNull()
  expect(listedEraFor({ origin: 'call 2015-02-30', era: '2014-2017' })).toBe('2014-2017')
  expect(byKey('pp-05').listedEra).toBeNull()
  expect(byKey('pp-18').listedEra).toBe('2016')
  for (const project of committed) {
    expect(project.listedEra === null || project.createdAt.endsWith('-01-01T00:00:00Z')).toBe(true)
  }
})

test('no project gets a "Read first": the source has no reading guide, only where each came from', () => {
  for (const project of committed) expect(project.readFirst).toBe('')
})

test('the note ends with where the entry came from, labelled as its source, with a link to every source', () => {
  expect(byKey('pp-01').legacyNote).toBe(
    [
      'No historical rating: star rating on the original wiki page not recoverable',
      'Status in the notes: taken up in 2015; Canopy running by 2016',
      [
        "Source: Pioneer-Projects wiki page (description quoted verbatim in canopy-data Projects/Canopy under 'Description (from PioneerProjects wiki page)'); mentors from weekly call 2015-02-25 (2015)",
        'Contacts it names: Engil (Enguerrand Decorne)',
        'Tags it gives: active project, irmin, blog, http, application',
        '- hannesm/canopy-data: Projects/Canopy https://github.com/hannesm/canopy-data/blob/6038c5ce6a14b3d5a94f02b4d160c6b17bf5c566/Projects/Canopy',
        "- mirage/mirage-www: data/weekly/2015-02-25.md https://github.com/mirage/mirage-www/blob/6049aba597e17c73175d18dde25de180679b89c7/data/weekly/2015-02-25.md — 'Amir is mentoring the Static Site Pioneer Project with David Sheets'",
      ].join('\n'),
    ].join('\n\n'),
  )
  expect(byKey('pp-19').legacyNote).toContain(
    '- https://lists.xenproject.org/archives/html/mirageos-devel/2016-08/msg00015.html',
  )
})

test('historical stars of any value never become ratings', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10 }), (stars) => {
      const [project] = convertPioneerProjects([sourceProject({ stars, stars_note: 'a note' })])
      expect(project).toMatchObject({ languageStars: null, domainStars: null })
      expect(project!.legacyNote).toContain(`Historical rating: ${stars}★`)
      expect(project!.legacyNote!.includes('(outside it)')).toBe(stars > 3)
    }),
  )
})

test.each([
  [{ domain: 'graphics' }, 'pp-90: domain: unknown domain "graphics"'],
  [{ secondary_domains: ['web', 'Web'] }, 'pp-90: secondary_domains.1: unknown domain "Web"'],
  [{ repos: ['mirage'] }, 'pp-90: repos.0: repository "mirage" is not written owner/name'],
  [{ repos: ['mirage/a/b'] }, 'pp-90: repos.0: repository "mirage/a/b" is not written owner/name'],
  [
    { related_issues: ['mirage/mirage/123'] },
    'pp-90: related_issues.0: issue "mirage/mirage/123" is not written owner/repo#N',
  ],
  [
    { related_issues: ['mirage#12'] },
    'pp-90: related_issues.0: issue "mirage#12" is not written owner/repo#N',
  ],
  [{ domain: undefined }, 'pp-90: domain: Required'],
  [{ stars: 2.5 }, 'pp-90: stars: '],
  [
    { source_repo: null, source_path: null, source_commit: null },
    'pp-90: needs source_url or all of source_repo, source_path and source_commit',
  ],
])('malformed input %o is rejected with a message naming the project', (overrides, message) => {
  expect(() => convertPioneerProjects([sourceProject(overrides)])).toThrow(message)
})

test('a duplicate id is rejected, naming the id and both positions', () => {
  expect(() =>
    convertPioneerProjects([sourceProject(), sourceProject({ title: 'Another' })]),
  ).toThrow('pp-90: duplicate id (projects #1 and #2)')
})

test('every problem in the source is reported at once', () => {
  const convert = () =>
    convertPioneerProjects([
      sourceProject({ id: 'pp-91', domain: 'nope' }),
      sourceProject({ id: 'pp-92', repos: ['bad'] }),
    ])
  expect(convert).toThrow(/pp-91: domain: unknown domain "nope".*\n- pp-92: repos\.0: repository/)
})

test('the command exits 1 on a malformed source, says why, and writes nothing', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'pioneer-projects-'))
  try {
    const sourcePath = path.join(folder, 'source.json')
    const outputPath = path.join(folder, 'out.json')
    writeFileSync(sourcePath, JSON.stringify([sourceProject({ id: 'pp-07', domain: 'gaming' })]))
    const child = spawn(
      'node',
      ['--import', 'tsx', 'scripts/convert-pioneer-projects.ts', sourcePath, outputPath],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('pp-07: domain: unknown domain "gaming"')
    expect(existsSync(outputPath)).toBe(false)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
