import { existsSync, readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, parseEnv as parseEnvFile, type ParseArgsConfig } from 'node:util'

import { distance } from 'fastest-levenshtein'

import type { WorkerClock } from '../app/labels/outbox/write-gate'
import { EnvSchema, InvalidEnvError, parseEnv, type Env } from '../app/utils/env.server'
import {
  checkDatabase,
  createDatabase,
  DatabaseSettingError,
  databaseConfigFromEnv,
  type Database,
} from '../db/client.server'

/**
 * Reads the settings file into `env`, its real variables winning: `.env` when there is one, or
 * the file ENV_FILE names (which must exist). `ENV_FILE=none` reads none: the tests set it, so a
 * checkout's `.env` never changes what the servers and commands they start see.
 */
export function loadEnvFile(env: Record<string, string | undefined> = process.env) {
  const named = env.ENV_FILE || undefined
  if (named === 'none') return
  const file = named ?? '.env'
  if (!existsSync(file)) {
    if (named) throw new InvalidEnvError([`Invalid setting ENV_FILE: no file ${named}`])
    return
  }
  const values = parseEnvFile(readFileSync(file, 'utf8'))
  const misspelt = Object.keys(values).flatMap((name) => {
    const meant = settingMisspeltAs(name)
    return meant
      ? [`Invalid setting ${name} in ${file}: there is no such setting; did you mean ${meant}?`]
      : []
  })
  if (misspelt.length > 0) throw new InvalidEnvError(misspelt)
  for (const [name, value] of Object.entries(values)) {
    if (env[name] === undefined) env[name] = value
  }
}

/** The names the board reads: every setting, ENV_FILE, and the benchmark's PAGE_CACHE. */
const SETTING_NAMES: readonly string[] = [
  ...Object.keys(EnvSchema.innerType().shape),
  'ENV_FILE',
  'PAGE_CACHE',
]

/**
 * The setting a name in the settings file is a slip of the keyboard for (BOARD_REPO, Board_Repos,
 * SYNC_INTERAVL), or null. Such a name was ignored without a word, and with it the setting: a
 * board whose BOARD_REPOS was misspelt loaded the MirageOS demo into the database meant to mirror
 * GitHub, which then had to be emptied. Other names (TZ, a PGPASSWORD) are left alone: a .env
 * file may hold more than the board's settings.
 */
export function settingMisspeltAs(name: string): string | null {
  if (SETTING_NAMES.includes(name)) return null
  const written = name.toUpperCase()
  let meant: string | null = null
  let closest = Infinity
  for (const setting of SETTING_NAMES) {
    const slips = distance(written, setting)
    // One slip in a short name (PORTS); two in a longer one (GITHUB_TOKN, BORAD_REPOS).
    if (slips <= (setting.length <= 6 ? 1 : 2) && slips < closest) {
      meant = setting
      closest = slips
    }
  }
  return meant
}

/**
 * Loads the settings file (loadEnvFile), then checks every setting. A bad setting ends the
 * command with one line per problem, never a stack trace.
 */
export function loadEnvOrExit(): Env {
  try {
    loadEnvFile()
    return parseEnv()
  } catch (error) {
    if (error instanceof InvalidEnvError) {
      for (const problem of error.problems) console.error(problem)
      process.exit(2)
    }
    throw error
  }
}

/**
 * Runs a command-line entry point: prints a failure as one line and sets the exit code, 2 for a
 * database setting wrong in itself (as exitCodeOf), else 1.
 */
export function runMain(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(error instanceof DatabaseSettingError && error.invalid ? 2 : 1)
  })
}

/**
 * What a command reads and where it writes, passed in rather than taken from `process`: the
 * tests run a command in their own process this way, against their own database and fake GitHub.
 */
export type CommandIo = {
  argv: string[]
  /** The environment the settings are read from (process.env, with .env, for the real command). */
  env: Record<string, string | undefined>
  /** Writes one line (the newline is added), as console.log does. */
  out: (line: string) => void
  /** Writes one line to stderr, as console.error does. */
  err: (line: string) => void
  /** The terminal to draw progress bars on, when someone watches stderr. */
  terminal?: NodeJS.WriteStream
  /** The terminal to ask questions on, when someone types at stdin (none: never ask). */
  input?: NodeJS.ReadStream
  /** Where the command reads the time and spends its waits; the system's by default. */
  clock?: WorkerClock
  /**
   * Runs `tick` every `ms` until the function it returns is called (setInterval by default): the
   * tests tick it themselves, never waiting.
   */
  every?: (ms: number, tick: () => void) => () => void
  /** Scales the GitHub client's waits (createGitHubClient's waitScale): 1 by default, 0 in tests. */
  waitScale?: number
  /** An open database to work on; without one, the command opens the settings' (withDatabase). */
  db?: Database
}

/** Bad arguments or settings: the command ends with exit code 2 and this message, nothing done. */
export class UsageError extends Error {}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * A command's arguments, read by `parseArgs`; a bad one is a UsageError of one line that points
 * to the command's help. Node's own message goes on about `--` before positional arguments, which
 * is not what someone who mistyped an option needs.
 */
