import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import { summarise, warmupFor, type Summary } from './stats'

export const TTFB_TARGET_MS = 200
export const TTFB_PATHS = [
  '/issues',
  '/issues?label=bug&label=help%20wanted',
  '/issues/stale',
  '/api/issues',
  '/starter?level=some&know=networking&time=week',
  '/api/starter-projects?level=some&know=networking',
  '/roadmap/ideas',
]

export type TtfbTiming = Summary & {
  name: string
  kind: 'ttfb'
  targetMs: number
  pass: boolean
}

const STARTUP_TIMEOUT_MS = 180_000
// Pages stream to browsers as soon as their shell is ready; bots wait for everything (entry.server).
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'

export function buildIfMissing(log: (line: string) => void) {
  if (existsSync(path.resolve('build/index.js'))) return
  log('No production build yet: running npx remix build...')
  const result = spawnSync('npx', ['remix', 'build'], { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`npx remix build failed:\n${result.stdout}${result.stderr}`.trim())
  }
}

export type RunningServer = {
  baseUrl: string
  /** The process group of npx, tsx and the server under them. */
  processGroup: number | undefined
  stop: () => Promise<void>
  kill: () => void
}

/** Starts the production server (scripts/start.ts) on the given database, as `npm start` does. */
export async function startServer(databaseUrl: string): Promise<RunningServer> {
  // Its own process group, so that npx, tsx and the node process under them stop together.
  const child = spawn('npx', ['tsx', 'scripts/start.ts'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      // Port 0: the system picks a free port, and the server prints which one.
      PORT: '0',
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'never',
      LOG_FORMAT: 'json',
      // Production requires one; the benchmark's server only lives for the run.
      SESSION_SECRET: randomBytes(32).toString('hex'),
    },
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return
    try {
      process.kill(-child.pid, signal)
    } catch {
      // Already gone.
    }
  }
  const stop = async () => {
    kill('SIGTERM')
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000))
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      kill('SIGKILL')
      await exited
    }
  }
  try {
    const port = await waitForRunningLine(child)
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      processGroup: child.pid,
      stop,
      kill: () => kill('SIGTERM'),
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function waitForRunningLine(child: ChildProcess) {
  return new Promise<number>((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(
      () => fail(`the server did not start within ${STARTUP_TIMEOUT_MS / 1000} s`),
      STARTUP_TIMEOUT_MS,
    )
    const fail = (reason: string) => {
      clearTimeout(timer)
      reject(new Error(`${reason}${stderr ? `:\n${stderr.slice(-2000)}` : ''}`))
    }
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-10_000)
    })
    child.stdout!.setEncoding('utf8')
    child.stdout!.on('data', (chunk: string) => {
      stdout += chunk
      const match = /running at http:\/\/[^:\s]+:(\d+)/.exec(stdout)
      if (match) {
        clearTimeout(timer)
        // From here on its output (request logs) is read and dropped.
        stdout = ''
        child.stdout!.removeAllListeners('data')
        child.stdout!.resume()
        resolve(Number(match[1]))
      } else {
        stdout = stdout.slice(-10_000)
      }
    })
    child.once('exit', (code, signal) => fail(`the server exited early (${signal ?? code})`))
    child.once('error', (error) => fail(`the server could not be started: ${error.message}`))
  })
}

function timeToFirstByte(url: string, agent: http.Agent) {
  return new Promise<number>((resolve, reject) => {
    const started = performance.now()
    const request = http.get(url, { agent, headers: { 'user-agent': BROWSER } }, (response) => {
      const elapsed = performance.now() - started
      response.resume()
      response.on('end', () => {
        if (response.statusCode === 200) resolve(elapsed)
        else reject(new Error(`GET ${url} answered ${response.statusCode}`))
      })
      response.on('error', reject)
    })
    request.on('error', reject)
  })
}

/** Time to first byte of each page, `requests` sequential requests each, after a warm-up. */
export async function timePages(
  baseUrl: string,
  { requests, log = () => {} }: { requests: number; log?: (line: string) => void },
): Promise<TtfbTiming[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const results: TtfbTiming[] = []
    for (const page of TTFB_PATHS) {
      const url = `${baseUrl}${page}`
      for (let i = 0; i < warmupFor(requests); i++) await timeToFirstByte(url, agent)
      const durations: number[] = []
      for (let i = 0; i < requests; i++) durations.push(await timeToFirstByte(url, agent))
      const summary = summarise(durations)
      results.push({
        name: `GET ${page}`,
        kind: 'ttfb',
        targetMs: TTFB_TARGET_MS,
        pass: summary.p95 <= TTFB_TARGET_MS,
        ...summary,
      })
      log(`  GET ${page}: p95 ${summary.p95.toFixed(1)} ms`)
    }
    return results
  } finally {
    agent.destroy()
  }
}
