import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { CompiledQuery } from 'kysely'
import { afterAll, beforeAll, expect, test } from 'vitest'

import { createDatabase, DATA_DIR_LOCK_FILE, PGLITE_POSTGRES_MAJOR } from '../../db/client.server'
import { createMigrator, migrateToLatest } from '../../db/migrator'
import { migrations } from '../../migrations'
import { createFakeGitHub, type FakeGitHub } from '../fake-github/server'

import { eventually, freePort, freshDatabase, runScript, startServer } from './harness'
import { createAgent, signInAsDemo } from './http'

// Every bad setting stops start-up at once with one line naming it: no stack trace, no hang, no
// server that starts anyway. Each server here gets a scratch folder, never the project's.

let scratch: string

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'pioneer-board-startup-'))
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

/** A bound on a start-up that should end at once; far above what a refusal takes. */
const REFUSAL_BOUND_MS = 60_000

let started = 0

type Outcome = {
  ended: 'exited' | 'listening' | 'hung'
  code: number | null
  stdout: string
  stderr: string
}

/** `npm start`'s script on a scratch embedded database and a free port, with `env` on top. */
async function spawnStart(env: Record<string, string>) {
  return spawn('node', ['--import', 'tsx', 'scripts/start.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      DATA_DIR: path.join(scratch, `db-${++started}`),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * Runs `npm start`'s script with `env` until it exits; a server that listens instead, or hangs
 * past REFUSAL_BOUND_MS, is stopped and reported as such (with what it printed).
 */
async function startUp(env: Record<string, string>): Promise<Outcome> {
  const child = await spawnStart(env)
  let stdout = ''
  let stderr = ''
  let ended: Outcome['ended'] = 'exited'
  const stop = (outcome: Outcome['ended']) => {
    ended = outcome
    child.kill('SIGKILL')
  }
  const timer = setTimeout(() => stop('hung'), REFUSAL_BOUND_MS)
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    if (stdout.includes('is running at')) stop('listening')
  })
  child.stderr.on('data', (chunk) => (stderr += chunk))
  // 'close', not 'exit': by then everything the process wrote has been read.
  await new Promise((resolve) => child.once('close', resolve))
  clearTimeout(timer)
  return { ended, code: child.exitCode, stdout, stderr }
}

test.skipIf(!existsSync('/proc/self'))(
  'a DATA_DIR that cannot be made stops start-up at once, naming DATA_DIR',
  async () => {
    // Node's recursive mkdir never returns on /proc: the old start-up hung there, silent.
    const { ended, code, stderr } = await startUp({ DATA_DIR: '/proc/nope' })
    expect({ ended, code }).toEqual({ ended: 'exited', code: 2 })
    // The system's reason (as root: no such file or directory) follows in brackets.
    expect(stderr).toMatch(
      /^Invalid setting DATA_DIR: cannot create the folder \/proc\/nope \([^)]+\)\n$/,
    )
  },
)

test('a DATA_DIR that is a file stops start-up, naming DATA_DIR', async () => {
  const file = path.join(scratch, 'a-file')
  writeFileSync(file, 'not a folder')
  expect(await startUp({ DATA_DIR: file })).toEqual({
    ended: 'exited',
    code: 2,
    stdout: '',
    stderr: `Invalid setting DATA_DIR: ${file} is a file, not a directory\n`,
  })
})

test('a DATA_DIR under a file names the file', async () => {
  const file = path.join(scratch, 'another-file')
  writeFileSync(file, 'not a folder')
  const { code, stderr } = await startUp({ DATA_DIR: path.join(file, 'pglite') })
  expect(code).toBe(2)
  expect(stderr).toBe(
    `Invalid setting DATA_DIR: cannot create ${file}/pglite: ${file} is a file, not a directory\n`,
  )
})

test('a DATA_DIR of other files stops start-up, naming DATA_DIR, and writes nothing there', async () => {
  // DATA_DIR=. put the database's files among the checkout's.
  const folder = mkdtempSync(path.join(scratch, 'a-folder-'))
  writeFileSync(path.join(folder, 'package.json'), '{}')
  expect(await startUp({ DATA_DIR: folder })).toEqual({
    ended: 'exited',
    code: 2,
    stdout: '',
    stderr: `Invalid setting DATA_DIR: ${folder} holds other files (package.json) and no database: name a new or empty folder (the database is created there)\n`,
  })
  expect(readdirSync(folder)).toEqual(['package.json'])
})

