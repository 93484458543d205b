/**
 * Converts ../shared/mirage/pioneer-projects.json (48 real MirageOS Pioneer Projects and the
 * newcomer projects that replaced them, 2014-2018) once into demo starter projects in
 * db/seed/mirage/starter-projects.json. Run it again only when the source changes:
 * `npm run demo:convert-pioneer-projects [-- source.json [output.json]]`. The output is
 * committed, in source order, and byte-for-byte deterministic.
 *
 * Nothing is invented:
 * - `languageStars`, `domainStars` and `size` are always null (shown as unrated / unknown). The
 *   history had one mixed 1-3★ difficulty scale, not our two axes, and only 4 projects had a
 *   rating at all; pp-04's "likely a 5-star one" is not even on that scale. Historical ratings
 *   are kept, never mapped, as visible history in `legacyNote` ("Historical rating: 5★ on the
 *   old single 1-3★ scale (outside it) — <the source's note>"); when the source has no rating,
 *   its reason ("not stated", "list has no ratings", ...) is kept the same way.
 * - `legacyNote` also keeps the verbatim status text ("Status in the notes: ...").
 * - `primaryDomain`, `secondaryDomains`, `mentors` (names as written), `repos` and
 *   `relatedIssues` are the source's values as given; `summary` is the source summary verbatim.
 * - `readFirst` is empty: the source has no reading guide, only where each entry came from, and
 *   "Read first" holds only things to read (a newcomer took the old notes for one).
 * - Where the entry came from goes after the history in `legacyNote`, labelled as such (plain
 *   text, as the note is): "Source: <origin> (<era>)", the contacts and tags it names, and links
 *   to every source: `source_url`, or a GitHub blob URL pinned to `source_commit` built from
 *   `source_repo`/`source_path`, then each of `additional_sources` with its note.
 * - `createdAt`: the earliest YYYY-MM-DD date written in `origin` at 00:00 UTC (pp-04 "weekly
 *   call 2015-12-02" gives 2015-12-02T00:00:00Z); when `origin` has none, January 1 of the
 *   first year of `era` ("2016-2018" gives 2016-01-01T00:00:00Z), and then `listedEra` keeps the
 *   era so the board says "listed in 2016-2018" rather than a day the notes never gave. Month
 *   names ("Dec 2015") and dates in `status` are not read.
 *
 * Status mapping, first matching rule wins (the verbatim text stays in `legacyNote`):
 * 1. done: the status starts with "done" (pp-03, pp-40..pp-44), or says "upstreamed" (pp-39
 *    "upstreamed; improvements ongoing") or "released" (pp-44).
 * 2. inactive: the status starts with "inactive" (pp-30, pp-31), or says "considered, not added"
 *    (pp-16) or "listing removed" (pp-32..pp-34: taken off the project list in May 2017).
 * 3. open: everything else: help needed, idea, suggestion, proposed, candidate, active, early,
 *    running, works... Three read "open" on purpose: pp-07 ("initial ... tests done (Jan 2015);
 *    listed as help needed in 2016-2017": only a first step was done), pp-04 ("proposed ...; a
 *    client was later added to charrua in 2017": the project itself was never marked done) and
 *    pp-01/pp-10 ("running": the software runs, the project still welcomed work).
 * With the current source: 35 open, 7 done, 6 inactive.
 *
 * The converter stops with exit code 1 and one line per problem, each naming the project id,
 * on an unknown domain, a repository not written owner/name, an issue not written
 * owner/repo#N, a duplicate id or any other malformed field; it then writes nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { z } from 'zod'

import { DEFAULT_STARTER_DOMAINS } from '../app/utils/env.server'

import { runMain } from './lib'

// The MirageOS domains, which are also the board's default STARTER_DOMAINS.
export const MIRAGE_DOMAINS = DEFAULT_STARTER_DOMAINS

export type MirageDomain = (typeof MIRAGE_DOMAINS)[number]
export type StarterProjectStatus = 'open' | 'done' | 'inactive'

export type StarterProjectSeed = {
  key: string
  title: string
  summary: string
  primaryDomain: MirageDomain
  secondaryDomains: MirageDomain[]
  languageStars: null
  domainStars: null
  size: null
  status: StarterProjectStatus
  mentors: string[]
  repos: string[]
  relatedIssues: string[]
  readFirst: string
  legacyNote: string | null
  createdAt: string
  /** The era when `origin` names no day: `createdAt` is then only its first day, for ordering. */
  listedEra: string | null
}

