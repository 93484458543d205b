import { readdirSync, readFileSync } from 'node:fs'

// PostgreSQL's CPU time as the kernel counts it: the postmaster's own, its children's that have
// ended (the kernel adds those to the postmaster's cutime/cstime when it reaps them), and the
// live children's (backends, checkpointer, WAL writer, autovacuum). Measured from /proc, so only
// for a server on this machine whose postmaster we know (the benchmark's own cluster).

const CLOCK_TICKS_PER_SECOND = 100

type ProcStat = { ppid: number; utime: number; stime: number; cutime: number; cstime: number }

function readStat(pid: number | string): ProcStat | null {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null // Ended between the listing and the read.
  }
  // The command name is in parentheses and may hold spaces: fields count from after it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return {
    ppid: Number(fields[1]),
    utime: Number(fields[11]),
    stime: Number(fields[12]),
    cutime: Number(fields[13]),
    cstime: Number(fields[14]),
  }
}

/** CPU seconds PostgreSQL has used so far; null where /proc cannot tell (not Linux, gone). */
export function postgresCpuSeconds(postmasterPid: number): number | null {
  const postmaster = readStat(postmasterPid)
  if (!postmaster) return null
  let ticks = postmaster.utime + postmaster.stime + postmaster.cutime + postmaster.cstime
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = readStat(entry)
    if (stat?.ppid === postmasterPid) ticks += stat.utime + stat.stime + stat.cutime + stat.cstime
  }
  return ticks / CLOCK_TICKS_PER_SECOND
}

/** Starts a measurement; the function it returns gives the CPU seconds used since. */
export function measurePostgresCpu(postmasterPid: (() => number) | null) {
  const pid = postmasterPid?.() ?? null
  const before = pid === null ? null : postgresCpuSeconds(pid)
  return () => {
    if (pid === null || before === null) return null
    const after = postgresCpuSeconds(pid)
    return after === null ? null : after - before
  }
}
