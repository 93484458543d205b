import { spawnSync } from 'node:child_process'
import { existsSync, watch } from 'node:fs'
import type { Server } from 'node:http'
import { createServer } from 'node:net'
import { constants } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { createRequestHandler } from '@remix-run/express'
import { broadcastDevReady, installGlobals, type ServerBuild } from '@remix-run/node'
import express from 'express'
import type { MigrationResult } from 'kysely/migration'

import { signingSecrets } from '../app/accounts/signing-secret.server'
import { seedDemoIfEmpty } from '../app/demo/demo.server'
import { createGitHubClient } from '../app/github/client.server'
import {
  createLabelWorkerLoop,
  getLabelWorker,
  registerLabelWorker,
} from '../app/labels/outbox/runner.server'
import { holdsDemoRepositories } from '../app/mirror/repository.server'
import { drainEmailOutbox, createSmtpTransport } from '../app/notifications/email/sender.server'
import { emailSettings } from '../app/notifications/email/settings.server'
import {
  createMovableClock,
  createNotificationLoop,
  type NotificationLoop,
} from '../app/notifications/loop.server'
import { demoSignInWarning, noSignInWarning, syncOffWarning } from '../app/setup/checks'
import { listSettingsToFix, setupNextStepLine } from '../app/setup/to-fix.server'
import { ensureSupplySnapshot } from '../app/starter/supply.server'
import { demoLoadedWarning, getDemoRefusal } from '../app/sync/demo-guard.server'
import {
  createSyncScheduler,
  getSyncScheduler,
  registerSyncScheduler,
} from '../app/sync/scheduler.server'
import {
  invalidBoardReposMessage,
  parseSyncTargets,
  type SyncTarget,
} from '../app/sync/sweep.server'
import { processPendingDeliveries } from '../app/sync/webhooks.server'
import { discardUnreadBodies, limitRequestBodies } from '../app/utils/body-limit.server'
import { githubAppOf, hasGitHubCredentials, type Env } from '../app/utils/env.server'
import { DATABASE_TROUBLE_MESSAGES } from '../app/utils/http.server'
import { describeError, log } from '../app/utils/log.server'
import { refuseMalformedPaths } from '../app/utils/malformed-path.server'
import { pageCache } from '../app/utils/page-cache.server'
import { rejectCrossSiteWrites } from '../app/utils/same-origin.server'
import { getLoadContext, securityHeaders } from '../app/utils/security-headers.server'
import {
  checkDatabase,
  closeDb,
  DatabaseSettingError,
  databaseTroubleOf,
  databaseConfigFromEnv,
  getDb,
  prepareDataDir,
} from '../db/client.server'
import { readDataVersion } from '../db/data-version.server'
import { migrateToLatest } from '../db/migrator'
import { migrations } from '../migrations'

import { productionBuildEnv, reasonToBuild } from './build-freshness'
import { loadEnvOrExit } from './lib'

// `npm start`: build when there is no build yet or the code changed since it was made, migrate,
// seed the demo into an empty database, then serve. `npm run dev` runs this with --dev under
// `remix dev`, which rebuilds on change.

const BUILD_PATH = path.resolve('build/index.js')
const isDev = process.argv.includes('--dev')
// Read by the root route, which then renders Remix's live-reload script.
if (isDev) process.env.PIONEER_BOARD_DEV_SERVER = '1'

