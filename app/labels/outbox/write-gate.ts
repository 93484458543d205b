// GitHub asks for at most one write a second per token. Every worker sharing a client (hence a
// token) queues its writes at that client's gate, which lets one through at least minIntervalMs
// after the last. Time comes from a clock the caller may replace, so tests check the spacing the
// worker asked for, in virtual time, whatever the machine's load.

export type WorkerClock = {
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export const systemClock: WorkerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

type WriteGate = { tail: Promise<void>; lastWriteAt: number }

const gates = new WeakMap<object, WriteGate>()

/** Resolves when this client may send its next write, at least minIntervalMs after the last. */
export function writeSlot(
  client: object,
  minIntervalMs: number,
  clock: WorkerClock = systemClock,
): Promise<void> {
  const gate = gates.get(client) ?? { tail: Promise.resolve(), lastWriteAt: -Infinity }
  gates.set(client, gate)
  const slot = gate.tail.then(async () => {
    const wait = gate.lastWriteAt + minIntervalMs - clock.now()
    if (wait > 0) await clock.sleep(wait)
    gate.lastWriteAt = clock.now()
  })
  gate.tail = slot
  return slot
}
