// What a benchmark started (a PostgreSQL cluster, a server, a fake GitHub) must go when it ends,
// also on Ctrl-C. The cleanups are synchronous so that they can run from a signal handler just
// before exiting.

export type Cleanups = {
  add(cleanup: () => void): void
  /** Forgets a cleanup that its owner has already run. */
  remove(cleanup: () => void): void
  /** Runs the remaining cleanups, newest first, and stops listening for signals. */
  runAll(): void
}

export function createCleanups(): Cleanups {
  let cleanups: (() => void)[] = []
  const runAll = () => {
    const pending = cleanups.reverse()
    cleanups = []
    for (const cleanup of pending) cleanup()
  }
  const onSignal = (signal: NodeJS.Signals) => {
    runAll()
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return {
    add: (cleanup) => void cleanups.push(cleanup),
    remove: (cleanup) => {
      cleanups = cleanups.filter((candidate) => candidate !== cleanup)
    },
    runAll: () => {
      runAll()
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