async function importBuild(): Promise<ServerBuild> {
  // The query string busts Node's module cache so a rebuilt bundle is really reloaded.
  return import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`)
}

async function buildIfNeeded() {
  if (isDev) return
  const reason = reasonToBuild(BUILD_PATH, process.cwd())
  if (!reason) return
  console.log(`${reason}: building it (npm run build)...`)
  const result = spawnSync('npx', ['remix', 'build'], {
    stdio: 'inherit',
    env: productionBuildEnv(process.env),
  })
  // Ctrl-C reaches the build too; nothing is open yet, so the process stops as interrupted.
  if (result.signal) process.exit(128 + constants.signals[result.signal])
  if (result.status !== 0) {
    console.error('The build failed; see the output above.')
    process.exit(1)
  }
}

function requestLogger(): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      log.info('request', {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      })
    })
    next()
  }
}

// What the process does when an error reaches it (docs/decisions/013-database-outage.md): a lost
// database costs 503s, never the process; postgres.js can reject a promise nobody awaits when a
// connection is reset under it, so such a rejection is logged and the server carries on. Any
// other uncaught error is a bug whose damage is unknown: log it in full and exit 1, for the
// supervisor to restart a clean process. (The driver's own crash on a closed socket is fixed at
// its source: patches/postgres+*.patch.)
process.on('unhandledRejection', (reason) => {
  const trouble = databaseTroubleOf(reason)
  if (trouble) {
    log.error(trouble.kind === 'disk-full' ? 'database disk full' : 'database connection lost', {
      code: trouble.code,
      ...describeError(reason),
    })
    return
  }
  log.error('unhandled rejection', describeError(reason))
  process.exit(1)
})
process.on('uncaughtException', (error) => {
  log.error('uncaught exception; exiting', describeError(error))
  process.exit(1)
})

/**
 * A board set up as a GitHub App asks GitHub once whether it knows the app: an id it refuses (or
 * a key that is not the app's) stops start-up with one line, rather than every sweep failing.
 * GitHub out of reach is not the settings' fault: the server starts and the sweeps retry.
 */
async function checkGitHubApp(env: Env) {
  const app = githubAppOf(env)
  if (!app) return
  const { octokit } = createGitHubClient({ app, baseUrl: env.GITHUB_API_URL, retries: 1 })
  try {
    const { data } = await octokit.rest.apps.getAuthenticated()
    log.info('authenticating as a GitHub App', { app: data?.slug ?? app.appId })
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 401 || status === 403 || status === 404) {
      console.error(
        `Invalid setting GITHUB_APP_ID: GitHub refuses app ${app.appId} (${status}); check the id and that GITHUB_APP_PRIVATE_KEY is that app's key`,
      )
      process.exit(2)
    }
    log.warn('could not check the GitHub App with GitHub', describeError(error))
  }
}

/**
 * A board that mirrors BOARD_REPOS with GITHUB_TOKEN asks GitHub once whether it takes the token
 * (GET /rate_limit, free): a token it refuses stops start-up with one line, as an app id does,
 * rather than a server that looks up while every sweep and label write fails. Only then: the demo
 * never uses a token, so one left in a developer's shell must not stop it. GitHub out of reach is
 * not the settings' fault: the server starts and the sweeps retry.
 */
async function checkSyncTokenOrExit(env: Env) {
  if (!env.BOARD_REPOS || !env.GITHUB_TOKEN || githubAppOf(env)) return
  const { octokit } = createGitHubClient({
    token: env.GITHUB_TOKEN,
    baseUrl: env.GITHUB_API_URL,
    retries: 1,
  })
  try {
    await octokit.rest.rateLimit.get()
  } catch (error) {
    if ((error as { status?: number }).status === 401) {
      console.error(
        'Invalid setting GITHUB_TOKEN: GitHub refuses it (401 Bad credentials); set it to a valid token that can read the repositories BOARD_REPOS names',
      )
      process.exit(2)
    }
    log.warn('could not check GITHUB_TOKEN with GitHub', describeError(error))
  }
}

/**
 * What BOARD_REPOS names, checked at once whether or not anything syncs yet: a typo found only
 * when GITHUB_TOKEN is set later would be found too late.
 */
function boardTargetsOrExit(env: Env) {
  const { targets, invalid } = parseSyncTargets([env.BOARD_REPOS ?? ''])
  if (invalid.length > 0) {
    console.error(invalidBoardReposMessage(invalid))
    process.exit(2)
  }
  return targets
}

