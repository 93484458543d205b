import { createInterface } from 'node:readline'

import { createFakeGitHub } from '../../test/fake-github/server'
import type { StateReason } from '../../test/fake-github/state'

import { createOrganisation, generateIssues } from './generate'
import { createRandom } from './random'

// The fake GitHub of the sync benchmark, in a process of its own so that the 100,000 issues it
// holds do not count towards the memory of the process being measured. Started by sync.ts as
//
//   node --import tsx scripts/bench/fake-github-process.ts '{"issues":N,"repos":N,...}'
//
// it populates the fake with the benchmark's synthetic organisation, prints one JSON line
// ({ ready: true, url, ... }), then answers JSON-line commands on stdin with JSON lines on stdout:
//   { id, command: 'counters' }              -> the request counters and the fake's CPU seconds
//                                               since the last 'clear'
//   { id, command: 'clear' }                 -> empties the request log, restarts the CPU count
//   { id, command: 'change', repository, count } -> updates `count` issues, one second apart
// It exits when stdin closes, so it never outlives the benchmark.

export type FakeGitHubSetup = {
  issues: number
  repos: number
  seed: number
  /** End of the generated history (epoch ms), and the fake clock's time. */
  now: number
  token: string
}

export type FakeGitHubReady = {
  ready: true
  url: string
  /** Repository full names, each with its issue count. */
  repositories: { fullName: string; issues: number }[]
  issues: number
  pullRequests: number
  labelLinks: number
  populateSeconds: number
  rssBytes: number
}

export type FakeGitHubCommand =
  | { id: number; command: 'counters' }
  | { id: number; command: 'clear' }
  | { id: number; command: 'change'; repository: string; count: number }

async function main() {
  const setup = JSON.parse(process.argv[2] ?? '{}') as FakeGitHubSetup
  const started = performance.now()
  const now = new Date(setup.now)
  const organisation = createOrganisation({
    issues: setup.issues,
    repos: setup.repos,
    seed: setup.seed,
    now,
  })
  // A budget the benchmark never exhausts: it measures the sync, not waiting for a reset.
  const github = await createFakeGitHub({
    tokens: [setup.token],
    now,
    rateLimit: { limit: 1_000_000 },
  })
  const fullNames = new Map<number, string>()
  for (const repository of organisation.repositories) {
    const { payload } = repository
    fullNames.set(payload.id, payload.full_name)
    github.addRepository(payload.full_name, {
      id: payload.id,
      description: payload.description,
      fork: payload.fork,
      archived: payload.archived,
      createdAt: repository.bornAt,
      pushedAt: payload.pushed_at ?? undefined,
    })
    for (const label of repository.labels) {
      github.addLabel(payload.full_name, {
        id: label.id,
        name: label.name,
        color: label.color,
        description: label.description,
      })
    }
  }
  // The generator's own timestamps: eight years of history, denser lately, with items updated
  // long after they were opened, so pages mix old and new the way a real repository does. It caps
  // them at `now`, which piles about 1% of the items onto that one second; spread those over the
  // last days instead, or a sweep `since` the watermark would re-read a page of them every time.
  const random = createRandom(setup.seed ^ 0x2545f491)
  const capped = new Date(Math.floor(setup.now / 1000) * 1000).toISOString()
  const spread = (createdAt: string, at: string) =>
    at === capped
      ? new Date(
          Math.max(Date.parse(createdAt), setup.now - random.exponential(3) * 86_400_000),
        ).toISOString()
      : at
  for (const { repositoryId, payload } of generateIssues(organisation)) {
    const updatedAt = spread(payload.created_at, payload.updated_at)
    const atUpdate = (at: string | null | undefined) => (at === capped ? updatedAt : (at ?? null))
    github.addIssue(fullNames.get(repositoryId)!, {
      id: payload.id,
      number: payload.number,
      title: payload.title,
      body: payload.body ?? null,
      state: payload.state === 'closed' ? 'closed' : 'open',
      stateReason: (payload.state_reason ?? null) as StateReason | null,
      labels: payload.labels.flatMap((label) => (typeof label === 'string' ? [] : [label.name!])),
      isPullRequest: payload.pull_request != null,
      mergedAt: atUpdate(payload.pull_request?.merged_at),
      user: payload.user?.login ?? null,
      assignees: (payload.assignees ?? []).map((assignee) => assignee.login),
      comments: payload.comments,
      plusOnes: payload.reactions?.['+1'] ?? 0,
      createdAt: payload.created_at,
      updatedAt,
      closedAt: atUpdate(payload.closed_at),
    })
  }
  const { stats } = organisation
  const ready: FakeGitHubReady = {
    ready: true,
    url: github.url,
    repositories: organisation.repositories.map((repository) => ({
      fullName: repository.payload.full_name,
      issues: repository.issueCount,
    })),
    issues: stats.issues,
    pullRequests: stats.pullRequests,
    labelLinks: stats.labelLinks,
    populateSeconds: (performance.now() - started) / 1000,
    rssBytes: process.memoryUsage.rss(),
  }
  process.stdout.write(`${JSON.stringify(ready)}\n`)

  // The fake shares the machine's cores with what is measured, so it reports its own CPU too.
  let cpuSince = process.cpuUsage()
  const answer = (command: FakeGitHubCommand): unknown => {
    switch (command.command) {
      case 'counters': {
        const cpu = process.cpuUsage(cpuSince)
        return {
          ...github.counters,
          maxConcurrent: github.maxConcurrent,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
        }
      }
      case 'clear':
        github.clearLog()
        cpuSince = process.cpuUsage()
        return {}
      case 'change': {
        // The repository's lowest numbers: issues last touched long ago, now edited again.
        const issues = github.issues(command.repository).slice(0, command.count)
        for (const issue of issues) {
          github.clock.advance(1000)
          github.updateIssue(command.repository, issue.number, {
            title: `${issue.title} (edited)`,
            comments: issue.comments + 1,
          })
        }
        return { changed: issues.length, updatedAt: github.clock.now().toISOString() }
      }
    }
  }
  const lines = createInterface({ input: process.stdin })
  lines.on('line', (line) => {
    if (line.trim() === '') return
    let command: FakeGitHubCommand | undefined
    try {
      command = JSON.parse(line) as FakeGitHubCommand
      process.stdout.write(`${JSON.stringify({ id: command.id, result: answer(command) })}\n`)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      process.stdout.write(`${JSON.stringify({ id: command?.id ?? null, error: message })}\n`)
    }
  })
  lines.on('close', () => {
    void github.close().finally(() => process.exit(0))
  })
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
