export type Summary = { samples: number; p50: number; p95: number; max: number; mean: number }

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function summarise(durations: readonly number[]): Summary {
  const sorted = [...durations].sort((a, b) => a - b)
  return {
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1),
  }
}

/** Runs `task` a few times untimed, then `iterations` times one after the other, timed in ms. */
export async function time<T>(
  task: () => Promise<T>,
  { warmup, iterations }: { warmup: number; iterations: number },
) {
  let last: T | undefined
  for (let i = 0; i < warmup; i++) last = await task()
  const durations: number[] = []
  for (let i = 0; i < iterations; i++) {
    const started = performance.now()
    last = await task()
    durations.push(performance.now() - started)
  }
  return { durations, last: last as T }
}

export function warmupFor(iterations: number) {
  return Math.min(20, Math.max(2, Math.ceil(iterations / 10)))
}
