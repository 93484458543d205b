import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { IssuePayload, LabelPayload, RepositoryPayload } from '../../app/github/map'

import { apportion, createRandom, createWeightedPicker, zipfWeights, type Random } from './random'

// A synthetic GitHub organisation, as REST payloads, for the benchmark. Sizes, proportions and
// skews are chosen to look like a busy organisation: a few big repositories and a long tail,
// a few prolific authors and many one-off contributors, labels dominated by bug/enhancement, and
// eight years of history so the stale view has plenty to show.

export type GenerateOptions = {
  issues: number
  repos: number
  seed: number
  /** The end of the generated history; the first issues are about eight years older. */
  now: Date
  authors?: number
}

export const ORGANISATION = 'pioneer-bench'
/** Planted in about 0.1% of the issues and nowhere else: the "selective text search". */
export const RARE_WORD = 'quokkaflux'
export const RARE_WORD_SHARE = 0.001
const HISTORY_YEARS = 8
const DAY_MS = 24 * 60 * 60 * 1000
const YEAR_MS = 365.25 * DAY_MS
const OPEN_SHARE = 0.3
const PULL_REQUEST_SHARE = 0.35

const GENERIC_WORDS = `
  api build cache cli client compiler config connection crash database debug dependency deploy
  deprecated docker documentation endpoint error exception feature flaky function handler header
  index install integration interface kernel latency library linux lock logging macos memory
  merge metrics migration module network null option package parser patch performance plugin
  pointer port process protocol proxy query queue race refactor regression release request
  resolver response runtime schema security server session socket stack storage stream support
  sync test thread timeout token trace type unicode update upgrade upload validation version
  warning websocket windows worker wrapper yaml json timezone encoding overflow panic segfault
  benchmark coverage changelog readme tutorial example typo link broken missing slow fast
  allocation buffer callback channel checksum cluster concurrency container cursor daemon
  deadlock driver event field format garbage graph hash heap iterator journal lexer listener
  manifest mutex namespace offset pagination payload pipeline pool registry replica retry router
  scheduler shard signal snapshot tarball template tenant throttle transaction tree vector
`
  .split(/\s+/)
  .filter(Boolean)

const TITLE_VERBS = [
  'Fix',
  'Add',
  'Remove',
  'Update',
  'Support',
  'Improve',
  'Refactor',
  'Document',
  'Handle',
  'Avoid',
  'Use',
  'Allow',
  'Expose',
  'Deprecate',
  'Port',
  'Bump',
  'Clarify',
  'Speed up',
]
const ISSUE_OPENERS = ['Crash when', 'Cannot', 'Error in', 'Question about', 'Unexpected', 'How to']

const REPOSITORY_PREFIXES = [
  'core',
  'net',
  'web',
  'data',
  'cloud',
  'auth',
  'build',
  'cli',
  'docs',
  'ui',
  'api',
  'sync',
  'cache',
  'queue',
  'stream',
  'crypto',
  'storage',
  'search',
  'metrics',
  'config',
]
const REPOSITORY_SUFFIXES = [
  'server',
  'client',
  'kit',
  'lib',
  'tools',
  'engine',
  'bridge',
  'gateway',
  'sdk',
  'agent',
  'store',
  'runner',
]

type LabelSpec = { name: string; color: string; weight: number; description: string | null }

// GitHub's default labels plus the kinds most organisations add. Weights are relative frequencies.
const DEFAULT_LABELS: LabelSpec[] = [
  { name: 'bug', color: 'd73a4a', weight: 26, description: "Something isn't working" },
  { name: 'enhancement', color: 'a2eeef', weight: 20, description: 'New feature or request' },
  { name: 'documentation', color: '0075ca', weight: 8, description: 'Improvements or additions' },
  { name: 'question', color: 'd876e3', weight: 6, description: 'Further information is requested' },
  { name: 'help wanted', color: '008672', weight: 7, description: 'Extra attention is needed' },
  { name: 'good first issue', color: '7057ff', weight: 4, description: 'Good for newcomers' },
  { name: 'duplicate', color: 'cfd3d7', weight: 2, description: 'This issue already exists' },
  { name: 'invalid', color: 'e4e669', weight: 1, description: "This doesn't seem right" },
  { name: 'wontfix', color: 'ffffff', weight: 2, description: 'This will not be worked on' },
]
const EXTRA_LABELS: LabelSpec[] = [
  { name: 'needs triage', color: 'fbca04', weight: 6, description: null },
  { name: 'priority/high', color: 'b60205', weight: 3, description: null },
  { name: 'priority/low', color: 'c2e0c6', weight: 3, description: null },
  {
    name: 'dependencies',
    color: '0366d6',
    weight: 4,
    description: 'Pull requests that update a dependency',
  },
]
const AREAS = [
  'api',
  'build',
  'ci',
  'cli',
  'core',
  'docs',
  'networking',
  'performance',
  'security',
  'storage',
  'testing',
  'ui',
]
// How many labels an issue carries: 0 to 4, mostly one or none.
const LABEL_COUNT_WEIGHTS = [30, 36, 20, 9, 5]

