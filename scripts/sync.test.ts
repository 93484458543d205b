import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, expect, onTestFinished, test } from 'vitest'

import { loadDemoData } from '../app/demo/demo.server'
import { invalidBoardReposMessage } from '../app/sync/sweep.server'
import { DATA_DIR_LOCK_FILE } from '../db/client.server'
import { setupTestDatabase } from '../test/database'
import { freshDatabase, runScript } from '../test/e2e/harness'
import { createFakeGitHub, type FakeGitHub } from '../test/fake-github/server'
import { runCommand } from '../test/run-command'
import { closeFakeGitHub } from '../test/sync-helpers'

import { runSync } from './sync'

// The CLI as a user runs it, on a real database and the fake GitHub: runSync with the arguments
// and settings a process would get, and once as a real process (the refused token below) for the
// wiring of exit code and output.

// The worker's database, emptied before each test; the real process gets a fresh one of its own.
const getDb = setupTestDatabase()
let github: FakeGitHub

beforeEach(async () => {
  github = await createFakeGitHub()
  github.addRepository('mirage/mirage')
  github.addRepository('mirage/ocaml-dns')
  github.addIssues('mirage/mirage', 130, (index) => {
    github.clock.advance(1000)
    return { title: `Issue ${index}` }
  })
})

afterEach(async () => {
  await closeFakeGitHub(github)
})

const settings = (env: Record<string, string>) => ({
  DATABASE_URL: '',
  GITHUB_API_URL: github.url,
  GITHUB_TOKEN: 'test-token',
  BOARD_REPOS: '',
  ...env,
})

function sync(args: string[], env: Record<string, string> = {}) {
  return runCommand(runSync, args, settings(env), getDb())
}

/** `node --import tsx scripts/sync.ts`, as `npm run sync` starts it, on a fresh database. */
async function syncProcess(args: string[], env: Record<string, string> = {}) {
  const database = await freshDatabase()
  try {
    return await runScript('scripts/sync.ts', args, { ...settings(env), ...database.env })
  } finally {
    await database.drop()
  }
}

test('a sync prints a JSON summary and exits 0', async () => {
  const { code, stdout, stderr } = await sync(['mirage/mirage', 'mirage/ocaml-dns', '--json'])
  expect(code).toBe(0)
  // A first sync with no issues reads as synced, not as "unchanged" since a sync never made.
  expect(stderr).toContain('mirage/ocaml-dns: synced, nothing to copy (1 pages, 0 items)')
  const summary = JSON.parse(stdout)
  expect(summary.repositories).toMatchObject([
    { repository: 'mirage/mirage', outcome: 'updated', added: 130, pages: 2 },
    { repository: 'mirage/ocaml-dns', outcome: 'synced_empty', added: 0 },
  ])
  expect(summary.requests).toBe(2 + 1 + 2 + 2)
  expect(summary.rateLimit.remaining).toBeGreaterThan(0)

  const again = JSON.parse(
    (await sync(['--json'], { BOARD_REPOS: 'mirage/mirage,mirage/ocaml-dns' })).stdout,
  )
  expect(again).toMatchObject({ requests: 2, notModified: 2 })
})

test('with --json, stdout is the summary alone and the progress lines go to stderr', async () => {
  // A timer that ticks once as soon as it is set: the "still syncing" line, without waiting.
  const every = (_ms: number, tick: () => void) => {
    tick()
    return () => {}
  }
  const { code, stdout, stderr } = await runCommand(
    runSync,
    ['mirage/mirage', '--json'],
    settings({ BOARD_REPOS: 'mirage/mirage' }),
    getDb(),
    { every },
  )
  expect(code).toBe(0)
  expect(JSON.parse(stdout).repositories).toMatchObject([{ repository: 'mirage/mirage' }])
  expect(stderr.trim().split('\n')).toEqual([
    'Still syncing after 15 s: 0 of 1 repository done, 0 pages of issues read (0 items); storing what GitHub sent.',
    'mirage/mirage: updated (2 pages, 130 items)',
  ])
})

test('a repository named by its github.com address, as copied from the browser, is synced', async () => {
  const { code, stdout } = await sync(['https://github.com/mirage/mirage.git', '--json'])
  expect(code).toBe(0)
  expect(JSON.parse(stdout).repositories).toMatchObject([
    { repository: 'mirage/mirage', outcome: 'updated', added: 130 },
  ])
})

