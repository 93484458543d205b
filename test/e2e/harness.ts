import { spawn, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { chromium, type Browser, type Page } from 'playwright-core'
import postgres from 'postgres'
import { afterAll, beforeAll, inject } from 'vitest'

import { githubAppOf, parseEnv } from '../../app/utils/env.server'
import { createDatabase, type Database } from '../../db/client.server'
import { migrateToLatest } from '../../db/migrator'
import { createFakeGitHubOAuth, type FakeGitHubOAuth } from '../fake-github/oauth'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Whether the browser tests can run here. Without Chromium they are skipped with instructions,
 * except in CI, where a missing browser is a failure (the suite must not pass by skipping).
 */
export function hasChromium() {
  if (existsSync(CHROMIUM_PATH)) return true
  if (process.env.CI) {
    throw new Error(`Chromium is required in CI but was not found at ${CHROMIUM_PATH}`)
  }
  console.warn(
    `Skipping browser tests: Chromium not found at ${CHROMIUM_PATH}. Install it with "apt-get install chromium" (or set CHROMIUM_PATH).`,
  )
  return false
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export type RunningServer = {
  url: string
  output: () => string
  /** False once the server process has ended, whatever the reason. */
  running: () => boolean
  /** Ends the server process and starts a new one on the same database, address and settings. */
  restart: () => Promise<void>
  stop: () => Promise<void>
}

/**
 * A fresh database for one server, migrated but empty: a PGlite folder, or a new database on
 * DATABASE_URL; both copies of the run's migrated template (test/global-setup.ts). `copyOf`
 * names another folder (PGlite) or database (PostgreSQL) to copy instead: the template with the
 * demo loaded (below).
 */
export async function freshDatabase(copyOf?: string): Promise<{
  env: Record<string, string>
  drop: () => Promise<void>
}> {
  const baseUrl = process.env.DATABASE_URL
  const template = inject('databaseTemplate')
  if (!baseUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'pioneer-board-e2e-'))
    const source = copyOf ?? (template?.kind === 'pglite' ? template.dataDir : undefined)
    if (source) cpSync(source, dir, { recursive: true })
    return {
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }),
    }
  }
  // Random, not only the time: servers started side by side ask within the same millisecond.
  const name = `pioneer_board_e2e_${process.pid}_${Date.now()}_${randomBytes(4).toString('hex')}`
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  const source = copyOf ?? (template?.kind === 'postgres' ? template.name : undefined)
  const from = source ? ` template "${source}"` : ''
  await admin.unsafe(`create database "${name}"${from}`)
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`)
      await admin.end()
    },
  }
}

/**
 * Settings that cannot change what the demo seed writes (it reads no request, session, GitHub or
 * log setting), left out of the demo template's key: tests give them fresh ports every run.
 */
const SETTINGS_THE_SEED_IGNORES = new Set([
  'HOST',
  'PORT',
  'DATA_DIR',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'GITHUB_API_URL',
  'GITHUB_OAUTH_URL',
  'GITHUB_CLIENT_ID',
  'GITHUB_CLIENT_SECRET',
  'GITHUB_WEBHOOK_SECRET',
  'SESSION_SECRET',
  'LOG_FORMAT',
])

/** What the demo's content can depend on: the app's code and seed data, the migrations. */
const DEMO_SOURCES = ['app', 'db', 'migrations', 'scripts', 'package-lock.json']

let sourcesHash: string | undefined

/** A hash of every file of DEMO_SOURCES (a few hundred small files: milliseconds). */
function hashDemoSources() {
  if (sourcesHash) return sourcesHash
  const hash = createHash('sha256')
  const add = (entry: string) => {
    if (!existsSync(entry)) return
    if (statSync(entry).isDirectory()) {
      for (const child of readdirSync(entry).sort()) add(path.join(entry, child))
    } else {
      hash.update(entry).update(readFileSync(entry))
    }
  }
  for (const source of DEMO_SOURCES) add(source)
  sourcesHash = hash.digest('hex')
  return sourcesHash
}

/**
 * What a server with `serverEnv` would hold once it filled its empty database with the MirageOS
 * demo at start-up (SEED_DEMO not "never", no BOARD_REPOS, no GitHub App), already loaded: a
 * PGlite folder, or a PostgreSQL database, for `freshDatabase` to copy; null when it would load
 * none. Loading the demo costs every server seconds of CPU: `npm run db:seed` (scripts/seed.ts,
 * the same loadDemoData the server calls) loads it once into a copy of the template, keyed by
 * everything its content can depend on; each server then starts on a copy of that, and finds
 * the demo there as if it had loaded it itself. A PGlite one is kept beside the template for the
 * day (the demo's own dates are the day's); a PostgreSQL one goes with the run's databases.
 */
async function demoTemplate(serverEnv: Record<string, string | undefined>) {
  const template = inject('databaseTemplate')
  if (!template || serverEnv.DATABASE_URL) return null
  let settings: ReturnType<typeof parseEnv>
  try {
    settings = parseEnv(serverEnv)
  } catch {
    return null // The server will refuse to start, as the test may expect.
  }
  if (settings.SEED_DEMO === 'never' || settings.BOARD_REPOS || githubAppOf(settings)) return null
  const key = createHash('sha256')
    .update(template.kind === 'pglite' ? template.dataDir : template.name)
    .update(hashDemoSources())
    .update(new Date().toISOString().slice(0, 10))
    .update(
      JSON.stringify(
        Object.entries(settings).filter(([name]) => !SETTINGS_THE_SEED_IGNORES.has(name)),
      ),
    )
    .digest('hex')
    .slice(0, 16)
  // Servers started side by side in one file share one loading.
  let made = demosMade.get(key)
  if (!made) {
    made =
      template.kind === 'pglite'
        ? makePGliteDemo(template.dataDir, key, serverEnv)
        : makePostgresDemo(template.name, key, serverEnv)
    demosMade.set(key, made)
    made.catch(() => demosMade.delete(key))
  }
  return made
}

const demosMade = new Map<string, Promise<string>>()

async function loadDemo(serverEnv: Record<string, string | undefined>, database: object) {
  // The server's own settings (production ones need SESSION_SECRET, say), but for its database.
  const seeded = await runScript('scripts/seed.ts', [], {
    ...serverEnv,
    DATABASE_URL: '',
    DATA_DIR: '',
    ...database,
  })
  if (seeded.code !== 0) {
    throw new Error(`Loading the demo failed (${seeded.code}):\n${seeded.stdout}${seeded.stderr}`)
  }
}

async function makePGliteDemo(
  templateDir: string,
  key: string,
  serverEnv: Record<string, string | undefined>,
) {
  // Beside the template, so global-setup's pruning removes it once unused for a day.
  const cacheDir = path.dirname(path.dirname(templateDir))
  const ready = path.join(cacheDir, `demo-${key}`)
  const dataDir = path.join(ready, 'pglite')
  if (existsSync(ready)) return dataDir
  // Made in a scratch folder and renamed into place: a parallel file may make the same one.
  const scratch = mkdtempSync(path.join(cacheDir, 'making-demo-'))
  try {
    cpSync(templateDir, path.join(scratch, 'pglite'), { recursive: true })
    await loadDemo(serverEnv, { DATA_DIR: path.join(scratch, 'pglite') })
    renameSync(scratch, ready)
  } catch (error) {
    if (!existsSync(ready)) throw error
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  return dataDir
}

/**
 * The PostgreSQL twin: a database cloned from the template, loaded, and renamed into place (a
 * parallel file may make the same one). Its name starts as the servers' do, so global-setup
 * drops it with them at the end of the run.
 */
async function makePostgresDemo(
  templateName: string,
  key: string,
  serverEnv: Record<string, string | undefined>,
) {
  const baseUrl = process.env.DATABASE_URL ?? ''
  const ready = `pioneer_board_e2e_demo_${key}`
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  const exists = async () =>
    (await admin`select 1 from pg_database where datname = ${ready}`).length > 0
  try {
    if (await exists()) return ready
    const scratch = `pioneer_board_e2e_making_${randomBytes(6).toString('hex')}`
    await admin.unsafe(`create database "${scratch}" template "${templateName}"`)
    try {
      const url = new URL(baseUrl)
      url.pathname = `/${scratch}`
      await loadDemo(serverEnv, { DATABASE_URL: url.toString() })
      await admin.unsafe(`alter database "${scratch}" rename to "${ready}"`)
    } catch (error) {
      await admin.unsafe(`drop database if exists "${scratch}" with (force)`)
      if (!(await exists())) throw error
    }
    return ready
  } finally {
    await admin.end()
  }
}

type StartOptions = {
  /** Rewrites the fresh database's URL, e.g. to reach PostgreSQL through a proxy. */
  routeDatabaseUrl?: (url: URL) => URL
  /**
   * Fills the fresh, migrated database before the server starts (an embedded database can be
   * open in one process only). A database that is not empty gets no demo issues.
   */
  seed?: (db: Database) => Promise<void>
  /**
   * The server loads the demo itself at start-up, as a real one does, rather than starting on a
   * copy of the demo template: for tests of that loading.
   */
  seedDemoAtStartUp?: boolean
}

async function seedDatabase(env: Record<string, string>, seed: (db: Database) => Promise<void>) {
  const db = createDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR ?? '',
    poolSize: 1,
  })
  try {
    await migrateToLatest(db)
    await seed(db)
  } finally {
    await db.destroy()
  }
}

/**
 * How long a server may take to start before it counts as hung: a bound, not a speed target. A
 * file may start its servers side by side, next to another file doing the same, on two cores.
 */
const START_TIMEOUT_MS = 180_000

/**
 * Settles as soon as the server prints that it listens, or when it ends (its output is then
 * complete), or after START_TIMEOUT_MS: whichever comes first, with no polling.
 */
function untilListening(child: ChildProcess, output: () => string) {
  return new Promise<'listening' | 'exited' | 'timeout'>((resolve) => {
    const settle = (outcome: 'listening' | 'exited' | 'timeout') => {
      child.stdout?.off('data', check)
      child.stderr?.off('data', check)
      child.off('close', onClose)
      clearTimeout(timer)
      resolve(outcome)
    }
    const check = () => {
      if (output().includes('is running at')) settle('listening')
    }
    const onClose = () => settle('exited')
    const timer = setTimeout(() => settle('timeout'), START_TIMEOUT_MS)
    child.stdout?.on('data', check)
    child.stderr?.on('data', check)
    child.once('close', onClose)
  })
}

/** Starts the real server (`npm start`'s script) on a free port and waits until it listens. */
export async function startServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!existsSync('build/index.js')) {
    throw new Error(
      'No production build: run "npm run build" (npm test does) before the e2e tests.',
    )
  }
  // What the server's environment will be, but for its database and address.
  const serverEnv: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: '',
    ...env,
  }
  const demo = options.seed || options.seedDemoAtStartUp ? null : await demoTemplate(serverEnv)
  const database = await freshDatabase(demo ?? undefined)
  if (options.seed) {
    await seedDatabase(database.env, options.seed).catch(async (error: unknown) => {
      await database.drop()
      throw error
    })
  }
  if (database.env.DATABASE_URL && options.routeDatabaseUrl) {
    const routed = options.routeDatabaseUrl(new URL(database.env.DATABASE_URL))
    database.env.DATABASE_URL = routed.toString()
  }
  const port = await freePort()
  const processEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: '',
    ...database.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...env,
  }
  let output = ''
  let child: ChildProcess
  let exited: Promise<number | null>
  const url = `http://127.0.0.1:${port}`
  /** Starts the server process; output of every start is kept, one after another. */
  const spawnServer = async () => {
    child = spawn('node', ['--import', 'tsx', 'scripts/start.ts'], {
      env: processEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    const current = child
    exited = new Promise<number | null>((resolve) => current.once('exit', resolve))
    const since = output.length
    const outcome = await untilListening(child, () => output.slice(since))
    if (outcome !== 'listening') {
      if (outcome === 'timeout') child.kill('SIGKILL')
      await database.drop()
      throw new Error(
        outcome === 'timeout'
          ? `The server did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`
          : `The server exited early (code ${child.exitCode}):\n${output}`,
      )
    }
  }
  const end = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM')
      await exited
    }
  }
  await spawnServer()
  return {
    url,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    restart: async () => {
      await end()
      await spawnServer()
    },
    stop: async () => {
      await end()
      await database.drop()
    },
  }
}