export type SyntheticRepository = {
  payload: RepositoryPayload
  labels: LabelPayload[]
  labelWeights: number[]
  issueCount: number
  /** When its first issue was opened. */
  bornAt: number
}

export type GenerationStats = {
  issues: number
  pullRequests: number
  open: number
  labelLinks: number
  withRareWord: number
  authorCounts: Map<string, number>
  labelCounts: Map<string, number>
  repositoryCounts: Map<string, number>
}

export type SyntheticOrganisation = {
  options: GenerateOptions
  repositories: SyntheticRepository[]
  authors: string[]
  stats: GenerationStats
}

let cachedVocabulary: { words: string[]; weights: number[] } | undefined

/** Words of the MirageOS demo issues (weighted by how often they occur) plus software words. */
export function loadVocabulary() {
  if (cachedVocabulary) return cachedVocabulary
  const file = fileURLToPath(new URL('../../db/seed/mirage/issues.json', import.meta.url))
  const demo = JSON.parse(readFileSync(file, 'utf8')) as Record<string, IssuePayload[]>
  const counts = new Map<string, number>()
  const ignored = new Set(['https', 'www', 'com', 'demo', 'excerpt'])
  for (const issue of Object.values(demo).flat()) {
    // The converter appends a note after a rule; it is not part of the issue's text.
    const text = `${issue.title} ${(issue.body ?? '').split('\n---\n')[0]}`.toLowerCase()
    for (const word of text.match(/[a-z][a-z0-9_]{2,19}/g) ?? []) {
      if (!ignored.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1)
    }
  }
  for (const word of GENERIC_WORDS) counts.set(word, (counts.get(word) ?? 0) + 4)
  if (counts.has(RARE_WORD)) throw new Error(`the rare word "${RARE_WORD}" is in the vocabulary`)
  cachedVocabulary = { words: [...counts.keys()], weights: [...counts.values()] }
  return cachedVocabulary
}

function repositoryName(index: number) {
  const combinations = REPOSITORY_PREFIXES.length * REPOSITORY_SUFFIXES.length
  const base = index % combinations
  const prefix = REPOSITORY_PREFIXES[base % REPOSITORY_PREFIXES.length]!
  const suffix = REPOSITORY_SUFFIXES[Math.floor(base / REPOSITORY_PREFIXES.length)]!
  const round = Math.floor(index / combinations)
  return round === 0 ? `${prefix}-${suffix}` : `${prefix}-${suffix}-${round + 1}`
}

function authorLogins(count: number, random: Random) {
  const syllables = ['ka', 'ri', 'to', 'mu', 'se', 'lo', 'an', 'de', 'vi', 'no', 'ha', 'zu', 'el']
  const logins = new Set<string>()
  while (logins.size < count) {
    let login = ''
    for (let i = random.int(2, 4); i > 0; i--) login += random.pick(syllables)
    if (random.chance(0.3)) login += `-${random.pick(['dev', 'io', 'hq', 'oss', 'codes'])}`
    if (random.chance(0.4)) login += String(random.int(1, 999))
    logins.add(login)
  }
  return [...logins]
}

function labelsFor(repositoryIndex: number, random: Random) {
  const specs = [...DEFAULT_LABELS, ...EXTRA_LABELS.filter(() => random.chance(0.6))]
  const areaCount = random.int(2, 8)
  const areas = random.shuffle(AREAS).slice(0, areaCount)
  for (const area of areas) {
    specs.push({ name: `area/${area}`, color: 'bfdadc', weight: 12 / areaCount, description: null })
  }
  // Some teams capitalise their labels; the board matches label names case-insensitively.
  const capitalise = random.chance(0.1)
  const labels: LabelPayload[] = specs.map((spec, index) => ({
    id: 600_000_000 + repositoryIndex * 100 + index,
    name: capitalise ? spec.name.replace(/\b[a-z]/g, (letter) => letter.toUpperCase()) : spec.name,
    color: spec.color,
    description: spec.description,
  }))
  return { labels, weights: specs.map((spec) => spec.weight) }
}

