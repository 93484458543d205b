import { sql } from 'kysely'

import { createGitHubClient } from '../app/github/client.server'
import { createSyncScheduler, type SchedulerOptions } from '../app/sync/scheduler.server'
import { parseSyncTargets } from '../app/sync/sweep.server'
import type { Database } from '../db/client.server'

import type { FakeGitHub } from './fake-github/server'

/** A client for the fake GitHub with every wait scaled to nothing. */
export function fakeClient(github: FakeGitHub, token = 'test-token') {
  return createGitHubClient({ token, baseUrl: github.url, waitScale: 0, retries: 2 })
}

/** A scheduler for the fake GitHub that sweeps only when the test triggers it. */
export function stoppedScheduler(
  github: FakeGitHub,
  names: string[],
  options: Partial<SchedulerOptions> = {},
) {
  const scheduler = createSyncScheduler({
    targets: parseSyncTargets(names).targets,
    intervalMs: 3_600_000,
    token: 'test-token',
    baseUrl: github.url,
    ...options,
  })
  scheduler.stop()
  return scheduler
}

/** Closes the fake GitHub, unless a test of a GitHub going out of reach closed it already. */
export async function closeFakeGitHub(github: FakeGitHub) {
  await github.close().catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'ERR_SERVER_NOT_RUNNING') throw error
  })
}

/** Adds `count` issues a second apart, as real repositories have, with a few labels. */
export function addIssuesOverTime(github: FakeGitHub, fullName: string, count: number) {
  return github.addIssues(fullName, count, (index) => {
    github.clock.advance(1000)
    return {
      title: `Issue ${index} of ${fullName}`,
      labels: index % 3 === 0 ? ['bug'] : index % 5 === 0 ? ['help wanted', 'easy'] : [],
      isPullRequest: index % 4 === 0,
    }
  })
}

type Comparable = {
  number: number
  title: string
  state: string
  isPullRequest: boolean
  labels: string[]
}

/** The fake's issues of a repository, in the shape the mirror is compared with. */
export function fakeIssues(github: FakeGitHub, fullName: string): Comparable[] {
  return github.issues(fullName).map((issue) => ({
    number: issue.number,
    title: issue.title,
    state: issue.state,
    isPullRequest: issue.isPullRequest,
    labels: [...issue.labels].map((label) => label.toLowerCase()).sort(),
  }))
}

/** The mirror's issues of a repository, read straight from the tables (labels via label_keys). */
export async function mirroredIssues(db: Database, fullName: string): Promise<Comparable[]> {
  const rows = await db
    .selectFrom('issue as i')
    .innerJoin('repository as r', 'r.id', 'i.repository_id')
    .select(['i.number', 'i.title', 'i.state', 'i.is_pull_request', 'i.label_keys', 'i.id'])
    .select((eb) =>
      eb
        .selectFrom('issue_label as il')
        .innerJoin('label as l', 'l.id', 'il.label_id')
        .whereRef('il.issue_id', '=', 'i.id')
        .select(
          sql<string[]>`coalesce(array_agg(lower(l.name) order by lower(l.name)), '{}')`.as(
            'names',
          ),
        )
        .as('linked'),
    )
    .where(sql`lower(r.full_name)`, '=', fullName.toLowerCase())
    .orderBy('i.number')
    .execute()
  return rows.map((row) => {
    // The filter keys and the links must always agree.
    if (JSON.stringify(row.label_keys) !== JSON.stringify(row.linked ?? [])) {
      throw new Error(`label_keys out of step for ${fullName}#${row.number}`)
    }
    return {
      number: row.number,
      title: row.title,
      state: row.state,
      isPullRequest: row.is_pull_request,
      labels: row.label_keys,
    }
  })
}