test('a DATA_DIR of another PostgreSQL version stops start-up, naming both versions and what to do', async () => {
  // PGlite said only "PGlite failed to initialize properly", after the build and a wait.
  const folder = mkdtempSync(path.join(scratch, 'pg16-'))
  writeFileSync(path.join(folder, 'PG_VERSION'), '16\n')
  expect(await startUp({ DATA_DIR: folder })).toEqual({
    ended: 'exited',
    code: 2,
    stdout: '',
    stderr: `Invalid setting DATA_DIR: ${folder} holds a database of PostgreSQL 16, and the embedded database (PGlite) is PostgreSQL ${PGLITE_POSTGRES_MAJOR}, which cannot open it: serve that folder with a PostgreSQL 16 server and set DATABASE_URL to it, or move ${folder} aside (the board then starts a new database there)\n`,
  })
  expect(readdirSync(folder)).toEqual(['PG_VERSION'])
})

test('a database that refuses the connection is named as DATABASE_URL, without its password', async () => {
  const { ended, code, stderr } = await startUp({
    DATABASE_URL: 'postgres://board:s3cret-pw@127.0.0.1:1/board',
  })
  expect({ ended, code }).toEqual({ ended: 'exited', code: 1 })
  expect(stderr).toBe(
    'Pioneer Board could not start: could not connect to the database at DATABASE_URL (127.0.0.1:1): connection refused: start PostgreSQL there, or correct the host and port in DATABASE_URL\n',
  )
})

test('a port that is not a number says what a port is', async () => {
  expect(await startUp({ PORT: 'abc' })).toEqual({
    ended: 'exited',
    code: 2,
    stdout: '',
    stderr: 'Invalid setting PORT: must be a whole number from 0 to 65535, got “abc”\n',
  })
})