test('the readable summary names what needs attention and a partial failure exits 1', async () => {
  const { code, stdout, stderr } = await sync(['mirage/mirage', 'mirage/nope'])
  expect(code).toBe(1)
  expect(stdout).toContain('Issues: 130 added, 0 updated, 0 unchanged')
  expect(stdout).toMatch(/Requests: \d+ made, 0 answered 304/)
  expect(stdout).toContain('mirage/nope: no such repository (or the token cannot see it)')
  // Without a terminal, progress is one line per repository.
  expect(stderr).toContain('mirage/mirage: updated (2 pages, 130 items)')
})

test('a repository named outside BOARD_REPOS is synced, saying the server will not keep it fresh', async () => {
  // Synced once as asked, it then read as up to date on the board for ever after.
  const { code, stderr } = await sync(['mirage/mirage', 'Mirage/OCaml-DNS'], {
    BOARD_REPOS: 'mirage/ocaml-dns',
  })
  expect(code).toBe(0)
  expect(stderr.split('\n').filter((line) => line.includes('BOARD_REPOS'))).toEqual([
    'mirage/mirage is not in BOARD_REPOS: this run mirrored it once, and the running server will not keep it fresh. To have the server sync it every SYNC_INTERVAL, add it to BOARD_REPOS (comma-separated names) and restart the server.',
  ])
})

test('repositories of an organisation BOARD_REPOS names are kept fresh: no warning', async () => {
  const { code, stderr } = await sync(['mirage/mirage', 'mirage/ocaml-dns'], {
    BOARD_REPOS: 'robur,mirage',
  })
  expect(code).toBe(0)
  expect(stderr).not.toContain('BOARD_REPOS')
})

test('without BOARD_REPOS, what a sync mirrors is named as not kept fresh, three names at most', async () => {
  github.addRepository('mirage/mirage-tcpip')
  github.addRepository('mirage/irmin')
  const { code, stderr } = await sync(['mirage'])
  expect(code).toBe(0)
  expect(stderr).toMatch(
    /\n(mirage\/[a-z-]+, ){2}mirage\/[a-z-]+ and 1 more are not in BOARD_REPOS: this run mirrored them once, and the running server will not keep them fresh\. To have the server sync them every SYNC_INTERVAL, add them to BOARD_REPOS \(comma-separated names\) and restart the server\.\n$/,
  )
})

test('JSON of another shape from GitHub exits 1 with one line saying where, what and what to set', async () => {
  // What a proxy, or another JSON API at GITHUB_API_URL, answers: it once failed on a TypeError.
  github.faults.add({
    path: '/repos/mirage/mirage/issues',
    fault: { kind: 'not-the-api', contentType: 'application/json', body: '{"ok": true}' },
  })
  const { code, stdout, stderr } = await sync(['mirage/mirage'])
  expect(code).toBe(1)
  const problems = stdout.split('Needs attention:\n')[1]?.trimEnd().split('\n')
  expect(problems).toEqual([
    `  mirage/mirage: failed (${github.url} answered /repos/mirage/mirage/issues with JSON not shaped as GitHub's (a list of issues was expected, not an object): set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise))`,
  ])
  expect(stderr).not.toMatch(/TypeError|Cannot read/)
})

/** An address where nothing listens: a port just released. */
async function closedPortUrl() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

const lastOutcomes = async () =>
  Object.fromEntries(
    (
      await getDb()
        .selectFrom('repository_sync_state')
        .innerJoin('repository', 'repository.id', 'repository_sync_state.repository_id')
        .select(['repository.full_name', 'repository_sync_state.last_outcome'])
        .execute()
    ).map((row) => [row.full_name, row.last_outcome]),
  )