function emptyStats(): GenerationStats {
  return {
    issues: 0,
    pullRequests: 0,
    open: 0,
    labelLinks: 0,
    withRareWord: 0,
    authorCounts: new Map(),
    labelCounts: new Map(),
    repositoryCounts: new Map(),
  }
}

/** The repositories, their labels and how many issues each gets; issues come from generateIssues. */
export function createOrganisation(options: GenerateOptions): SyntheticOrganisation {
  const random = createRandom(options.seed)
  const authors = authorLogins(options.authors ?? 2000, random)
  const counts = apportion(options.issues, zipfWeights(options.repos, 0.9))
  // Shuffle so the biggest repository is not always the first one alphabetically.
  const order = random.shuffle(counts.map((_, index) => index))
  const historyStart = options.now.getTime() - HISTORY_YEARS * YEAR_MS
  const repositories = order.map((rank, index): SyntheticRepository => {
    const name = repositoryName(index)
    const fullName = `${ORGANISATION}/${name}`
    const { labels, weights } = labelsFor(index, random)
    const bornAt = historyStart + random.next() * 6 * YEAR_MS * (rank === 0 ? 0 : 1)
    return {
      payload: {
        id: 500_000_000 + index,
        name,
        full_name: fullName,
        owner: { login: ORGANISATION },
        description: `The ${name.replace('-', ' ')} of the Pioneer benchmark organisation.`,
        html_url: `https://github.com/${fullName}`,
        private: false,
        fork: random.chance(0.02),
        archived: random.chance(0.03),
        pushed_at: new Date(options.now.getTime() - random.exponential(20) * DAY_MS).toISOString(),
      },
      labels,
      labelWeights: weights,
      issueCount: counts[rank]!,
      bornAt,
    }
  })
  return { options, repositories, authors, stats: emptyStats() }
}