test('a database holding the demo, started to mirror GitHub, stops start-up and says what to do', async () => {
  // `npm start` first (the demo), then BOARD_REPOS and a token on the same folder.
  const dataDir = path.join(scratch, 'demo-then-real')
  const seeded = await runScript('scripts/seed.ts', [], {
    DATABASE_URL: '',
    DATA_DIR: dataDir,
    SEED_DEMO: 'untriaged',
  })
  expect(seeded.code).toBe(0)
  const { ended, code, stderr } = await startUp({
    DATA_DIR: dataDir,
    BOARD_REPOS: 'mirage',
    GITHUB_TOKEN: 'a-token',
    GITHUB_API_URL: 'http://127.0.0.1:1',
  })
  expect({ ended, code }).toEqual({ ended: 'exited', code: 2 })
  expect(stderr).toMatch(/^This database holds the MirageOS demo \(14 repositories: .*\n$/)
  expect(stderr).toContain('set DATA_DIR to a new folder')
  // Start-up was asked for no sync: `npm run sync`'s "nothing was synced" did not fit here.
  expect(stderr).toContain('mixed with issues mirrored from GitHub: the board was not started.')
  expect(stderr).not.toContain('synced')
})

test('an unknown SEED_DEMO lists the values the README documents', async () => {
  expect(await startUp({ SEED_DEMO: 'yes' })).toEqual({
    ended: 'exited',
    code: 2,
    stdout: '',
    stderr: 'Invalid setting SEED_DEMO: must be auto, untriaged or never, got “yes”\n',
  })
})

test('a BOARD_REPOS entry that is not owner/name nor an organisation stops start-up', async () => {
  // Without GITHUB_TOKEN nothing syncs yet: the old start-up said nothing until a token came.
  const { ended, code, stderr } = await startUp({
    BOARD_REPOS: 'mirage/mirage, not a repo!!',
    GITHUB_TOKEN: '',
  })
  expect({ ended, code }).toEqual({ ended: 'exited', code: 2 })
  expect(stderr).toBe(
    'Invalid setting BOARD_REPOS: “not a repo!!” is neither owner/name nor an organisation name (letters, digits and dashes; a repository name may also hold . and _), nor a github.com address of one\n',
  )
})

test('a BOARD_REPOS list separated by spaces stops start-up suggesting commas', async () => {
  const { ended, code, stderr } = await startUp({
    BOARD_REPOS: 'mirage/mirage mirage/ocaml-dns',
    GITHUB_TOKEN: '',
  })
  expect({ ended, code }).toEqual({ ended: 'exited', code: 2 })
  expect(stderr).toBe(
    'Invalid setting BOARD_REPOS: “mirage/mirage mirage/ocaml-dns” is neither owner/name nor an organisation name (letters, digits and dashes; a repository name may also hold . and _), nor a github.com address of one. Separate names with commas: BOARD_REPOS=mirage/mirage,mirage/ocaml-dns\n',
  )
})

test('in production without GitHub sign-in, start-up says in one line that nobody can sign in', async () => {
  // Demo sign-in is off in production: the board started, read-only, and said nothing.
  const { ended, stderr } = await startUp({
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(32),
    GITHUB_CLIENT_ID: '',
    GITHUB_CLIENT_SECRET: '',
    SEED_DEMO: 'never',
  })
  expect(ended).toBe('listening')
  expect(stderr.split('\n').filter((line) => line.includes('sign in'))).toEqual([
    expect.stringMatching(
      /^WARN Nobody can sign in: GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are not set, and demo sign-in is off with NODE_ENV=production/,
    ),
  ])
})

test('BOARD_REPOS without GITHUB_TOKEN: start-up says in one line that the server never syncs it', async () => {
  // The server started, said nothing, and the board stayed empty: sync needs the token.
  const { ended, stderr } = await startUp({ BOARD_REPOS: 'mirage', GITHUB_TOKEN: '' })
  expect(ended).toBe('listening')
  expect(stderr.split('\n').filter((line) => line.includes('BOARD_REPOS'))).toEqual([
    'WARN BOARD_REPOS is set, but without GITHUB_TOKEN (or a GitHub App) the server never syncs it: set GITHUB_TOKEN to a token that can read those repositories and restart, or sync once with npm run sync (unauthenticated: 60 requests an hour).',
  ])
})

test('a token without BOARD_REPOS: start-up says the demo it loaded keeps this database from mirroring, and what to do', async () => {
  // Following the README one step per start (database, token, then BOARD_REPOS), the database
  // got the demo with no word of what that means until BOARD_REPOS was refused a start later.
  const dataDir = path.join(scratch, 'token-no-repos')
  const { ended, stderr } = await startUp({
    DATA_DIR: dataDir,
    GITHUB_TOKEN: 'a-token',
    GITHUB_API_URL: 'http://127.0.0.1:1',
  })
  expect(ended).toBe('listening')
  expect(stderr.split('\n').filter((line) => line.includes('MirageOS demo'))).toEqual([
    `WARN GITHUB_TOKEN is set but BOARD_REPOS is not, so this database got the MirageOS demo, and a database holding the demo never mirrors GitHub. To mirror your repositories, set BOARD_REPOS and set DATA_DIR to a new folder (or delete the demo’s, ${dataDir}), or DATABASE_URL to an empty database.`,
  ])
})

test('SYNC_INTERVAL=off: a server that shares its database with one that sweeps does not sweep itself', async () => {
  // Two instances on one database each swept on their own timer, doubling the requests.
  const sweeping = await startUp({
    BOARD_REPOS: 'acme',
    GITHUB_TOKEN: 'a-token',
    GITHUB_API_URL: 'http://127.0.0.1:1',
  })
  expect(`${sweeping.stdout}${sweeping.stderr}`).toContain('scheduled sync is on')
  const { ended, stdout, stderr } = await startUp({
    BOARD_REPOS: 'acme',
    GITHUB_TOKEN: 'a-token',
    GITHUB_API_URL: 'http://127.0.0.1:1',
    SYNC_INTERVAL: 'off',
  })
  expect(ended).toBe('listening')
  const output = `${stdout}${stderr}`
  expect(output).toContain('scheduled sync is off: SYNC_INTERVAL is off')
  expect(output).not.toContain('scheduled sync is on')
})

test('a board set up to mirror GitHub says, with the address it runs at, what setup still needs and where', async () => {
  // It said only "is running at": nothing named /setup, where the rest of setting up is listed.
  const { ended, stdout } = await startUp({
    BOARD_REPOS: 'acme',
    GITHUB_TOKEN: 'a-token',
    GITHUB_API_URL: 'http://127.0.0.1:1',
  })
  expect(ended).toBe('listening')
  expect(stdout).toMatch(
    /Pioneer Board is running at (http:\/\/localhost:\d+)\nNext: 2 settings need attention \(GITHUB_WEBHOOK_SECRET; GITHUB_CLIENT_ID \/ GITHUB_CLIENT_SECRET\): sign in as a maintainer and open \1\/setup\n/,
  )
})

test('a first start on a new DATA_DIR says it is creating the database and loading the demo, once', async () => {
  // Up to a minute of silence after `npm start` read as a hung server.
  const dataDir = path.join(scratch, 'first-start')
  const first = await startUp({ DATA_DIR: dataDir })
  expect(first.ended).toBe('listening')
  const lines = first.stdout.split('\n')
  const creating = lines.findIndex((line) => line.includes('creating the database'))
  expect(lines[creating]).toBe(
    `INFO creating the database in ${dataDir} and loading the MirageOS demo: a first start takes up to a minute`,
  )
  expect(creating).toBeLessThan(
    lines.findIndex((line) => line.includes('loaded the MirageOS demo')),
  )
  // The demo is not set up to mirror GitHub: no setup to send anyone to.
  expect(first.stdout).not.toContain('/setup')
  // The second start opens the database it made: nothing to announce.
  const second = await startUp({ DATA_DIR: dataDir })
  expect(second.ended).toBe('listening')
  expect(second.stdout).not.toContain('creating the database')
})

test('a database an older version made is upgraded, and start-up says so once', async () => {
  // After a `git pull`: the upgrade said nothing, so whether it had happened was a guess.
  const dataDir = path.join(scratch, 'older-version')
  const older = createDatabase({ dataDir, poolSize: 1 })
  await migrateToLatest(older)
  const migrator = createMigrator(older)
  await migrator.migrateDown()
  await migrator.migrateDown()
  await older.destroy()
  const newest = Object.keys(migrations).at(-1)
  const upgrade = await startUp({ DATA_DIR: dataDir, SEED_DEMO: 'never' })
  expect(upgrade.ended).toBe('listening')
  expect(upgrade.stdout.split('\n').filter((line) => line.includes('upgraded'))).toEqual([
    `INFO upgraded the database: 2 migrations (the newest: ${newest})`,
  ])
  const again = await startUp({ DATA_DIR: dataDir, SEED_DEMO: 'never' })
  expect(again.ended).toBe('listening')
  expect(again.stdout).not.toContain('upgraded')
})

test('an address this machine does not have names HOST and PORT', async () => {
  // 192.0.2.1 is reserved for documentation: no machine has it, and no name lookup is needed.
  const { ended, code, stderr } = await startUp({ HOST: '192.0.2.1', SEED_DEMO: 'never' })
  expect({ ended, code }).toEqual({ ended: 'exited', code: 1 })
  expect(stderr).toMatch(
    /^Cannot listen on 192\.0\.2\.1:\d+ \(HOST, PORT\): listen EADDRNOTAVAIL.*: set HOST to an address of this machine/,
  )
})

test('a port in use stops start-up at once, before the database is made, migrated or seeded', async () => {
  const taken = createServer()
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve))
  const port = (taken.address() as AddressInfo).port
  const dataDir = path.join(scratch, 'port-in-use')
  try {
    const { ended, code, stderr } = await startUp({ PORT: String(port), DATA_DIR: dataDir })
    expect({ ended, code }).toEqual({ ended: 'exited', code: 1 })
    expect(stderr).toBe(
      `Cannot listen on 127.0.0.1:${port} (HOST, PORT): listen EADDRINUSE: address already in use 127.0.0.1:${port}: stop what listens there (another Pioneer Board?) or set PORT to a free port\n`,
    )
    // Nothing was opened: no embedded database left half-closed.
    expect(existsSync(dataDir)).toBe(false)
  } finally {
    await new Promise((resolve) => taken.close(resolve))
  }
})