/** A fake GitHub and a board that signs in with it; the fake is closed if the board fails. */
export async function startGitHubBoard(
  users: Parameters<typeof createFakeGitHubOAuth>[0]['users'],
  env: Record<string, string> = {},
): Promise<{ server: RunningServer; github: FakeGitHubOAuth }> {
  const github = await createFakeGitHubOAuth({
    clientId: 'board-client',
    clientSecret: 'board-secret',
    users,
  })
  try {
    const server = await startServer({
      GITHUB_CLIENT_ID: 'board-client',
      GITHUB_CLIENT_SECRET: 'board-secret',
      GITHUB_OAUTH_URL: github.url,
      GITHUB_API_URL: github.url,
      SESSION_SECRET: 'a'.repeat(64),
      ...env,
    })
    return { server, github }
  } catch (error) {
    await github.close()
    throw error
  }
}

/** Runs a TypeScript command-line script to completion; its exit code and what it printed. */
export async function runScript(script: string, args: string[], env: Record<string, string>) {
  const child = spawn('node', ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, stdout, stderr }
}

/** Runs `scripts/start.ts` to completion with the given environment; for start-up failures. */
export function runStartScript(env: Record<string, string>) {
  return runScript('scripts/start.ts', [], env)
}

/**
 * Retries an assertion until it passes or `timeoutMs` runs out: the page updates after a
 * client-side navigation commits its URL, so a check made at once can see the old list. The
 * default is generous because a passing check returns at once: only a loaded machine nears it.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await assertion()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

/** For hooks that start servers and Chromium side by side: generous, as START_TIMEOUT_MS is. */
export const SUITE_START_TIMEOUT_MS = 300_000