test('a GitHub that refuses connections is said once for the run, not once per repository', async () => {
  const url = await closedPortUrl()
  // Nothing mirrored yet: each name would be looked up, and each lookup fail after its retries.
  const { code, stdout, stderr } = await runCommand(
    runSync,
    ['mirage/mirage', 'mirage/ocaml-dns', 'mirage/irmin'],
    settings({ GITHUB_API_URL: url }),
    getDb(),
    { waitScale: 0 },
  )
  expect(code).toBe(1)
  expect(stdout).toBe('')
  expect(stderr.trim().split('\n')).toEqual([
    `Could not reach GitHub at ${url}: connection refused. Check GITHUB_API_URL and that this machine can reach it.`,
  ])
  expect(await lastOutcomes()).toEqual({})
})

test('mirrored repositories are not each tried once GitHub turns out unreachable', async () => {
  expect((await sync(['mirage/mirage', 'mirage/ocaml-dns'])).code).toBe(0)
  const url = await closedPortUrl()
  const { code, stdout, stderr } = await runCommand(
    runSync,
    ['mirage/mirage', 'mirage/ocaml-dns', '--concurrency', '1'],
    settings({ GITHUB_API_URL: url }),
    getDb(),
    { waitScale: 0 },
  )
  expect(code).toBe(1)
  expect(stdout).toBe('')
  // The first repository's progress line, then the one reason; the second is never tried.
  expect(stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^mirage\/(mirage|ocaml-dns): failed \(0 pages, 0 items\)$/),
    `Could not reach GitHub at ${url}: connection refused. Check GITHUB_API_URL and that this machine can reach it.`,
  ])
  expect(Object.values(await lastOutcomes()).sort()).toEqual(['failed', 'synced_empty'])
})

test('GitHub going out of reach part-way: the summary of what was stored, what was not reached, then the one line', async () => {
  github.addRepository('mirage/irmin')
  // The network goes as the second name is looked up: the fake stops listening and drops the
  // connection it was asked on, so the retries find the port closed.
  github.faults.add({
    path: '/repos/mirage/ocaml-dns',
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })
  const { code, stdout, stderr } = await runCommand(
    runSync,
    ['mirage/mirage', 'mirage/ocaml-dns', 'mirage/irmin', '--concurrency', '1'],
    settings({}),
    getDb(),
    { waitScale: 0 },
  )
  expect(code).toBe(1)
  expect(stdout).toContain('Repositories: 1\nIssues: 130 added, 0 updated, 0 unchanged')
  expect(stdout).toContain(
    '\nNot reached (GitHub stopped answering): mirage/ocaml-dns and mirage/irmin',
  )
  // The one reason comes last, once.
  const lines = stderr.trim().split('\n')
  expect(lines.at(-1)).toBe(
    `Could not reach GitHub at ${github.url}: connection refused. Check GITHUB_API_URL and that this machine can reach it.`,
  )
  expect(lines.filter((line) => line.startsWith('Could not reach'))).toHaveLength(1)
  expect(await lastOutcomes()).toEqual({ 'mirage/mirage': 'updated' })
})

test('GitHub going out of reach part-way, with --json: the summary on stdout names what was not reached', async () => {
  github.faults.add({
    path: '/repos/mirage/ocaml-dns',
    fault: { kind: 'mutate', run: (fake) => void fake.close() },
  })
  const { code, stdout, stderr } = await runCommand(
    runSync,
    ['mirage/mirage', 'mirage/ocaml-dns', '--concurrency', '1', '--json'],
    settings({}),
    getDb(),
    { waitScale: 0 },
  )
  expect(code).toBe(1)
  expect(JSON.parse(stdout)).toMatchObject({
    repositories: [{ repository: 'mirage/mirage', outcome: 'updated', added: 130 }],
    notReached: ['mirage/ocaml-dns'],
  })
  expect(stderr.trim().split('\n').at(-1)).toMatch(/^Could not reach GitHub at /)
})

test('a TLS failure (https to a plain-HTTP server) is said once for the run, naming TLS', async () => {
  const url = github.url.replace(/^http:/, 'https:')
  const { code, stderr } = await runCommand(
    runSync,
    ['mirage/mirage', 'mirage/ocaml-dns'],
    settings({ GITHUB_API_URL: url }),
    getDb(),
    { waitScale: 0 },
  )
  expect(code).toBe(1)
  expect(stderr.trim().split('\n')).toEqual([
    `Could not reach GitHub at ${url}: TLS failure (the server there does not speak TLS: http:// rather than https://?). Check GITHUB_API_URL and that this machine can reach it.`,
  ])
  expect(github.requestLog).toEqual([])
})