test('stopped with SIGTERM, the server says so and exits 0', async () => {
  const child = await spawnStart({ SEED_DEMO: 'never' })
  let stdout = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    if (stdout.includes('is running at')) child.kill('SIGTERM')
  })
  const code = await new Promise((resolve) => child.once('close', resolve))
  expect(code).toBe(0)
  expect(stdout).toMatch(/is running at .*\nStopping Pioneer Board…\n$/s)
})

test('stopped with SIGTERM while a sweep runs, the server exits 0 and says the sweep stopped, not failed', async () => {
  // On PostgreSQL a sweep holds a connection throughout: closing waited its 5 s for it, the exit
  // timer (5 s too) won, and a clean stop exited 1 after "sync sweep failed: driver has already
  // been destroyed" with its stack. (PGlite closes at once: there the process is gone first.)
  const github = await createFakeGitHub()
  const database = await freshDatabase()
  try {
    github.addRepository('acme/app')
    github.addIssues('acme/app', 250, (index) => ({ title: `Issue ${index}` }))
    // Every page takes a while: the stop comes while the sweep waits for one.
    github.faults.add({ path: '/repos/**', times: Infinity, fault: { kind: 'delay', ms: 3_000 } })
    const child = await spawnStart({
      ...database.env,
      BOARD_REPOS: 'acme/app',
      GITHUB_TOKEN: 'test-token',
      GITHUB_API_URL: github.url,
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    const closed = new Promise((resolve) => child.once('close', resolve))
    // A page of issues answered: the sweep runs, and waits for the next one.
    await eventually(async () => {
      expect(github.requestLog.some((entry) => entry.path.includes('/issues'))).toBe(true)
    }, REFUSAL_BOUND_MS)
    child.kill('SIGTERM')
    expect(await closed).toBe(0)
    expect(output).toContain('Stopping Pioneer Board…')
    expect(output).not.toContain('sync sweep failed')
  } finally {
    await github.close()
    await database.drop()
  }
})

test('Ctrl-C while the first start creates the database closes it, and exits 130', async () => {
  // Interrupted before it listened, the server used to die at once with the embedded database
  // open: its lock left behind, and whatever PGlite had not yet written lost.
  const dataDir = path.join(scratch, 'interrupted-first-start')
  const child = await spawnStart({ DATA_DIR: dataDir })
  let stdout = ''
  let stderr = ''
  let interrupted = false
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    // The line comes just before PGlite starts creating the database, seconds of work. Once:
    // a second Ctrl-C stops at once.
    if (!interrupted && stdout.includes('creating the database')) {
      interrupted = true
      child.kill('SIGINT')
    }
  })
  child.stderr.on('data', (chunk) => (stderr += chunk))
  await new Promise((resolve) => child.once('close', resolve))
  expect({ code: child.exitCode, signal: child.signalCode, stderr }).toEqual({
    code: 130,
    signal: null,
    stderr: '',
  })
  expect(stdout).toMatch(/creating the database .*\nStopping Pioneer Board…\n$/s)
  // Closed: the lock given back, and the folder opens again as a database.
  expect(existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false)
  const reopened = createDatabase({ dataDir, poolSize: 1 })
  try {
    const { rows } = await reopened.executeQuery<{ one: number }>(
      CompiledQuery.raw('select 1 as one'),
    )
    expect(rows).toEqual([{ one: 1 }])
  } finally {
    await reopened.destroy()
  }
})

