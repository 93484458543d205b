import { performance } from 'node:perf_hooks'

import { listSimilarIdeas } from '../app/roadmap/similar.server'
import { createDatabase } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

// Bench: the similar-ideas lookup at 5,000 ideas (target: p95 ≤ 50 ms), on an in-memory PGlite.
// Run: npx tsx scripts/bench-similar-ideas.ts [ideas] [queries]

const WORDS =
  'tcp udp dns tls storage block cache fuzz test docs unikernel xen solo5 network stack packet checksum faster better git irmin mirage build opam release ci monitoring metrics logging timer clock random crypto certificate http server client parser'.split(
    ' ',
  )

function pick(seed: number, count: number) {
  return Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]!)
}

const ideas = Number(process.argv[2] ?? 5000)
const queries = Number(process.argv[3] ?? 200)
const db = createDatabase({ dataDir: 'memory://', poolSize: 1 })
await migrateToLatest(db)
const target = await db
  .insertInto('release_target')
  .values({ slug: 'bench', name: 'Bench' })
  .returning('id')
  .executeTakeFirstOrThrow()
const area = await db
  .insertInto('roadmap_area')
  .values({ release_target_id: target.id, slug: 'bench', name: 'Bench' })
  .returning('id')
  .executeTakeFirstOrThrow()
for (let start = 0; start < ideas; start += 500) {
  await db
    .insertInto('idea')
    .values(
      Array.from({ length: Math.min(500, ideas - start) }, (_, i) => ({
        release_target_id: target.id,
        area_id: area.id,
        title: pick(start + i, 4).join(' '),
        description: pick(start + i + 3, 30).join(' '),
      })),
    )
    .execute()
}
const timings: number[] = []
let found = 0
for (let i = 0; i < queries; i++) {
  const text = pick(i * 31, 3)
    .join(' ')
    .slice(0, 12 + (i % 10))
  const started = performance.now()
  found += (await listSimilarIdeas(text, {}, db)).length
  timings.push(performance.now() - started)
}
timings.sort((a, b) => a - b)
const p = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!
console.log(
  `similar ideas at ${ideas} ideas, ${queries} lookups: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms (target ≤ 50 ms), ${(found / queries).toFixed(1)} ideas found per lookup`,
)
await db.destroy()
process.exitCode = p(0.95) <= 50 ? 0 : 1