test('an address whose root is not GitHub’s API is said once for the run, naming what it answered', async () => {
  // GITHUB_API_URL naming a web site: every address, the root too, answers a page of HTML.
  github.faults.add({
    path: '**',
    times: Infinity,
    fault: { kind: 'not-the-api', contentType: 'text/html', body: '<html>Sign in</html>' },
  })
  const { code, stdout, stderr } = await runCommand(
    runSync,
    ['mirage/mirage', 'mirage/ocaml-dns', '--concurrency', '1'],
    settings({}),
    getDb(),
    { waitScale: 0 },
  )
  expect(code).toBe(1)
  expect(stdout).toBe('')
  expect(stderr.trim().split('\n')).toEqual([
    `Not GitHub's API at ${github.url}: ${github.url} answered / with text/html, not GitHub's JSON: set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)`,
  ])
  // One name looked up, then the root asked once: the other name never tried.
  expect(github.requestLog.map((entry) => entry.path)).toEqual(['/repos/mirage/mirage', '/'])
})

test('without a terminal, a run GitHub keeps waiting says every 15 s what it waits on', async () => {
  // GitHub holds the first page of issues until the test lets it go; the test ticks the timer.
  let release = () => {}
  let arrived = () => {}
  const hasArrived = new Promise<void>((resolve) => (arrived = resolve))
  github.faults.add({
    path: '/repos/mirage/mirage/issues',
    fault: {
      kind: 'mutate',
      run: () => {
        arrived()
        return new Promise<void>((resolve) => (release = resolve))
      },
    },
  })
  let tick = () => {}
  let interval = 0
  let isStopped = false
  const every = (ms: number, run: () => void) => {
    interval = ms
    tick = run
    return () => (isStopped = true)
  }
  const running = runCommand(runSync, ['mirage/mirage'], settings({}), getDb(), { every })
  await hasArrived
  tick()
  tick()
  release()
  const { code, stderr } = await running
  expect(code).toBe(0)
  expect(interval).toBe(15_000)
  expect(isStopped).toBe(true)
  expect(stderr.split('\n').filter((line) => line.startsWith('Still syncing'))).toEqual([
    'Still syncing after 15 s: 0 of 1 repository done, 0 pages of issues read (0 items); waiting on GitHub for GET /repos/mirage/mirage/issues.',
    'Still syncing after 30 s: 0 of 1 repository done, 0 pages of issues read (0 items); waiting on GitHub for GET /repos/mirage/mirage/issues.',
  ])
})

test('a token GitHub refuses exits 2 with one line saying what to set', async () => {
  const { code, stderr, stdout } = await syncProcess(['mirage/mirage'], {
    GITHUB_TOKEN: 'expired',
  })
  expect(code).toBe(2)
  expect(stderr.trim()).toBe(
    'GitHub refuses GITHUB_TOKEN (401): set it to a valid token that can read the repositories to mirror',
  )
  expect(stdout).toBe('')
})

test('no token, and a GitHub that requires one: exits 2 saying to set GITHUB_TOKEN or install the app', async () => {
  const { code, stderr } = await sync(['mirage/mirage'], { GITHUB_TOKEN: '' })
  expect(code).toBe(2)
  expect(stderr.trim().split('\n')).toEqual([
    'GITHUB_TOKEN is not set: GitHub allows only 60 unauthenticated requests an hour.',
    'GitHub requires credentials (401 without any): set GITHUB_TOKEN to a token that can read the repositories, or install the board as a GitHub App (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY)',
  ])
})

test('a BOARD_REPOS list separated by spaces or semicolons is refused naming the setting, with commas suggested, as start-up says it', async () => {
  for (const value of ['mirage/mirage mirage/ocaml-dns', 'mirage/mirage; mirage/ocaml-dns']) {
    const { code, stderr } = await sync([], { BOARD_REPOS: value })
    expect(code).toBe(2)
    expect(stderr.trim()).toBe(
      `Invalid setting BOARD_REPOS: “${value}” is neither owner/name nor an organisation name (letters, digits and dashes; a repository name may also hold . and _), nor a github.com address of one. Separate names with commas: BOARD_REPOS=mirage/mirage,mirage/ocaml-dns`,
    )
    expect(stderr.trim()).toBe(invalidBoardReposMessage([value]))
  }
  // Not a list of names: nothing suggested.
  expect(invalidBoardReposMessage(['not a repo!!'])).toBe(
    'Invalid setting BOARD_REPOS: “not a repo!!” is neither owner/name nor an organisation name (letters, digits and dashes; a repository name may also hold . and _), nor a github.com address of one',
  )
})