/**
 * The embedded database's folder, made and checked before PGlite opens it: PGlite neither
 * reports a folder it cannot use nor always returns (db/client.server.ts, prepareDataDir).
 */
function prepareDataDirOrExit(env: Env) {
  if (env.DATABASE_URL || env.DATA_DIR.startsWith('memory://')) return
  try {
    prepareDataDir(env.DATA_DIR)
  } catch (error) {
    if (!(error instanceof DatabaseSettingError)) throw error
    console.error(error.message)
    process.exit(2)
  }
}

function cannotListen(env: Env, error: Error) {
  const code = (error as { code?: unknown }).code
  // What to do: the usual causes are a server already running there and an address not this
  // machine's.
  const advice =
    code === 'EADDRINUSE'
      ? `: stop what listens there (another Pioneer Board?) or set PORT to a free port`
      : code === 'EADDRNOTAVAIL'
        ? `: set HOST to an address of this machine (127.0.0.1, or 0.0.0.0 for all)`
        : ''
  return `Cannot listen on ${env.HOST}:${env.PORT} (HOST, PORT): ${error.message}${advice}`
}

/**
 * Whether HOST:PORT can be listened on, asked before the database is opened, migrated and seeded:
 * a port in use (another server running) then costs one line at once, not a minute's work.
 */
async function checkPortOrExit(env: Env) {
  const probe = createServer()
  const error = await new Promise<Error | null>((resolve) => {
    probe.once('error', resolve)
    probe.listen(env.PORT, env.HOST, () => resolve(null))
  })
  if (error) {
    console.error(cannotListen(env, error))
    process.exit(1)
  }
  await new Promise((resolve) => probe.close(resolve))
}

/**
 * Whether the server sweeps GitHub on its own: as a GitHub App, or with BOARD_REPOS and a token,
 * unless SYNC_INTERVAL is off (another instance on the same database sweeps).
 */
function isSyncOn(env: Env) {
  return (
    env.SYNC_INTERVAL !== null &&
    (githubAppOf(env) !== null || Boolean(env.BOARD_REPOS && env.GITHUB_TOKEN))
  )
}

function startScheduledSync(env: Env, targets: SyncTarget[]) {
  const app = githubAppOf(env)
  const intervalMs = env.SYNC_INTERVAL
  if (intervalMs === null) {
    if (hasGitHubCredentials(env)) log.info('scheduled sync is off: SYNC_INTERVAL is off')
    return
  }
  if (!isSyncOn(env)) return
  registerSyncScheduler(
    createSyncScheduler({
      targets,
      intervalMs,
      // As an app, the installations say what to mirror (BOARD_REPOS narrows) and no token is used.
      ...(app ? { app } : { token: env.GITHUB_TOKEN }),
      baseUrl: env.GITHUB_API_URL,
    }),
  )
  log.info('scheduled sync is on', {
    targets: app ? `GitHub App installations ${env.BOARD_REPOS ?? ''}`.trim() : env.BOARD_REPOS,
    intervalMs: env.SYNC_INTERVAL,
  })
}

/**
 * Sends queued label changes to GitHub: every interval, and as soon as a plan is applied. On a
 * database holding the demo (which never mirrors GitHub) it only marks the changes queued on the
 * demo's copies skipped, with the reason: "write-back is on" would promise what never happens.
 */
function startLabelWorker(env: Env, holdsDemo: boolean) {
  const app = githubAppOf(env)
  if (!env.GITHUB_TOKEN && !app) return
  registerLabelWorker(
    createLabelWorkerLoop({
      ...(app ? { app } : { token: env.GITHUB_TOKEN }),
      baseUrl: env.GITHUB_API_URL,
      intervalMs: env.LABEL_WORKER_INTERVAL,
    }),
  )
  getLabelWorker()?.kick()
  if (holdsDemo) {
    log.info(
      'label changes stay on the board, never sent to GitHub: the MirageOS demo’s repositories are copies',
    )
  } else {
    log.info('label write-back is on', { intervalMs: env.LABEL_WORKER_INTERVAL })
  }
}