// GitHub: owner is alphanumerics and inner hyphens; a repository name is [A-Za-z0-9._-], not . or ..
const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/(?!\.\.?$)[A-Za-z0-9._-]+$/
const ISSUE_REFERENCE = /^([^#]+)#[1-9][0-9]*$/
const COMMIT = /^[0-9a-f]{40}$/
const OLD_SCALE_MAX = 3

const isRepo = (value: string) => REPO.test(value)
const isIssueReference = (value: string) => {
  const repo = ISSUE_REFERENCE.exec(value)?.[1]
  return repo !== undefined && isRepo(repo)
}

// Checked, never trimmed: text is copied verbatim.
const text = z.string().refine((value) => value.trim() !== '', 'must not be empty')
const domain = z.enum(MIRAGE_DOMAINS, {
  errorMap: (issue, context) => ({
    message:
      issue.code === z.ZodIssueCode.invalid_enum_value
        ? `unknown domain ${JSON.stringify(context.data)} (expected one of ${MIRAGE_DOMAINS.join(', ')})`
        : context.defaultError,
  }),
})
const repo = z.string().refine(isRepo, (value) => ({
  message: `repository ${JSON.stringify(value)} is not written owner/name`,
}))
const issueReference = z.string().refine(isIssueReference, (value) => ({
  message: `issue ${JSON.stringify(value)} is not written owner/repo#N`,
}))
const commit = z.string().regex(COMMIT, 'must be a full 40-character commit hash')
const url = z.string().url().startsWith('https://', 'must be an https:// URL')

const provenance = {
  source_repo: repo.nullable(),
  source_path: text.nullable(),
  source_commit: commit.nullable(),
  source_url: url.nullable(),
}

type Location = {
  source_repo?: string | null
  source_path?: string | null
  source_commit?: string | null
  source_url?: string | null
}

// Every record must point somewhere a reader can check: a URL, or a file pinned to a commit.
function requireLocation(value: Location, context: z.RefinementCtx) {
  if (!value.source_url && !pinnedFile(value)) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'needs source_url or all of source_repo, source_path and source_commit',
    })
  }
}

const AdditionalSourceSchema = z
  .object({
    source_repo: repo.optional(),
    source_path: text.optional(),
    source_commit: commit.optional(),
    source_url: url.optional(),
    note: text.optional(),
  })
  .superRefine(requireLocation)

const SourceProjectSchema = z
  .object({
    id: z.string().regex(/^pp-[0-9]{2,}$/, 'must look like pp-NN'),
    title: text,
    summary: text,
    stars: z.number().int().positive().nullable(),
    stars_note: text.nullable(),
    domain,
    secondary_domains: z.array(domain),
    mentors: z.array(text),
    contacts: z.array(text),
    repos: z.array(repo),
    related_issues: z.array(issueReference),
    status: text,
    tags: z.array(text),
    era: z.string().regex(/^[0-9]{4}(?:-[0-9]{4})?$/, 'must be a year or a range like 2015-2017'),
    origin: text,
    ...provenance,
    additional_sources: z.array(AdditionalSourceSchema),
  })
  .superRefine(requireLocation)

export type SourceProject = z.infer<typeof SourceProjectSchema>

/** A source that cannot be converted; `problems` has one line per problem, naming the project. */
export class InvalidPioneerProjectsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid pioneer projects source:\n${problems.map((line) => `- ${line}`).join('\n')}`)
    this.name = 'InvalidPioneerProjectsError'
  }
}

/** Checks the whole source and returns its projects, or throws listing every problem found. */
export function parsePioneerProjects(source: unknown): SourceProject[] {
  if (!Array.isArray(source)) {
    throw new InvalidPioneerProjectsError(['the source must be a JSON array of projects'])
  }
  const problems: string[] = []
  const projects: SourceProject[] = []
  const firstPosition = new Map<string, number>()
  source.forEach((item: unknown, index) => {
    const position = index + 1
    const rawId = (item as { id?: unknown } | null)?.id
    const name = typeof rawId === 'string' && rawId ? rawId : `project #${position} (no id)`
    const parsed = SourceProjectSchema.safeParse(item)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length ? `${issue.path.join('.')}: ` : ''
        problems.push(`${name}: ${field}${issue.message}`)
      }
    } else {
      projects.push(parsed.data)
    }
    if (typeof rawId === 'string') {
      const first = firstPosition.get(rawId)
      if (first === undefined) firstPosition.set(rawId, position)
      else problems.push(`${name}: duplicate id (projects #${first} and #${position})`)
    }
  })
  if (problems.length) throw new InvalidPioneerProjectsError(problems)
  return projects
}

/** Maps a free-text historical status to the board's status; the header lists the rules. */
export function mapStatus(status: string): StarterProjectStatus {
  const lower = status.trim().toLowerCase()
  if (/^done\b/.test(lower) || /\b(?:upstreamed|released)\b/.test(lower)) return 'done'
  if (/^inactive\b/.test(lower) || /\b(?:considered, not added|listing removed)\b/.test(lower)) {
    return 'inactive'
  }
  return 'open'
}

