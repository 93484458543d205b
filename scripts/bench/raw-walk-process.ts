import PQueue from 'p-queue'

import { createGitHubClient } from '../../app/github/client.server'
import { SWEEP_CONCURRENCY } from '../../app/sync/sweep.server'

// The raw page walk of the sync benchmark, in a fresh process of its own. Started by sync.ts as
//
//   node --import tsx scripts/bench/raw-walk-process.ts '{"baseUrl":...,"token":...,"repositories":[...]}'
//
// it fetches every page a first sweep fetches and prints its figures as one JSON line. A fresh
// process because the initial mirror also starts in a process that has not talked to GitHub yet:
// walked in the benchmark's own process, the walk would compile the client's code for the mirror
// (Octokit, undici, JSON), and the two would not start alike.

export type RawWalkSetup = { baseUrl: string; token: string; repositories: string[] }

export type WalkFigures = {
  /** Repositories walked at once: the sweep's own concurrency, so the two compare like for like. */
  repositoriesAtOnce: number
  seconds: number
  cpuSeconds: number
  requests: number
  /** Responses: one per repository, then its issue pages and its label pages. */
  pages: number
  labels: number
  items: number
}

/**
 * Fetches every page a first sweep fetches, as the sweep asks for them (same client, same
 * parameters, as many repositories at a time): each repository, its issues page by page, then
 * its labels. Stores nothing: what the network and GitHub's JSON cost, the floor under the
 * initial mirror.
 */
async function walkPagesRaw({ baseUrl, token, repositories }: RawWalkSetup): Promise<WalkFigures> {
  const client = createGitHubClient({ token, baseUrl })
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  let pages = 0
  let labels = 0
  let items = 0
  const queue = new PQueue({ concurrency: SWEEP_CONCURRENCY })
  await queue.addAll(
    repositories.map((fullName) => async () => {
      const [owner = '', repo = ''] = fullName.split('/')
      await client.octokit.rest.repos.get({ owner, repo })
      pages++
      for await (const page of client.octokit.paginate.iterator(
        client.octokit.rest.issues.listForRepo,
        { owner, repo, state: 'all', sort: 'updated', direction: 'desc', per_page: 100 },
      )) {
        pages++
        items += page.data.length
      }
      for await (const page of client.octokit.paginate.iterator(
        client.octokit.rest.issues.listLabelsForRepo,
        { owner, repo, per_page: 100 },
      )) {
        pages++
        labels += page.data.length
      }
    }),
  )
  const cpu = process.cpuUsage(cpuBefore)
  return {
    repositoriesAtOnce: SWEEP_CONCURRENCY,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    requests: client.stats.requests,
    pages,
    labels,
    items,
  }
}

walkPagesRaw(JSON.parse(process.argv[2] ?? '{}') as RawWalkSetup)
  .then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    process.exit(1)
  })