/** Records the day's starter-project supply (once a day) so the dashboard can show its history. */
function startSupplySnapshots(env: Env) {
  const record = () =>
    ensureSupplySnapshot(env.STARTER_DOMAINS).catch((error: unknown) =>
      log.error('recording the starter-project supply failed', describeError(error)),
    )
  void record()
  // Hourly: a check costs one indexed lookup, and a day is never missed by more than an hour.
  setInterval(() => void record(), 60 * 60_000).unref()
}

/**
 * Reminders and notification email, every NOTIFICATION_INTERVAL. The clock is real time; only a
 * test server (TEST_CLOCK_CONTROL=on, refused in production) lets a test move it forward.
 */
function startNotifications(env: Env, clock: () => Date) {
  const transport = env.SMTP_URL ? createSmtpTransport(env.SMTP_URL) : null
  return createNotificationLoop({
    intervalMs: env.NOTIFICATION_INTERVAL,
    clock,
    drainEmail: transport
      ? async (now) => drainEmailOutbox(transport, await emailSettings(), now)
      : undefined,
  })
}

/** POST /__test/clock?advanceMs=N moves the notification clock and runs the job once. */
function testClockControl(
  clock: ReturnType<typeof createMovableClock>,
  notifications: NotificationLoop,
): express.RequestHandler {
  return (req, res, next) => {
    if (req.path !== '/__test/clock' || req.method !== 'POST') return next()
    const advanceMs = Number(req.query.advanceMs ?? 0)
    if (!Number.isSafeInteger(advanceMs) || advanceMs < 0) {
      res.status(400).type('text/plain').send('advanceMs must be a whole number of milliseconds.')
      return
    }
    clock.advance(advanceMs)
    void notifications.runNow().then((run) => res.json({ now: clock.now(), run }))
  }
}

/**
 * Whether DATA_DIR holds no embedded database yet. Creating one, migrating it and loading the demo
 * take up to a minute on a small machine, and a first start that printed nothing all that time
 * read as hung.
 */
function isFirstEmbeddedStart(env: Env) {
  return (
    !env.DATABASE_URL &&
    !env.DATA_DIR.startsWith('memory://') &&
    !existsSync(path.join(env.DATA_DIR, 'PG_VERSION'))
  )
}

/**
 * What start-up changed in a database that an older version made (after a `git pull`, say), or
 * null for a new database or one already current: an upgrade said nothing, so whether it had
 * happened, and to what, was for the operator to guess.
 */
function upgradeLine(results: readonly MigrationResult[]) {
  const done = results.filter((result) => result.status === 'Success')
  if (done.length === 0 || done.length === Object.keys(migrations).length) return null
  return `upgraded the database: ${done.length} ${done.length === 1 ? 'migration' : 'migrations'} (the newest: ${done.at(-1)!.migrationName})`
}

/** Aborted once SIGINT or SIGTERM asks the process to stop: start-up then goes no further. */
const stopping = new AbortController()
/** The server once it listens; until then a stop interrupts start-up. */
let server: Server | undefined

/**
 * Stops the process on SIGINT or SIGTERM at any point, start-up included: PGlite must be closed to
 * flush its files and give back DATA_DIR, and Ctrl-C while a first start creates the database or
 * loads the demo used to end the process with it open. Closing waits for the step in progress
 * (PGlite finishes the query or transaction it runs, then closes). A running server exits 0, as
 * supervisors expect of a server they stop; an interrupted start-up exits 128 + the signal's
 * number (130 for Ctrl-C), as the shell's convention has it.
 */
