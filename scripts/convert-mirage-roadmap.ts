/**
 * Converts ../shared/mirage/roadmap.json (the MirageOS 3.0 planning material: the two-step
 * process agreed on the 2015-02-25 call and 36 items from the call notes, 2014-2016) once into
 * the roadmap demo in db/seed/mirage/roadmap.json. Run it again only when the source changes:
 * `npm run demo:convert-roadmap [-- source.json [output.json]]`. The output is committed, in
 * source order, and byte-for-byte deterministic.
 *
 * The rules, and nothing is invented beyond them:
 * - One release target, "MirageOS 3.0": every item is 3.0 planning material (rm-26 looks
 *   "beyond 3.0" but was raised in that planning).
 * - Areas are normalised by the table AREAS below (e.g. "quality/testing" -> "Quality and
 *   testing"; "documentation/onboarding", "documentation" and "onboarding" -> "Docs and
 *   onboarding"); each idea keeps its verbatim area in `originalArea`, each area the verbatim
 *   names it gathers in `originalNames`. An area missing from the table stops the converter.
 * - Items of phase "process", or of area "process" (rm-36, a prioritisation-phase item about
 *   the process itself), become notes of the "How we plan" page, not ideas. The source's
 *   `process` object becomes the page's summary note, dated by its source file (2015-02-25).
 * - Items of phase "ideation" become ideas in ideation (no +1s, comments or ballots).
 * - Items of phase "prioritisation" become ideas decided on the call of their date: one closed
 *   round of kind "call" per date, with no ballots, no tally and no voters. The decision's
 *   rationale is the item's text; its outcome is "agreed" (on the roadmap), except for items the
 *   notes record only as an open question (QUESTIONS below: rm-34, "Should the configuration be
 *   adjusted now ...?"), which are "deferred" back to ideation with a reason saying so.
 * - `idea` texts are kept whole as the description. The title is the text itself when it has at
 *   most 100 characters (verbatim items always), else its first clause (the text before the
 *   first ":", ";" or " (" that leaves 15 to 100 characters; "?" kept for a question), else its
 *   first words cut at a space before 90 characters with "…". A final full stop is dropped.
 * - Dates are the items' dates; ideas and decisions are dated at 12:00 UTC on that day.
 * - Attribution, verbatim flags, phase, related issues (`owner/repo#N`) and repositories
 *   (`owner/name`) are kept as given, as is each item's `source_url`.
 *
 * The converter stops with exit code 1 and one line per problem, each naming the item id, on an
 * unknown area or phase, a malformed date, issue or repository, or a duplicate id; it then
 * writes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type SourceItem = {
  id: string
  date: string
  area: string
  idea: string
  verbatim: boolean
  attribution: string | null
  phase: 'ideation' | 'prioritisation' | 'process'
  related_issues?: string[]
  repos?: string[]
  source_url: string | null
}

export type Source = {
  title: string
  note: string
  process: {
    description: string
    cadence: string
    owner: string
    source_path: string
    source_url: string
  }
  items: SourceItem[]
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_SOURCE_PATH = path.resolve(root, '../shared/mirage/roadmap.json')
export const DEFAULT_OUTPUT_PATH = path.resolve(root, 'db/seed/mirage/roadmap.json')

/** Normalised area -> the verbatim source areas it gathers, in the order areas are shown. */
const AREAS: [string, string[]][] = [
  ['Quality and testing', ['quality/testing']],
  ['Deployment', ['deployment']],
  ['Docs and onboarding', ['documentation/onboarding', 'documentation', 'onboarding']],
  ['JavaScript', ['javascript']],
  ['Release scope', ['release scope']],
  ['Integration', ['integration']],
  ['Platforms and backends', ['hypervisor/platform', 'platform']],
  ['Storage', ['storage']],
  ['Networking', ['networking']],
  ['Security', ['security']],
  ['Developer tools', ['tooling']],
]
const PROCESS_AREA = 'process'
const QUESTIONS: Record<string, string> = {
  'rm-34':
    'Raised as an open question on the call (a blocker for 3.0?); the notes record no answer, so it stays in ideation.',
}

const ISSUE_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+#\d+$/
const REPO_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

const atNoon = (date: string) => `${date}T12:00:00Z`
const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(atNoon(date)))

