/**
 * Converts ../shared/mirage/issues.json (a flat summary of 99 real MirageOS issues and pull
 * requests) once into GitHub REST-shaped fixtures under db/seed/mirage/. Run it again only when
 * the source changes: `npm run demo:convert`. The output is committed and byte-for-byte
 * deterministic.
 *
 * What the source lacks is filled in deterministically, and nothing else is invented:
 * - ids (repository, issue, label, user) are the first 48 bits of sha256 of a stable key, so they
 *   never change between runs and never collide with each other in practice;
 * - label colours use GitHub's defaults for its default labels, otherwise a colour derived from
 *   sha256 of the name; label descriptions stay null;
 * - `created_at`: the recorded date at 12:00 UTC; when it is missing, interpolated by issue number
 *   between the nearest dated issues of the same repository (numbers grow with time), else the
 *   date of the quoted comment; `updated_at` (never recorded) is the later of `created_at` and
 *   the quoted comment's date; a pull request's `merged_at` equals `updated_at` (the mirror reads
 *   it as "merged", a fact the source records); `closed_at` stays null: the source never records
 *   when an issue was closed, and the board shows a closed issue without one as "closed, date
 *   unknown" instead of plotting a made-up closing day (an effort's burn-up, the issue page);
 * - the body is the verbatim excerpt followed by a line saying where it came from;
 * - unknown authors stay `user: null`, counts of comments and reactions stay 0. The demo loader
 *   marks these repositories `history_recorded = false`, so pages say "not recorded" for those
 *   counts and "or later" for `updated_at` instead of showing them as facts.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

type SourceIssue = {
  repo: string
  number: number
  url: string
  title: string
  state: 'open' | 'closed' | 'merged'
  is_pull_request: boolean
  labels: string[]
  author: string | null
  created: string | null
  body_excerpt: string | null
  body_excerpt_truncated: boolean
  excerpt_from: string | null
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const sourcePath = process.argv[2] ?? path.resolve(root, '../shared/mirage/issues.json')
const outDir = path.resolve(root, 'db/seed/mirage')
const API = 'https://api.github.com'

// GitHub's colours for the labels it creates in every new repository.
const GITHUB_DEFAULT_COLOURS: Record<string, string> = {
  bug: 'd73a4a',
  documentation: '0075ca',
  duplicate: 'cfd3d7',
  enhancement: 'a2eeef',
  'good first issue': '7057ff',
  'help wanted': '008672',
  invalid: 'e4e669',
  question: 'd876e3',
  wontfix: 'ffffff',
}

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex')
const stableId = (key: string) => parseInt(sha256(key).slice(0, 12), 16)
const colourFor = (name: string) =>
  GITHUB_DEFAULT_COLOURS[name.toLowerCase()] ?? sha256(name).slice(0, 6)
const atNoon = (date: string) => `${date}T12:00:00Z`
const DAY_MS = 86_400_000

function commentDate(issue: SourceIssue): string | null {
  return issue.excerpt_from?.match(/\b(\d{4}-\d{2}-\d{2})\b/)?.[1] ?? null
}

function createdDates(issues: SourceIssue[]): Map<SourceIssue, string> {
  const dates = new Map<SourceIssue, string>()
  for (const repo of new Set(issues.map((issue) => issue.repo))) {
    const repoIssues = issues.filter((issue) => issue.repo === repo)
    const dated = repoIssues.filter((issue) => issue.created).sort((a, b) => a.number - b.number)
    for (const issue of repoIssues) {
      if (issue.created) {
        dates.set(issue, atNoon(issue.created))
        continue
      }
      const before = dated.findLast((other) => other.number < issue.number)
      const after = dated.find((other) => other.number > issue.number)
      let estimate: number | null = null
      if (before && after) {
        const from = Date.parse(atNoon(before.created!))
        const to = Date.parse(atNoon(after.created!))
        const share = (issue.number - before.number) / (after.number - before.number)
        estimate = Math.round((from + (to - from) * share) / DAY_MS) * DAY_MS + DAY_MS / 2
      } else if (before || after) {
        estimate = Date.parse(atNoon((before ?? after)!.created!))
      }
      const comment = commentDate(issue)
      const commentTime = comment ? Date.parse(atNoon(comment)) : null
      // An issue cannot be younger than a comment on it.
      const time =
        estimate !== null && commentTime !== null
          ? Math.min(estimate, commentTime)
          : (estimate ?? commentTime ?? Date.parse(atNoon('2015-01-01')))
      dates.set(issue, new Date(time).toISOString().replace('.000Z', 'Z'))
    }
  }
  return dates
}

function user(login: string) {
  const id = stableId(`user:${login}`)
  return {
    login,
    id,
    node_id: `U_demo${id}`,
    avatar_url: `https://avatars.githubusercontent.com/${login}`,
    gravatar_id: '',
    url: `${API}/users/${login}`,
    html_url: `https://github.com/${login}`,
    type: 'User',
    site_admin: false,
  }
}

function label(repo: string, name: string) {
  const id = stableId(`label:${repo}:${name.toLowerCase()}`)
  return {
    id,
    node_id: `LA_demo${id}`,
    url: `${API}/repos/${repo}/labels/${encodeURIComponent(name)}`,
    name,
    color: colourFor(name),
    default: name.toLowerCase() in GITHUB_DEFAULT_COLOURS,
    description: null,
  }
}

function body(issue: SourceIssue): string | null {
  if (!issue.body_excerpt) return null
  const more = issue.body_excerpt_truncated ? ' (truncated)' : ''
  return `${issue.body_excerpt}\n\n---\n_Demo excerpt${more}, from the ${issue.excerpt_from ?? 'issue'}; the full thread is on GitHub._`
}

function convert(source: SourceIssue[]) {
  const created = createdDates(source)
  const repoNames = [...new Set(source.map((issue) => issue.repo))].sort()

  const repositories = repoNames.map((fullName) => {
    const [owner, name] = fullName.split('/') as [string, string]
    const id = stableId(`repository:${fullName}`)
    return {
      id,
      node_id: `R_demo${id}`,
      name,
      full_name: fullName,
      owner: { ...user(owner), type: 'Organization' },
      private: false,
      html_url: `https://github.com/${fullName}`,
      description: null,
      fork: false,
      url: `${API}/repos/${fullName}`,
      archived: false,
      disabled: false,
      visibility: 'public',
      default_branch: 'main',
      has_issues: true,
      pushed_at: null,
    }
  })

  const labels = Object.fromEntries(
    repoNames.map((repo) => {
      const names = [...new Set(source.filter((i) => i.repo === repo).flatMap((i) => i.labels))]
      return [repo, names.sort().map((name) => label(repo, name))]
    }),
  )

  const issues = Object.fromEntries(
    repoNames.map((repo) => {
      const items = source
        .filter((issue) => issue.repo === repo)
        .sort((a, b) => b.number - a.number)
        .map((issue) => {
          const id = stableId(`issue:${repo}#${issue.number}`)
          const createdAt = created.get(issue)!
          const comment = commentDate(issue)
          const updatedAt = comment && atNoon(comment) > createdAt ? atNoon(comment) : createdAt
          const isClosed = issue.state !== 'open'
          const apiUrl = `${API}/repos/${repo}/issues/${issue.number}`
          return {
            id,
            node_id: `I_demo${id}`,
            url: apiUrl,
            repository_url: `${API}/repos/${repo}`,
            labels_url: `${apiUrl}/labels{/name}`,
            comments_url: `${apiUrl}/comments`,
            events_url: `${apiUrl}/events`,
            html_url: issue.url,
            number: issue.number,
            state: isClosed ? 'closed' : 'open',
            state_reason: null,
            title: issue.title,
            body: body(issue),
            user: issue.author ? user(issue.author) : null,
            labels: issue.labels.map((name) => label(repo, name)),
            assignee: null,
            assignees: [],
            milestone: null,
            locked: false,
            active_lock_reason: null,
            comments: 0,
            ...(issue.is_pull_request
              ? {
                  pull_request: {
                    url: `${API}/repos/${repo}/pulls/${issue.number}`,
                    html_url: issue.url,
                    diff_url: `${issue.url}.diff`,
                    patch_url: `${issue.url}.patch`,
                    merged_at: issue.state === 'merged' ? updatedAt : null,
                  },
                }
              : {}),
            closed_at: null,
            created_at: createdAt,
            updated_at: updatedAt,
            author_association: 'NONE',
            reactions: {
              url: `${apiUrl}/reactions`,
              total_count: 0,
              '+1': 0,
              '-1': 0,
              laugh: 0,
              hooray: 0,
              confused: 0,
              heart: 0,
              rocket: 0,
              eyes: 0,
            },
          }
        })
      return [repo, items]
    }),
  )

  return { repositories, labels, issues }
}

const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as SourceIssue[]
const { repositories, labels, issues } = convert(source)
for (const [file, data] of Object.entries({ repositories, labels, issues })) {
  writeFileSync(path.join(outDir, `${file}.json`), JSON.stringify(data, null, 2) + '\n')
}
console.log(
  `Wrote ${repositories.length} repositories, ${Object.values(issues).flat().length} issues and ${Object.values(labels).flat().length} labels to ${path.relative(process.cwd(), outDir)}/`,
)