function stopOnSignals() {
  // `on`, not `once`: tsx ends the process with the signal itself when no listener of ours is
  // left, which cut PGlite's close short. A second signal while stopping stops at once.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping.signal.aborted) process.exit(1)
    stopping.abort()
    console.log('Stopping Pioneer Board…')
    const code = server ? 0 : 128 + constants.signals[signal]
    if (server) {
      server.close()
      server.closeIdleConnections()
      // A sweep in progress ends on the closed database: said as stopped, not as a failure.
      getSyncScheduler()?.stop()
      // A database that does not answer must not keep a stopped server alive. (During start-up
      // the wait is for PGlite's step in progress, which ends; a second signal cuts it short.)
      // Past the 5 s closing gives queries in flight (a sweep holds a PostgreSQL connection
      // throughout), which used to lose the race and exit 1, as a failure, after a clean stop.
      setTimeout(() => process.exit(1), 10_000).unref()
    }
    void closeDb()
      .catch(() => {})
      .finally(() => process.exit(code))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

/** Awaits one step of start-up, and goes no further once a signal asked the process to stop. */
async function step<T>(work: Promise<T>): Promise<T> {
  const result = await work
  stopping.signal.throwIfAborted()
  return result
}

async function main() {
  stopOnSignals()
  const env = loadEnvOrExit()
  const targets = boardTargetsOrExit(env)
  await step(checkPortOrExit(env))
  const isFirstStart = isFirstEmbeddedStart(env)
  prepareDataDirOrExit(env)
  installGlobals()
  await buildIfNeeded()

  await step(checkGitHubApp(env))
  // A board that mirrors real repositories never gets demo issues mixed in.
  const seedsDemo = env.SEED_DEMO !== 'never' && !env.BOARD_REPOS && !githubAppOf(env)
  if (isFirstStart) {
    log.info(
      `creating the database in ${env.DATA_DIR}${seedsDemo ? ' and loading the MirageOS demo' : ''}: a first start takes up to a minute`,
    )
  }
  const db = getDb()
  await step(checkDatabase(db, databaseConfigFromEnv(env)))
  const migrated = await step(migrateToLatest(db))
  const upgrade = upgradeLine(migrated.results ?? [])
  if (upgrade) log.info(upgrade)
  // Read now rather than at the first request: a board without SESSION_SECRET makes its own
  // secret once and keeps it in the database, so sessions outlive a restart.
  await step(signingSecrets())
  if (!env.SESSION_SECRET)
    log.info('SESSION_SECRET is not set: signing with the board’s own secret')
  if (seedsDemo) {
    const seeded = await step(seedDemoIfEmpty(db, { triaged: env.SEED_DEMO !== 'untriaged' }))
    if (seeded) {
      log.info('loaded the MirageOS demo', seeded)
      const demoLoaded = demoLoadedWarning(env)
      if (demoLoaded) log.warn(demoLoaded)
    }
  }

  if (isSyncOn(env)) {
    const refusal = await step(getDemoRefusal(env, db, 'start-up'))
    if (refusal) {
      console.error(refusal)
      await closeDb()
      process.exit(2)
    }
  }
  await step(checkSyncTokenOrExit(env))
  startScheduledSync(env, targets)
  startSupplySnapshots(env)
  startLabelWorker(env, await step(holdsDemoRepositories(db)))
  const clock = createMovableClock()
  const notifications = startNotifications(env, clock.now)
  // Deliveries a crash left unprocessed are applied now rather than with the next delivery.
  void processPendingDeliveries().catch((error: unknown) =>
    log.error('processing pending webhook deliveries failed', describeError(error)),
  )

  let build = await step(importBuild())
  const app = express()
  app.disable('x-powered-by')
  app.use(requestLogger())
  app.use(discardUnreadBodies())
  app.use(
    securityHeaders({
      // <LiveReload> renders whenever NODE_ENV is development (as under `remix dev`).
      isDevelopment: env.NODE_ENV === 'development',
      // "Sign in with GitHub" posts a form that redirects to GitHub when JavaScript is off.
      formActionOrigins: env.GITHUB_CLIENT_ID ? [new URL(env.GITHUB_OAUTH_URL).origin] : [],
    }),
  )
  app.use(refuseMalformedPaths())
  if (env.TEST_CLOCK_CONTROL === 'on') {
    log.warn('TEST_CLOCK_CONTROL is on: POST /__test/clock moves the notification clock')
    app.use(testClockControl(clock, notifications))
  }
  app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
  app.use(express.static('public', { maxAge: '1h' }))
  app.use(limitRequestBodies())
  app.use(rejectCrossSiteWrites())
  // Anonymous pages are rendered once per state of the data and served to everyone from that
  // copy, with ETags; anything personal is marked private and never stored (page-cache.server.ts).
  // PAGE_CACHE=off renders every request (to compare, as the benchmark's load test does).
  if (!isDev && process.env.PAGE_CACHE !== 'off') {
    app.use(pageCache({ dataVersion: () => readDataVersion(db) }))
  }
  // One handler per build: making it derives the routes, which is not work for every request.
  let handler = createRequestHandler({ build, mode: build.mode, getLoadContext })
  let handlerBuild = build
  app.all('*', (req, res, next) => {
    if (handlerBuild !== build) {
      handler = createRequestHandler({ build, mode: build.mode, getLoadContext })
      handlerBuild = build
    }
    return handler(req, res, next)
  })
  app.use(((error, req, res, _next) => {
    const trouble = databaseTroubleOf(error)
    if (trouble) {
      log.error(trouble.kind === 'disk-full' ? 'database disk full' : 'database unavailable', {
        path: req.path,
        code: trouble.code,
        ...describeError(error, { withStack: false }),
      })
      res.status(503).set('Retry-After', '30').type('text/plain')
      res.send(DATABASE_TROUBLE_MESSAGES[trouble.kind])
      return
    }
    log.error('unhandled error', { path: req.path, ...describeError(error) })
    res.status(500).type('text/plain').send('Something went wrong on our side.')
  }) satisfies express.ErrorRequestHandler)

  if (isDev) {
    watch(path.dirname(BUILD_PATH), async () => {
      build = await importBuild()
      await broadcastDevReady(build)
    })
  }

  const demoSignIn = demoSignInWarning(env)
  if (demoSignIn) log.warn(demoSignIn)
  const noSignIn = noSignInWarning(env)
  if (noSignIn) log.warn(noSignIn)
  const syncOff = syncOffWarning(env)
  if (syncOff) log.warn(syncOff)
  const listening = app.listen(env.PORT, env.HOST, () => {
    const address = listening.address()
    const port = typeof address === 'object' && address ? address.port : env.PORT
    const host = env.HOST === '0.0.0.0' || env.HOST === '127.0.0.1' ? 'localhost' : env.HOST
    const origin = `http://${host}:${port}`
    // One write: whoever waits for the first line gets the next step with it.
    const nextStep = setupNextStepLine(listSettingsToFix(env, null), origin)
    console.log(`Pioneer Board is running at ${origin}${nextStep ? `\n${nextStep}` : ''}`)
    if (isDev) void broadcastDevReady(build)
  })
  server = listening
  listening.on('error', (error) => {
    // Taken since the check at start-up: the embedded database is closed cleanly all the same.
    console.error(cannotListen(env, error))
    void closeDb()
      .catch(() => {})
      .finally(() => process.exit(1))
  })
}

main().catch(async (error: unknown) => {
  // Stopped by a signal: a step failed on the database closed under it; the stop exits.
  if (stopping.signal.aborted) return
  console.error(
    `Pioneer Board could not start: ${error instanceof Error ? error.message : String(error)}`,
  )
  await closeDb().catch(() => {})
  process.exit(1)
})