test('bad arguments exit 2 and say what is wrong', async () => {
  const unknown = await sync(['--everything'])
  expect(unknown.code).toBe(2)
  // One line that points to the help, not Node's advice on '--' before positional arguments.
  expect(unknown.stderr.trim()).toBe("Unknown option '--everything'. See npm run sync -- --help.")
  const missing = await sync(['--concurrency'])
  expect(missing.code).toBe(2)
  expect(missing.stderr.trim()).toBe(
    "Option '--concurrency <value>' argument missing. See npm run sync -- --help.",
  )

  const badName = await sync(['mirage/mirage', 'not a repo!'])
  expect(badName.code).toBe(2)
  expect(badName.stderr.trim()).toBe(
    'Not a repository (owner/name) or organisation name, nor a github.com address of one: not a repo!',
  )

  // One argument holding a list separated otherwise: commas are suggested.
  const oneWord = await sync(['mirage/mirage;mirage/ocaml-dns'])
  expect(oneWord.stderr.trim()).toBe(
    'Not a repository (owner/name) or organisation name, nor a github.com address of one: mirage/mirage;mirage/ocaml-dns. Separate names with commas: mirage/mirage,mirage/ocaml-dns',
  )

  const nothing = await sync([])
  expect(nothing.code).toBe(2)
  expect(nothing.stderr).toContain(
    'Name repositories or organisations to sync, or set BOARD_REPOS.',
  )
})

