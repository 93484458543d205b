import type { WorkerClock } from '../app/labels/outbox/write-gate'

/**
 * A clock whose time moves only when someone waits on it: the spacing between writes is the one
 * the label worker asked for, whatever the machine's load, and costs no wall time.
 */
export function virtualClock(): WorkerClock {
  let now = 0
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms
    },
  }
}