export function titleFor(text: string, isVerbatim: boolean) {
  const clean = text.trim()
  const strip = (value: string) => value.replace(/\.$/, '')
  if (isVerbatim || clean.length <= 100) return strip(clean)
  // The first clause long enough to stand alone; a question stays a question.
  for (const match of clean.matchAll(/:|;| \(/g)) {
    const clause = clean.slice(0, match.index).trim()
    if (clause.length > 100) break
    if (clause.length >= 15) return clean.endsWith('?') ? `${clause}?` : strip(clause)
  }
  const cut = clean.slice(0, 90)
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:]$/, '')}…`
}

export function checkSource(source: Source) {
  const problems: string[] = []
  const seen = new Set<string>()
  const knownAreas = new Set([PROCESS_AREA, ...AREAS.flatMap(([, originals]) => originals)])
  for (const item of source.items) {
    if (seen.has(item.id)) problems.push(`${item.id}: duplicate id`)
    seen.add(item.id)
    if (!knownAreas.has(item.area)) problems.push(`${item.id}: unknown area "${item.area}"`)
    if (!['ideation', 'prioritisation', 'process'].includes(item.phase)) {
      problems.push(`${item.id}: unknown phase "${item.phase}"`)
    }
    if (!DATE.test(item.date) || Number.isNaN(Date.parse(item.date))) {
      problems.push(`${item.id}: malformed date "${item.date}"`)
    }
    for (const ref of item.related_issues ?? []) {
      if (!ISSUE_REF.test(ref)) problems.push(`${item.id}: issue "${ref}" is not owner/repo#N`)
    }
    for (const ref of item.repos ?? []) {
      if (!REPO_REF.test(ref)) problems.push(`${item.id}: repository "${ref}" is not owner/name`)
    }
    if (!item.idea?.trim()) problems.push(`${item.id}: no text`)
  }
  return problems
}

function areaOf(originalArea: string) {
  const match = AREAS.find(([, originals]) => originals.includes(originalArea))
  if (!match) throw new Error(`unknown area ${originalArea}`)
  return match[0]
}

export function convert(source: Source) {
  const isProcess = (item: SourceItem) => item.phase === 'process' || item.area === PROCESS_AREA
  const processDate = /(\d{4}-\d{2}-\d{2})/.exec(source.process.source_path)?.[1] ?? null
  const processNotes = [
    {
      key: 'process',
      kind: 'summary' as const,
      date: processDate,
      body: `${source.process.description} Cadence: ${source.process.cadence}.`,
      attribution: source.process.owner,
      sourceUrl: source.process.source_url,
    },
    ...source.items.filter(isProcess).map((item) => ({
      key: item.id,
      kind: 'history' as const,
      date: item.date,
      body: item.idea,
      attribution: item.attribution,
      sourceUrl: item.source_url,
    })),
  ]

  const ideas = source.items
    .filter((item) => !isProcess(item))
    .map((item) => ({
      key: item.id,
      title: titleFor(item.idea, item.verbatim),
      description: item.idea,
      area: areaOf(item.area),
      originalArea: item.area,
      attribution: item.attribution,
      date: item.date,
      isVerbatim: item.verbatim,
      phase: item.phase,
      links: [...(item.related_issues ?? []), ...(item.repos ?? [])],
      sourceUrl: item.source_url,
    }))

  const decided = source.items.filter((item) => !isProcess(item) && item.phase === 'prioritisation')
  const callDates = [...new Set(decided.map((item) => item.date))]
  const callDecisions = callDates.map((date) => {
    const items = decided.filter((item) => item.date === date)
    return {
      key: `call-${date}`,
      name: `Call of ${longDate(date)}`,
      date,
      sourceUrl: items[0]!.source_url,
      rationale: items.map((item) => item.idea).join('\n\n'),
      outcomes: items.map((item) =>
        QUESTIONS[item.id]
          ? {
              idea: item.id,
              outcome: 'deferred' as const,
              disposition: 'ideation' as const,
              reason: QUESTIONS[item.id]!,
            }
          : {
              idea: item.id,
              outcome: 'agreed' as const,
              disposition: 'roadmap' as const,
              reason: null,
            },
      ),
    }
  })

  const usedAreas = new Set(ideas.map((idea) => idea.originalArea))
  return {
    source: { title: source.title, note: source.note },
    releaseTarget: {
      name: 'MirageOS 3.0',
      description:
        'The next major MirageOS release, as planned on the fortnightly calls (2014-2016).',
    },
    areas: AREAS.map(([name, originals]) => ({
      name,
      originalNames: originals.filter((original) => usedAreas.has(original)),
    })),
    processNotes,
    ideas,
    callDecisions,
  }
}

export type DemoRoadmap = ReturnType<typeof convert>

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sourcePath = process.argv[2] ?? DEFAULT_SOURCE_PATH
  const outPath = process.argv[3] ?? DEFAULT_OUTPUT_PATH
  const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as Source
  const problems = checkSource(source)
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem)
    process.exit(1)
  }
  const demo = convert(source)
  writeFileSync(outPath, JSON.stringify(demo, null, 2) + '\n')
  console.log(
    `Wrote ${demo.ideas.length} ideas, ${demo.callDecisions.length} call decisions and ${demo.processNotes.length} process notes to ${path.relative(process.cwd(), outPath)}`,
  )
}