test('a database holding the MirageOS demo is refused with what to do, nothing synced into it', async () => {
  await loadDemoData(getDb(), undefined, { triaged: false })
  github.addRepository('mirage/ocaml-git')

  // An organisation (its repositories' names clash with the demo's) and one of its repositories.
  for (const args of [['mirage'], ['mirage/mirage']]) {
    const { code, stdout, stderr } = await sync(args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^This database holds the MirageOS demo \(14 repositories: /)
    expect(stderr).toContain('set DATA_DIR to a new folder')
    expect(stderr).toContain('mixed with issues mirrored from GitHub: nothing was synced.')
    expect(stderr.trim().split('\n')).toHaveLength(1)
  }
  expect(github.requestLog).toEqual([])
  const issues = await getDb()
    .selectFrom('issue')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  expect(Number(issues.count)).toBe(99)
})

test('on PostgreSQL, the demo refusal says how to get an empty database there, not DATA_DIR', async () => {
  await loadDemoData(getDb(), undefined, { triaged: false })
  const { code, stderr } = await sync(['mirage/mirage'], {
    DATABASE_URL: 'postgres://board@db.example:5432/pioneer_board',
  })
  expect(code).toBe(2)
  expect(stderr.trim()).toMatch(/^This database holds the MirageOS demo \(14 repositories: /)
  expect(stderr.trim()).toMatch(
    /Mirror into a database of its own: point DATABASE_URL at an empty database \(createdb\), or empty this one \(psql: DROP SCHEMA public CASCADE; CREATE SCHEMA public;\); with BOARD_REPOS set, start-up loads no demo\.$/,
  )
  expect(stderr).not.toContain('DATA_DIR')
  expect(github.requestLog).toEqual([])
})

test('a used-up rate limit is announced once with when it resets, not waited out in silence', async () => {
  const resetAt = Date.now() + 3_600_000
  github.rateLimit.set({ remaining: 0, resetAt })
  // The waits cost no time here (waitScale 0); the limit stays used up, so the retries run out.
  const { code, stderr } = await runCommand(runSync, ['mirage/mirage'], settings({}), getDb(), {
    waitScale: 0,
  })
  expect(code).toBe(1)
  const notices = stderr.split('\n').filter((line) => line.includes('rate limit'))
  expect(notices).toHaveLength(1)
  expect(notices[0]).toMatch(
    /^GitHub's rate limit for this token is used up until \d\d:\d\d UTC: waiting 6\d min, then going on/,
  )
})

test('while a used-up rate limit holds the requests, the progress lines say so, not that GitHub is slow', async () => {
  const resetAt = Date.now() + 3_600_000
  github.rateLimit.set({ remaining: 0, resetAt })
  let tick = () => {}
  const every = (_ms: number, run: () => void) => {
    tick = run
    return () => {}
  }
  // The first request meets the limit; the one sent after the wait ticks the progress line.
  github.faults.add({ path: /./, fault: { kind: 'delay', ms: 0 } })
  github.faults.add({ path: /./, fault: { kind: 'mutate', run: () => tick() } })
  const { stderr } = await runCommand(runSync, ['mirage/mirage'], settings({}), getDb(), {
    waitScale: 0,
    every,
  })
  const still = stderr.split('\n').filter((line) => line.startsWith('Still syncing'))
  expect(still).toEqual([
    expect.stringMatching(
      /^Still syncing after 15 s: 0 of 1 repository done, 0 pages of issues read \(0 items\); waiting for GitHub's rate limit until \d\d:\d\d UTC\.$/,
    ),
  ])
})

test('a database that refuses the connection is named as DATABASE_URL in one line, exit 1', async () => {
  const { code, stderr } = await runCommand(runSync, ['mirage/mirage'], {
    ...settings({}),
    DATABASE_URL: 'postgres://board:s3cret@127.0.0.1:1/board',
  })
  expect(code).toBe(1)
  expect(stderr).toBe(
    'could not connect to the database at DATABASE_URL (127.0.0.1:1): connection refused: start PostgreSQL there, or correct the host and port in DATABASE_URL\n',
  )
})

test('a DATA_DIR that is a file is a bad setting: exit code 2, as npm start, nothing synced', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'pioneer-board-sync-'))
  onTestFinished(() => rmSync(scratch, { recursive: true, force: true }))
  const file = path.join(scratch, 'a-file')
  writeFileSync(file, '')
  const { code, stderr } = await runCommand(runSync, ['mirage/mirage'], {
    ...settings({}),
    DATA_DIR: file,
  })
  expect(code).toBe(2)
  expect(stderr.trim()).toBe(`Invalid setting DATA_DIR: ${file} is a file, not a directory`)
  expect(github.requestLog).toEqual([])
})

test('the refusal names which of the board’s commands holds the embedded database', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'pioneer-board-sync-'))
  onTestFinished(() => rmSync(scratch, { recursive: true, force: true }))
  const dataDir = path.join(scratch, 'pglite')
  // A process whose command line reads like `npm run sync`'s, holding the lock.
  const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'scripts/sync.ts'])
  onTestFinished(() => void holder.kill())
  // Emitted once the child runs its own program (libuv waits for the exec), not the parent's copy.
  await once(holder, 'spawn')
  mkdirSync(dataDir)
  writeFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), `${holder.pid}\n`)
  const { code, stderr } = await runCommand(runSync, ['mirage/mirage'], {
    ...settings({}),
    DATA_DIR: dataDir,
  })
  expect(code).toBe(1)
  expect(stderr).toContain(`is open in another process (pid ${holder.pid}: npm run sync): stop it`)
})

test('an embedded database another process holds (a running server) is refused, nothing synced', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'pioneer-board-sync-'))
  onTestFinished(() => rmSync(scratch, { recursive: true, force: true }))
  const dataDir = path.join(scratch, 'pglite')
  // The test runner's pid stands for the server's: a live process other than this one.
  const server = process.ppid
  mkdirSync(dataDir)
  writeFileSync(path.join(dataDir, DATA_DIR_LOCK_FILE), `${server}\n`)
  const { code, stderr } = await runCommand(runSync, ['mirage/mirage'], {
    ...settings({}),
    DATA_DIR: dataDir,
  })
  expect(code).toBe(1)
  expect(stderr).toBe(
    `The embedded database in ${dataDir} (DATA_DIR) is open in another process (pid ${server}), such as a running server: stop it first, or use a PostgreSQL database (DATABASE_URL), which several processes can share.\n`,
  )
  expect(github.requestLog).toEqual([])
})