export function readCommandArguments<T extends ParseArgsConfig>(command: string, config: T) {
  try {
    return parseArgs(config)
  } catch (error) {
    const problem = messageOf(error)
      .split(/(?<=\.) /)[0]!
      .replace(/([^.])$/, '$1.')
    throw new UsageError(`${problem} See npm run ${command} -- --help.`)
  }
}

/**
 * For a command that takes no arguments but --help (`npm run db:migrate`, `npm run db:seed`):
 * prints `usage` and exits 0 on --help; anything else ends the command with one line and exit 2
 * before it touches the database. Such a command ran whatever it was given, so a mistyped
 * `npm run db:seed -- --dry-run` loaded the demo.
 */
export function readNoArgumentsOrExit(
  command: string,
  usage: string,
  argv = process.argv.slice(2),
) {
  try {
    const { values } = readCommandArguments(command, {
      args: argv,
      options: { help: { type: 'boolean', short: 'h', default: false } },
    })
    if (values.help) {
      console.log(usage)
      process.exit(0)
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(error.message)
    process.exit(2)
  }
}

/** Every setting of `source` checked; a bad one is a UsageError with one line per problem. */
export function readSettings(source: CommandIo['env']): Env {
  try {
    return parseEnv(source)
  } catch (error) {
    if (error instanceof InvalidEnvError) throw new UsageError(error.problems.join('\n'))
    throw error
  }
}

/**
 * Runs `work` on the command's database: `io.db` when given (left open), else the one the
 * settings name, opened for the run and closed after it (an embedded one is a folder that only
 * one process may hold). A database that cannot be reached or opened is a DatabaseSettingError
 * naming the setting, as at start-up.
 */
export async function withDatabase<T>(
  io: CommandIo,
  env: Env,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  if (io.db) return work(io.db)
  const config = databaseConfigFromEnv(env)
  const db = createDatabase(config)
  try {
    await checkDatabase(db, config)
    return await work(db)
  } finally {
    await db.destroy()
  }
}

/**
 * The exit code of a command's `work`: its own, 2 with the message of a UsageError or of a
 * database setting that is wrong in itself, 1 with a one-line description (`describeFailure`) of
 * any other failure, never a stack trace.
 */
export async function exitCodeOf(
  io: CommandIo,
  work: () => Promise<number>,
  describeFailure: (error: unknown) => string = messageOf,
): Promise<number> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message)
      return 2
    }
    // Its message says it all (the setting, the host, the reason); the driver's adds nothing.
    if (error instanceof DatabaseSettingError) {
      io.err(error.message)
      return error.invalid ? 2 : 1
    }
    io.err(describeFailure(error))
    return 1
  }
}

/**
 * Whether node was started with the module at `moduleUrl` (`tsx scripts/sync.ts`, also through
 * a symbolic link or without the extension), rather than importing it.
 */
function isStartedScript(moduleUrl: string) {
  const script = process.argv[1]
  if (script === undefined) return false
  const withoutExtension = (file: string) => file.replace(/\.[cm]?[jt]s$/, '')
  const started = existsSync(script) ? realpathSync(script) : path.resolve(script)
  return withoutExtension(started) === withoutExtension(fileURLToPath(moduleUrl))
}

/**
 * Runs `command` with this process's arguments, environment (after loadEnvFile, real variables
 * winning) and output when the module at `moduleUrl` is the script node was started with;
 * importing the module runs nothing. The process ends with the command's exit code.
 */
export function runAsMain(moduleUrl: string, command: (io: CommandIo) => Promise<number>) {
  if (!isStartedScript(moduleUrl)) return
  try {
    loadEnvFile()
  } catch (error) {
    console.error(messageOf(error))
    process.exitCode = 2
    return
  }
  void command({
    argv: process.argv.slice(2),
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    terminal: process.stderr.isTTY ? process.stderr : undefined,
    input: process.stdin.isTTY ? process.stdin : undefined,
  }).then((code) => {
    process.exitCode = code
  })
}

/**
 * One line when the client starts waiting out a rate limit: a used-up primary limit waits up to
 * an hour, which looked like a hang. Requests in flight hit the same limit: one line per wait.
 * `kept`: what Ctrl-C leaves done ("what is mirrored so far is kept").
 */
export function waitNotice(io: CommandIo, kept: string) {
  let announcedUntil = 0
  let rateLimitedUntil = 0
  const onWait = ({
    reason,
    seconds,
  }: {
    reason: 'rate-limit' | 'secondary-limit'
    seconds: number
  }) => {
    const until = Date.now() + seconds * 1000
    if (reason === 'rate-limit') rateLimitedUntil = Math.max(rateLimitedUntil, until)
    if (until <= announcedUntil + 5_000) return
    announcedUntil = until
    const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`
    io.err(
      reason === 'rate-limit'
        ? `GitHub's rate limit for this token is used up until ${utcTime(until)} UTC: waiting ${wait}, then going on (Ctrl-C stops; ${kept}).`
        : `GitHub asked to slow down (secondary rate limit): waiting ${wait}, then going on.`,
    )
  }
  /** Until when a used-up primary limit holds the requests (0: none did). */
  return { onWait, rateLimitedUntil: () => rateLimitedUntil }
}

/** "13:17": the hour and minute of `ms`, in UTC. */
export function utcTime(ms: number) {
  return new Date(ms).toISOString().slice(11, 16)
}
