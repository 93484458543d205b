// A small seeded PRNG (mulberry32) and the distributions the synthetic organisation needs. Seeded
// so that two runs with the same options generate the same organisation, byte for byte.

export type Random = {
  /** A float in [0, 1). */
  next: () => number
  /** An integer in [min, max]. */
  int: (min: number, max: number) => number
  chance: (probability: number) => boolean
  pick: <T>(items: readonly T[]) => T
  /** Exponentially distributed, with the given mean. */
  exponential: (mean: number) => number
  /** A shuffled copy (Fisher-Yates). */
  shuffle: <T>(items: readonly T[]) => T[]
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    exponential: (mean) => -Math.log(1 - next()) * mean,
    shuffle: (items) => {
      const copy = [...items]
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
      }
      return copy
    },
  }
}

/** Picks items with probability proportional to their weight, in O(log n) per draw. */
export function createWeightedPicker<T>(items: readonly T[], weights: readonly number[]) {
  if (items.length === 0 || items.length !== weights.length) {
    throw new Error('a weighted picker needs one positive weight per item')
  }
  const cumulative: number[] = []
  let total = 0
  for (const weight of weights) {
    total += weight
    cumulative.push(total)
  }
  return (random: Random): T => {
    const target = random.next() * total
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! > target) high = middle
      else low = middle + 1
    }
    return items[low]!
  }
}

/** Zipf-like weights: the item of rank r weighs 1 / r^exponent. */
export function zipfWeights(count: number, exponent: number) {
  return Array.from({ length: count }, (_, index) => 1 / (index + 1) ** exponent)
}

/**
 * Splits `total` into parts proportional to `weights` that add up to exactly `total` (largest
 * remainder), giving every part at least one when there is enough to go round.
 */
export function apportion(total: number, weights: readonly number[]) {
  const floor = total >= weights.length ? 1 : 0
  const rest = total - floor * weights.length
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((weight) => (weight / sum) * rest)
  const parts = exact.map((value) => floor + Math.floor(value))
  let missing = total - parts.reduce((a, b) => a + b, 0)
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of byRemainder) {
    if (missing === 0) break
    parts[index]! += 1
    missing -= 1
  }
  return parts
}