test('`npm start` stopped with SIGTERM, as a supervisor stops it, stops the server', async () => {
  // npm runs the script under `sh -c`, which dies of the signal without passing it on: the
  // server then kept running, orphaned, holding the embedded database a backup was about to copy.
  const dataDir = path.join(scratch, 'npm-start')
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      SEED_DEMO: 'never',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
    // Its own process group, so that whatever is left of it can be stopped after the test.
    detached: true,
  })
  try {
    let stdout = ''
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk
        if (stdout.includes('is running at')) resolve()
      })
    })
    child.kill('SIGTERM')
    // The pipe closes once every process holding it, the server included, has exited.
    let hung = false
    const timer = setTimeout(() => {
      hung = true
      process.kill(-child.pid!, 'SIGKILL')
    }, REFUSAL_BOUND_MS)
    await new Promise((resolve) => child.stdout.once('close', resolve))
    clearTimeout(timer)
    expect(hung).toBe(false)
    // Stopped cleanly: the embedded database was closed and its lock given back. (Under tsx's
    // own runner a second, relayed SIGTERM sometimes cut the shutdown short.)
    expect(existsSync(path.join(dataDir, DATA_DIR_LOCK_FILE))).toBe(false)
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // Everything in it has exited.
    }
  }
})

let github: FakeGitHub | undefined

afterAll(async () => {
  await github?.close()
})

