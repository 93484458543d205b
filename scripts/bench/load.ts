import { readdirSync, readFileSync } from 'node:fs'
import http from 'node:http'

import { summarise, type Summary } from './stats'

// Pages under load: a bounded client on loopback keeps N requests in flight (one per simulated
// client, each sending its next request when the previous answer has been read in full) for a
// fixed time, page after page, against the production server. The client shares the machine's
// cores with the server and PostgreSQL, as the measurement did.

export const LOAD_PATHS = ['/issues', '/starter', '/api/issues']
export const LOAD_TARGETS = { p95Ms: 250, errors: 0, rssGrowthFraction: 0.25 }
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

export type LoadSettings = { clients: number; seconds: number }

export type LoadResult = Summary & {
  path: string
  clients: number
  seconds: number
  requests: number
  requestsPerSecond: number
  /** Answers other than 200, and requests that failed outright. */
  errors: number
  errorSamples: string[]
  /**
   * The server's resident memory (largest process of its group): its highest reading in the
   * load's first third and in its last third. Flat memory is the second no higher than the first
   * allows: a reading at one instant lands anywhere on the garbage collector's sawtooth, a peak
   * over a few seconds does not, so growth between the two is growth under the same load.
   */
  rssEarlyPeakBytes: number | null
  rssLatePeakBytes: number | null
  pass: boolean
}

function rssOfProcess(pid: string) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** The resident memory of the largest process in the group (the node server under npx/tsx). */
export function serverRssBytes(processGroup: number | undefined): number | null {
  if (processGroup === undefined) return null
  let largest = 0
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      let stat: string
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      } catch {
        continue
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) === processGroup) largest = Math.max(largest, rssOfProcess(entry))
    }
  } catch {
    return null // No /proc: not Linux.
  }
  return largest || null
}

function request(url: string, agent: http.Agent) {
  return new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const started = performance.now()
    const outgoing = http.get(url, { agent, headers: { 'user-agent': BROWSER } }, (response) => {
      response.resume()
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
      )
      response.on('error', reject)
    })
    outgoing.on('error', reject)
  })
}

/** `clients` requests in flight to one path for `seconds`; latency is to the answer's last byte. */
export async function loadPath(
  baseUrl: string,
  path: string,
  { clients, seconds }: LoadSettings,
  processGroup?: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients })
  const durations: number[] = []
  const errorSamples: string[] = []
  let errors = 0
  let sent = 0
  const started = performance.now()
  const deadline = started + seconds * 1000
  const rssSamples: { at: number; bytes: number }[] = []
  const sampleRss = () => {
    const bytes = serverRssBytes(processGroup)
    if (bytes !== null) rssSamples.push({ at: performance.now() - started, bytes })
  }
  sampleRss()
  const sampler = processGroup === undefined ? null : setInterval(sampleRss, 250)
  const client = async () => {
    while (performance.now() < deadline) {
      sent++
      try {
        const { status, ms } = await request(`${baseUrl}${path}`, agent)
        durations.push(ms)
        if (status !== 200) {
          errors++
          if (errorSamples.length < 5) errorSamples.push(`answered ${status}`)
        }
      } catch (error) {
        errors++
        if (errorSamples.length < 5) {
          errorSamples.push(error instanceof Error ? error.message : String(error))
        }
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: clients }, client))
  } finally {
    if (sampler) clearInterval(sampler)
    agent.destroy()
  }
  sampleRss()
  const elapsed = (performance.now() - started) / 1000
  const summary = summarise(durations)
  const third = (elapsed * 1000) / 3
  const peakOf = (samples: typeof rssSamples) =>
    samples.length === 0 ? null : Math.max(...samples.map((sample) => sample.bytes))
  const rssEarlyPeakBytes = peakOf(rssSamples.filter((sample) => sample.at <= third))
  const rssLatePeakBytes = peakOf(rssSamples.filter((sample) => sample.at >= 2 * third))
  const memoryFlat =
    rssEarlyPeakBytes === null ||
    rssLatePeakBytes === null ||
    rssLatePeakBytes <= rssEarlyPeakBytes * (1 + LOAD_TARGETS.rssGrowthFraction)
  return {
    ...summary,
    path,
    clients,
    seconds: elapsed,
    requests: sent,
    requestsPerSecond: sent / elapsed,
    errors,
    errorSamples,
    rssEarlyPeakBytes,
    rssLatePeakBytes,
    pass: summary.p95 <= LOAD_TARGETS.p95Ms && errors === LOAD_TARGETS.errors && memoryFlat,
  }
}

/** Each of LOAD_PATHS in turn, after a short warm-up of each. */
export async function runLoad(
  baseUrl: string,
  settings: LoadSettings,
  { processGroup, log = () => {} }: { processGroup?: number; log?: (line: string) => void },
): Promise<LoadResult[]> {
  const results: LoadResult[] = []
  for (const path of LOAD_PATHS) {
    await loadPath(baseUrl, path, { clients: Math.min(settings.clients, 4), seconds: 1 })
    const result = await loadPath(baseUrl, path, settings, processGroup)
    log(
      `  GET ${path}: ${result.requestsPerSecond.toFixed(0)} requests/s, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, ${result.errors} errors, server RSS peak ${mb(result.rssEarlyPeakBytes)} in the first third, ${mb(result.rssLatePeakBytes)} in the last`,
    )
    results.push(result)
  }
  return results
}

export function mb(bytes: number | null) {
  return bytes === null ? '-' : `${(bytes / 1024 / 1024).toFixed(0)} MB`
}
