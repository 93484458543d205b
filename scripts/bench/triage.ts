import { getBoardClock } from '../../app/mirror/board-clock.server'
import { getTriageItem, getTriageQueue, type TriagePosition } from '../../app/starter/triage.server'
import { DEFAULT_STARTER_DOMAINS } from '../../app/utils/env.server'
import type { Database } from '../../db/client.server'

import type { QueryTiming } from './queries'
import { summarise, time, warmupFor } from './stats'

// The maintainers' triage queue (/starter/triage), timed the way its loader reads it: the board
// clock, the queue around a position (counts of projects and candidates left, the item and the
// next one) and the item's details. It runs on the data the finder and the dashboards seeded:
// 10,000 starter projects beside 100,000 issues.

export const TRIAGE_TARGET_MS = 100

async function readTriagePage(at: TriagePosition | null, activeMonths: number, db: Database) {
  const clock = await getBoardClock(db)
  const queue = await getTriageQueue(at, { activeMonths, now: clock.now }, db)
  const item = queue.current
    ? await getTriageItem(queue.current, DEFAULT_STARTER_DOMAINS, 'OCaml', db)
    : null
  return { queue, item }
}

/** Times the triage page's reads at the top of the queue, deep in the projects and on a candidate. */
export async function benchTriage(
  db: Database,
  {
    iterations,
    activeMonths = 6,
    log = () => {},
  }: { iterations: number; activeMonths?: number; log?: (line: string) => void },
): Promise<QueryTiming[]> {
  const top = await readTriagePage(null, activeMonths, db)
  log(
    `Triage: ${top.queue.total.count.toLocaleString('en')}${top.queue.total.isCapped ? '+' : ''} items in the queue; timing ${iterations} runs per case...`,
  )
  // Half-way through the projects to rate, then the first candidate (past every project: the
  // queue's last step, `mentor`, past the largest id).
  const projects = await db
    .selectFrom('starter_project')
    .select('id')
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('language_stars', 'is', null), eb('size', 'is', null)]))
    .orderBy('id')
    .execute()
  const middle = projects[Math.floor(projects.length / 2)]
  const lastProject = await db
    .selectFrom('starter_project')
    .select('id')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  const pastProjects = lastProject
    ? await getTriageQueue(
        { kind: 'project', step: 'mentor', id: lastProject.id + 1 },
        {
          activeMonths,
          now: (await getBoardClock(db)).now,
        },
        db,
      )
    : null
  const cases: { name: string; detail: string; at: TriagePosition | null }[] = [
    { name: 'triage queue: top', detail: 'first item, counts of what is left', at: null },
    {
      name: 'triage queue: mid-projects',
      detail: 'a position half-way through the projects',
      at: middle ? { kind: 'project', step: 'rate', id: middle.id } : null,
    },
    {
      name: 'triage queue: a candidate',
      detail: 'the first candidate issue, past every project',
      at: pastProjects?.current ?? null,
    },
  ]
  const timings: QueryTiming[] = []
  for (const triageCase of cases) {
    const { durations, last } = await time(
      async () => (await readTriagePage(triageCase.at, activeMonths, db)).queue.left.count,
      { warmup: warmupFor(iterations), iterations },
    )
    const summary = summarise(durations)
    timings.push({
      name: triageCase.name,
      kind: 'query',
      detail: triageCase.detail,
      targetMs: TRIAGE_TARGET_MS,
      pass: summary.p95 <= TRIAGE_TARGET_MS,
      rows: last,
      ...summary,
    })
    log(
      `  ${triageCase.name}: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms (${last} left)`,
    )
  }
  return timings
}