test('a token revoked once the board runs: one log line per sweep, and /setup shows the token failing', async () => {
  github = await createFakeGitHub()
  github.addRepository('acme/app')
  const server = await startServer({
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: 'test-token',
    BOARD_REPOS: 'acme/app',
    SYNC_INTERVAL: '1h',
  })
  try {
    // A token GitHub refuses at start-up stops it (scheduled-sync.test.ts); this one was good.
    github.refuseToken('test-token')
    const maintainer = createAgent(server.url)
    await signInAsDemo(maintainer, 'maintainer')
    // "Sync now" until a sweep runs after the revocation (one already running answers 409).
    await eventually(async () => {
      if (!server.output().includes('sync sweep failed')) await maintainer.post('/sync?index')
      expect(server.output()).toContain('sync sweep failed')
    }, 30_000)
    const failure = server.output().slice(server.output().indexOf('ERROR sync sweep failed'))
    expect(failure.split('\n')[0]).toBe(
      'ERROR sync sweep failed error=GitHub refuses GITHUB_TOKEN (401): set it to a valid token that can read the repositories to mirror',
    )
    // No stack trace after it.
    expect(failure).not.toMatch(/^\s+at /m)

    const response = await maintainer.get('/setup')
    expect(response.status).toBe(200)
    // React separates text runs with empty comments in server HTML.
    const page = (await response.text()).replaceAll('<!-- -->', '')
    expect(page).toMatch(/>Failing<\/span> <span><code>GITHUB_TOKEN<\/code>/)
    expect(page).toContain('GitHub refuses the token (401 Bad credentials): set GITHUB_TOKEN')
    expect(page).not.toMatch(/>Set<\/span> <span><code>GITHUB_TOKEN</)
  } finally {
    github.acceptToken('test-token')
    await server.stop()
  }
})

test('a demo board with a token says its label changes are never sent, not that they are', async () => {
  github ??= await createFakeGitHub()
  // The demo's repositories bear the real names: the label worker skips them whatever the token.
  const server = await startServer({ GITHUB_API_URL: github.url, GITHUB_TOKEN: 'token' })
  try {
    const page = (await (await fetch(`${server.url}/`)).text()).replaceAll('<!-- -->', '')
    expect(page).toContain(
      'Nothing is sent to GitHub<span class="hidden sm:inline">: the demo’s repositories are copies, so their label changes are never sent</span>.',
    )
    expect(page).not.toContain('sent to GitHub with the server’s token')
    // The log agrees: the label worker only marks the demo's changes skipped, never sends them.
    const log = server.output()
    expect(log).toContain(
      'INFO label changes stay on the board, never sent to GitHub: the MirageOS demo’s repositories are copies\n',
    )
    expect(log).not.toContain('label write-back is on')
  } finally {
    await server.stop()
  }
})

test('demo sign-in on a mirror with a token says demo people’s label changes are never sent, not that they are', async () => {
  github ??= await createFakeGitHub()
  github.addRepository('acme/banner')
  const server = await startServer({
    GITHUB_API_URL: github.url,
    GITHUB_TOKEN: 'test-token',
    BOARD_REPOS: 'acme/banner',
    SYNC_INTERVAL: '1h',
  })
  try {
    const page = (await (await fetch(`${server.url}/`)).text()).replaceAll('<!-- -->', '')
    expect(page).toContain(
      'Nothing is sent to GitHub<span class="hidden sm:inline">: demo people’s label changes are never sent, even on a mirror of GitHub</span>.',
    )
    expect(page).not.toContain('sent to GitHub with the server’s token')
    // A mirror sends its own people's label changes: there write-back is on.
    expect(server.output()).toContain('INFO label write-back is on')
    expect(server.output()).not.toContain('label changes stay on the board')
  } finally {
    await server.stop()
  }
})

test('a demo board without a token says its label changes are never sent, not that a token would send them', async () => {
  // The label worker skips the demo's copies whatever the token: "no token" is not the reason.
  const server = await startServer({})
  try {
    const page = (await (await fetch(`${server.url}/`)).text()).replaceAll('<!-- -->', '')
    expect(page).toContain(
      'Nothing is sent to GitHub<span class="hidden sm:inline">: the demo’s repositories are copies, so their label changes are never sent</span>.',
    )
    expect(page).not.toContain('no GitHub token')
  } finally {
    await server.stop()
  }
})