/**
 * A real server and a Chromium page for one browser suite, made before its tests and closed
 * after them. Read `suite.server` and `suite.page` inside tests.
 */
export function setupBrowserSuite(env: Record<string, string> = {}) {
  const suite = {} as { server: RunningServer; browser: Browser; page: Page }
  beforeAll(async () => {
    // Chromium starts on the other core while the server starts.
    const [server, browser] = await Promise.allSettled([startServer(env), launchBrowser()])
    if (server.status === 'fulfilled') suite.server = server.value
    if (browser.status === 'fulfilled') suite.browser = browser.value
    if (server.status === 'rejected') throw server.reason
    if (browser.status === 'rejected') throw browser.reason
    suite.page = await suite.browser.newPage()
  }, SUITE_START_TIMEOUT_MS)
  afterAll(async () => {
    await suite.browser?.close()
    await suite.server?.stop()
  })
  return suite
}

/**
 * A fresh browser context signed in as a demo person (`person` matches the button's name) on
 * `path`, once the page is hydrated, so a first click is not lost to a half-started navigation.
 */
export async function signedInAs(
  suite: { browser: Browser; server: RunningServer },
  person: RegExp,
  path: string,
) {
  const context = await suite.browser.newContext()
  const page = await context.newPage()
  await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent(path)}`)
  await page.getByRole('button', { name: person }).click()
  await page.waitForURL(`${suite.server.url}${path}`)
  // Loaded is not hydrated: on a busy machine the scripts can still be running after the network
  // is idle, and what a test types then never reaches React's handlers.
  await waitForHydration(page)
  await page.waitForLoadState('networkidle')
  return page
}

/** Until Remix has hydrated the page: its router is running. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => '__remixRouter' in window)
}