function isRealDate(year: number, month: number, day: number) {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function datesInOrigin(project: Pick<SourceProject, 'origin'>) {
  return [...project.origin.matchAll(/\b([0-9]{4})-([0-9]{2})-([0-9]{2})\b/g)]
    .filter(([, year, month, day]) => isRealDate(Number(year), Number(month), Number(day)))
    .map(([date]) => date)
    .sort()
}

/** The earliest real date written in `origin`, else January 1 of the era's first year. */
export function createdAtFor(project: Pick<SourceProject, 'origin' | 'era'>): string {
  const day = datesInOrigin(project)[0] ?? `${project.era.slice(0, 4)}-01-01`
  return `${day}T00:00:00Z`
}

/**
 * The era, when `origin` gives no day: the board then shows "listed in 2016-2018", not the
 * January 1 that `createdAt` holds only so projects can be ordered. Null when the day is known.
 */
export function listedEraFor(project: Pick<SourceProject, 'origin' | 'era'>): string | null {
  return datesInOrigin(project).length > 0 ? null : project.era
}

/** Visible history: the old rating (never mapped to ours) and the status as the notes put it. */
export function legacyNoteFor(
  project: Pick<SourceProject, 'stars' | 'stars_note' | 'status'>,
): string {
  const lines: string[] = []
  const why = project.stars_note ? ` — ${project.stars_note}` : ''
  if (project.stars !== null) {
    const outside = project.stars > OLD_SCALE_MAX ? ' (outside it)' : ''
    lines.push(
      `Historical rating: ${project.stars}★ on the old single 1-${OLD_SCALE_MAX}★ scale${outside}${why}`,
    )
  } else if (project.stars_note) {
    lines.push(`No historical rating: ${project.stars_note}`)
  }
  lines.push(`Status in the notes: ${project.status}`)
  return lines.join('\n\n')
}

function githubBlobUrl(repository: string, file: string, commitHash: string) {
  const encodedPath = file.split('/').map(encodeURIComponent).join('/')
  return `https://github.com/${repository}/blob/${commitHash}/${encodedPath}`
}

function pinnedFile({ source_repo, source_path, source_commit }: Location) {
  return source_repo && source_path && source_commit
    ? { repository: source_repo, file: source_path, commitHash: source_commit }
    : null
}

function sourceLinks(source: Location): string[] {
  const links: string[] = []
  const pinned = pinnedFile(source)
  if (pinned) {
    const url = githubBlobUrl(pinned.repository, pinned.file, pinned.commitHash)
    links.push(`${pinned.repository}: ${pinned.file} ${url}`)
  }
  if (source.source_url) links.push(source.source_url)
  return links
}

/**
 * Plain text for where the entry came from: its origin and era, the contacts and tags it names,
 * and a link to every source. It is provenance, not a reading guide, and says so.
 */
export function sourceNoteFor(project: SourceProject): string {
  const lines = [`Source: ${project.origin} (${project.era})`]
  if (project.contacts.length) lines.push(`Contacts it names: ${project.contacts.join(', ')}`)
  if (project.tags.length) lines.push(`Tags it gives: ${project.tags.join(', ')}`)
  const links = [
    ...sourceLinks(project).map((link) => `- ${link}`),
    ...project.additional_sources.flatMap((source) => {
      const note = source.note ? ` — ${source.note}` : ''
      return sourceLinks(source).map((link) => `- ${link}${note}`)
    }),
  ]
  return [...lines, ...links].join('\n')
}

/** Converts the whole source (checked first) into demo starter projects, in source order. */
export function convertPioneerProjects(source: unknown): StarterProjectSeed[] {
  return parsePioneerProjects(source).map((project) => ({
    key: project.id,
    title: project.title,
    summary: project.summary,
    primaryDomain: project.domain,
    secondaryDomains: project.secondary_domains,
    languageStars: null,
    domainStars: null,
    size: null,
    status: mapStatus(project.status),
    mentors: project.mentors,
    repos: project.repos,
    relatedIssues: project.related_issues,
    readFirst: '',
    legacyNote: `${legacyNoteFor(project)}\n\n${sourceNoteFor(project)}`,
    createdAt: createdAtFor(project),
    listedEra: listedEraFor(project),
  }))
}

/** The committed file's exact text. */
export function serializeStarterProjects(projects: StarterProjectSeed[]): string {
  return JSON.stringify(projects, null, 2) + '\n'
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_SOURCE_PATH = path.resolve(root, '../shared/mirage/pioneer-projects.json')
export const DEFAULT_OUTPUT_PATH = path.resolve(root, 'db/seed/mirage/starter-projects.json')

const isEntryPoint =
  process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)

if (isEntryPoint) {
  runMain(async () => {
    const sourcePath = path.resolve(process.argv[2] ?? DEFAULT_SOURCE_PATH)
    const outputPath = path.resolve(process.argv[3] ?? DEFAULT_OUTPUT_PATH)
    let source: unknown
    try {
      source = JSON.parse(readFileSync(sourcePath, 'utf8'))
    } catch (error) {
      throw new Error(
        `Cannot read ${sourcePath}: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    const projects = convertPioneerProjects(source)
    writeFileSync(outputPath, serializeStarterProjects(projects))
    const counts = (['open', 'done', 'inactive'] as const)
      .map(
        (status) => `${projects.filter((project) => project.status === status).length} ${status}`,
      )
      .join(', ')
    console.log(
      `Wrote ${projects.length} starter projects (${counts}) to ${path.relative(process.cwd(), outputPath)}`,
    )
  })
}