function createTextGenerator(random: Random) {
  const vocabulary = loadVocabulary()
  const word = createWeightedPicker(vocabulary.words, vocabulary.weights)
  const words = (min: number, max: number) =>
    Array.from({ length: random.int(min, max) }, () => word(random)).join(' ')
  const sentence = () => {
    const text = words(5, 18)
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const paragraph = () => Array.from({ length: random.int(1, 4) }, sentence).join(' ')
  return {
    title(isPullRequest: boolean) {
      if (!isPullRequest && random.chance(0.3))
        return `${random.pick(ISSUE_OPENERS)} ${words(2, 7)}`
      return `${random.pick(TITLE_VERBS)} ${words(2, 8)}`
    },
    body() {
      const parts = Array.from({ length: random.int(1, 4) }, paragraph)
      if (random.chance(0.25)) {
        parts.push(`\`\`\`\n${word(random)}.${word(random)}(${word(random)}) failed\n\`\`\``)
      }
      if (random.chance(0.2)) parts.push(`See also #${random.int(1, 2000)}.`)
      return parts.join('\n\n')
    },
  }
}

function plantRareWord(text: string, random: Random) {
  const words = text.split(' ')
  words.splice(random.int(1, words.length), 0, RARE_WORD)
  return words.join(' ')
}

// GitHub sets a reason on closed issues, and on open ones that were closed and reopened.
function stateReason(isOpen: boolean, random: Random) {
  if (isOpen) return random.chance(0.03) ? 'reopened' : null
  return random.chance(0.8) ? 'completed' : 'not_planned'
}

const iso = (time: number) => new Date(Math.floor(time / 1000) * 1000).toISOString()

/**
 * Every issue and pull request of the organisation, repository by repository, each numbered in
 * the order it was opened. Fills `organisation.stats` as it goes.
 */
export function* generateIssues(
  organisation: SyntheticOrganisation,
): Generator<{ repositoryId: number; payload: IssuePayload }> {
  const { options, repositories, authors, stats } = organisation
  const random = createRandom(options.seed ^ 0x5bd1e995)
  const text = createTextGenerator(random)
  const pickAuthor = createWeightedPicker(authors, zipfWeights(authors.length, 1.05))
  const maintainers = authors.slice(0, 50)
  const rareCount = Math.max(1, Math.round(options.issues * RARE_WORD_SHARE))
  const rare = new Set<number>()
  while (rare.size < Math.min(rareCount, options.issues))
    rare.add(random.int(0, options.issues - 1))
  const now = options.now.getTime()
  let issueIndex = 0

  for (const repository of repositories) {
    const repositoryId = Number(repository.payload.id)
    const pickLabel = createWeightedPicker(repository.labels, repository.labelWeights)
    // More activity lately than years ago: opening times grow exponentially denser towards now.
    const span = now - repository.bornAt
    const openedAt = Array.from({ length: repository.issueCount }, () => {
      const growth = 1.2
      const u = Math.log(1 + random.next() * (Math.exp(growth) - 1)) / growth
      return repository.bornAt + u * span
    }).sort((a, b) => a - b)

    for (const [position, createdAt] of openedAt.entries()) {
      const number = position + 1
      const isPullRequest = random.chance(PULL_REQUEST_SHARE)
      const isOpen = random.chance(OPEN_SHARE)
      let updatedAt: number
      let closedAt: number | null = null
      if (isOpen) {
        // Most open items went quiet long ago; some got a recent nudge.
        updatedAt = random.chance(0.2)
          ? now - random.exponential(30) * DAY_MS
          : createdAt + random.exponential(90) * DAY_MS
      } else {
        closedAt = Math.min(now, createdAt + random.exponential(isPullRequest ? 12 : 60) * DAY_MS)
        updatedAt = random.chance(0.2) ? closedAt + random.exponential(30) * DAY_MS : closedAt
      }
      updatedAt = Math.min(now, Math.max(createdAt, updatedAt))

      const labelCount = createWeightedPicker([0, 1, 2, 3, 4], LABEL_COUNT_WEIGHTS)(random)
      const labels = new Map<number, LabelPayload>()
      for (let attempt = 0; labels.size < labelCount && attempt < 20; attempt++) {
        const label = pickLabel(random)
        labels.set(Number(label.id), label)
      }

      let title = text.title(isPullRequest)
      let body: string | null = random.chance(0.05) ? null : text.body()
      if (rare.has(issueIndex)) {
        if (body === null || random.chance(0.3)) title = plantRareWord(title, random)
        else body = plantRareWord(body, random)
        stats.withRareWord += 1
      }

      const author = random.chance(0.002) ? null : pickAuthor(random)
      const assignees = random.chance(0.25)
        ? [...new Set([random.pick(maintainers), random.pick(maintainers)])]
            .slice(0, random.int(1, 2))
            .map((login) => ({ login }))
        : []
      const comments = Math.floor(
        random.exponential(2.5) + (random.chance(0.05) ? random.exponential(25) : 0),
      )
      const kind = isPullRequest ? 'pull' : 'issues'

      const payload: IssuePayload = {
        id: 700_000_000 + issueIndex,
        number,
        title,
        body,
        state: isOpen ? 'open' : 'closed',
        state_reason: isPullRequest ? null : stateReason(isOpen, random),
        html_url: `${repository.payload.html_url}/${kind}/${number}`,
        comments,
        created_at: iso(createdAt),
        updated_at: iso(updatedAt),
        closed_at: closedAt === null ? null : iso(closedAt),
        user: author === null ? null : { login: author },
        assignees,
        labels: [...labels.values()],
        pull_request: isPullRequest
          ? { merged_at: closedAt !== null && random.chance(0.75) ? iso(closedAt) : null }
          : undefined,
        reactions: { '+1': random.chance(0.15) ? 1 + Math.floor(random.exponential(3)) : 0 },
      }

      stats.issues += 1
      if (isPullRequest) stats.pullRequests += 1
      if (isOpen) stats.open += 1
      stats.labelLinks += labels.size
      if (author !== null) stats.authorCounts.set(author, (stats.authorCounts.get(author) ?? 0) + 1)
      for (const label of labels.values()) {
        const key = label.name.toLowerCase()
        stats.labelCounts.set(key, (stats.labelCounts.get(key) ?? 0) + 1)
      }
      stats.repositoryCounts.set(repository.payload.full_name, number)
      issueIndex += 1
      yield { repositoryId, payload }
    }
  }
}
