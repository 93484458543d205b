import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temporary folder,
// pg_ctl on a free loopback port, trust authentication, deleted on stop. For tests durability is
// switched off (fsync, synchronous_commit, full_page_writes) because the data is thrown away
// anyway; the benchmark asks for PostgreSQL's default, durable settings, as a deployment runs.

function findBinary(name: string) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name)
  }
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : []
  for (const version of versions) {
    const candidate = path.join(root, version, 'bin', name)
    if (existsSync(candidate)) return candidate
  }
  throw new Error(
    `PostgreSQL's ${name} was not found on PATH or in ${root}/*/bin; install it with: apt-get install postgresql`,
  )
}

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

// initdb refuses to run as root; as root, the cluster belongs to the postgres system user.
function asClusterOwner(binary: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ['runuser', ['-u', 'postgres', '--', binary, ...args]]
    : [binary, args]
}

/** Runs one of PostgreSQL's programs (initdb, pg_ctl) as the cluster's owner. */
function runAsClusterOwner(name: string, args: string[]) {
  const [command, commandArgs] = asClusterOwner(findBinary(name), args)
  execFileSync(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'] })
}

/**
 * Makes a cluster's data directory in `dataDir` (a folder to be, inside `dir`), as the installed
 * PostgreSQL's initdb does. As root, `dir` is opened to the postgres system user, who owns it.
 */
export function initCluster(dir: string, dataDir: string) {
  if (process.getuid?.() === 0) {
    chmodSync(dir, 0o777)
  }
  runAsClusterOwner('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-locale',
  ])
}

export type PostgresCluster = {
  url: string
  /** Stops the server at once, as a crash would (`pg_ctl -m immediate`), keeping its data. */
  crash: () => void
  /** Starts the server again on the same port and data after `crash`. */
  restart: () => void
  /** Stops the server and deletes the cluster. */
  stop: () => void
  /** The running postmaster's process id. */
  pid: () => number
  durable: boolean
}

export async function startPostgresCluster(
  settings: { durable?: boolean } = {},
): Promise<PostgresCluster> {
  // PostgreSQL's defaults (fsync, synchronous_commit, full_page_writes on) when durable.
  const durable = settings.durable ?? false
  const dir = mkdtempSync(path.join(tmpdir(), 'pioneer-board-pg-'))
  const dataDir = path.join(dir, 'data')
  const port = await freePort()
  initCluster(dir, dataDir)
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=200',
  ].join(' ')
  const start = () =>
    runAsClusterOwner('pg_ctl', [
      '-D',
      dataDir,
      '-o',
      options,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      'start',
    ])
  start()
  // postmaster.pid's first line: the process whose CPU time, with its children's, is the server's.
  const pid = () =>
    Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
  const crash = () => runAsClusterOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop'])

  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    try {
      // Already stopped when a crash was not followed by a restart.
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) crash()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash,
    restart: start,
    stop,
    pid,
    durable,
  }
}

/** Runs a command with DATABASE_URL set to a fresh cluster; the cluster goes when it ends. */
export async function runWithPostgres(command: string, args: string[]) {
  const cluster = await startPostgresCluster()
  console.log(`Started a throwaway PostgreSQL at ${cluster.url}`)
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: cluster.url },
  })
  const forward = (signal: NodeJS.Signals) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  const code = await new Promise<number>((resolve) => {
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)))
  })
  cluster.stop()
  return code
}
