import { loadDigest } from '../../app/digest/digest.server'
import { parseDigestPeriod } from '../../app/digest/period'
import { countLabelWriteBack } from '../../app/labels/plan/review.server'
import type { Database } from '../../db/client.server'

import type { QueryTiming } from './queries'
import { summarise, time, warmupFor } from './stats'

// The call's agenda (/digest, npm run digest) on the board's seeded data: 100,000 issues and the
// ideation bench's 5,000 ideas. The period starts in 2000 so every idea, round and decision is in
// it: the worst case, not a quiet fortnight. With its Labels part, as the page and the command
// read it (the plan's changes not yet applied, the open conflicts).

export const DIGEST_TARGET_MS = 2_000

export async function benchDigest(
  db: Database,
  { iterations }: { iterations: number },
): Promise<QueryTiming> {
  const period = parseDigestPeriod('2000-01-01', new Date())
  let ideas = 0
  const { durations } = await time(
    async () => {
      const digest = await loadDigest(period, db, undefined, countLabelWriteBack(db))
      ideas = digest.ideasByArea.reduce((sum, area) => sum + area.ideas.length, 0)
      return digest
    },
    { warmup: warmupFor(iterations), iterations },
  )
  const summary = summarise(durations)
  return {
    ...summary,
    name: 'call agenda (digest)',
    kind: 'query',
    rows: ideas,
    detail: `${ideas.toLocaleString('en')} ideas in the period, stale work over every repository`,
    targetMs: DIGEST_TARGET_MS,
    pass: summary.p95 <= DIGEST_TARGET_MS,
  }
}
