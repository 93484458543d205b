import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'

import { z } from 'zod'

// An empty value in a .env file means "not set", as it does for most tools that read them.
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema)

/** A token or secret: never echoed, and spaces alone are a mistake (a stray quote in .env), not one. */
const Secret = z.string().refine((value) => value.trim() !== '', {
  message: 'is only spaces: leave it unset, or set the real value',
})

/** A value as a message quotes it: short settings only (never a URL, token or secret). */
const quoted = (value: unknown) => {
  const text = String(value)
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`
}

/** A whole number in [min, max], written in decimal digits (a port, a count, a number of days). */
const wholeNumber = (min: number, max: number) =>
  z.string().transform((value, context) => {
    const number = Number(value.trim())
    if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
      context.addIssue({
        code: 'custom',
        message: `must be a whole number from ${min} to ${max}, got ${quoted(value)}`,
      })
      return z.NEVER
    }
    return number
  })

/** A decimal number in [min, max] (a threshold). */
const decimalNumber = (min: number, max: number) =>
  z.string().transform((value, context) => {
    const number = Number(value.trim())
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || number < min || number > max) {
      context.addIssue({
        code: 'custom',
        message: `must be a number from ${min} to ${max}, got ${quoted(value)}`,
      })
      return z.NEVER
    }
    return number
  })

/** One of a few words; the message lists them all, as the README does. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    errorMap: (_issue, context) => ({
      message: `must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}, got ${quoted(context.data)}`,
    }),
  })

/** Plain text on one line, at most `max` characters once trimmed (a name, a sentence). */
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'is only spaces: leave it unset, or set the text' })
    .max(max, { message: `must be at most ${max} characters` })
    // A newline or control character would break the header's one line, or the page title.
    .refine((value) => ![...value].some((char) => char < ' ' || char === '\u007f'), {
      message: 'must be one line of text, without line breaks or control characters',
    })

const DatabaseUrlSchema = z.string().refine(
  (value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
    } catch {
      return false
    }
  },
  { message: 'must be a postgres:// or postgresql:// URL with a host' },
)

/** The MirageOS community's areas, the default for STARTER_DOMAINS. */
export const DEFAULT_STARTER_DOMAINS = [
  'networking',
  'security',
  'storage',
  'web',
  'platform',
  'tooling',
  'testing',
  'monitoring',
  'documentation',
  'community',
] as const

const DURATION_UNITS_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const

/**
 * The longest interval a timer keeps: Node runs a longer one (over 2^31 - 1 ms, about 24.8 days)
 * after 1 ms, so "SYNC_INTERVAL=1000h" would sweep GitHub without pause.
 */
const MAX_DURATION_HOURS = 576

/** "90s", "10m", "1h" or a number of seconds, as milliseconds; from 30 s to 576 h (24 days). */
const DurationSchema = z.string().transform((value, context) => readDuration(value, context))

/**
 * A duration, or `off`: an instance that shares its database with one that sweeps need not sweep
 * too (its requests would double), and a GitHub App's instances have no other way to say so.
 */
const IntervalOrOffSchema = z
  .string()
  .transform((value, context) =>
    value.trim().toLowerCase() === 'off' ? null : readDuration(value, context, ', or off'),
  )

function readDuration(value: string, context: z.RefinementCtx, orElse = '') {
  // Echoed like PORT's: a duration is a short setting, never a secret.
  const problem = (message: string) => {
    context.addIssue({ code: 'custom', message: `${message}, got ${quoted(value)}` })
    return z.NEVER
  }
  if (!/^\d+(\.\d+)?[smh]?$/.test(value))
    return problem(`must be a duration such as 30s, 10m or 1h${orElse}`)
  const unit = value.at(-1) as string
  const isUnit = unit in DURATION_UNITS_MS
  const amount = Number(isUnit ? value.slice(0, -1) : value)
  const ms = amount * (isUnit ? DURATION_UNITS_MS[unit as keyof typeof DURATION_UNITS_MS] : 1_000)
  if (ms < 30_000) return problem('must be at least 30s')
  if (ms > MAX_DURATION_HOURS * DURATION_UNITS_MS.h)
    return problem(`must be at most ${MAX_DURATION_HOURS}h (24 days)`)
  return ms
}

/**
 * A GitHub App's private key: the PEM text (also on one line with literal \n, as .env files and
 * CI secrets hold it) or the path of the .pem file GitHub gave; as PKCS#8 PEM text.
 */
const PrivateKeySchema = z.string().transform((value, context) => {
  let text = value.includes('\\n') ? value.replace(/\\n/g, '\n') : value
  if (!text.includes('-----BEGIN')) {
    try {
      text = readFileSync(text.trim(), 'utf8')
    } catch {
      context.addIssue({
        code: 'custom',
        message: 'is neither a PEM private key nor the path of a readable .pem file',
      })
      return z.NEVER
    }
  }
  try {
    const key = createPrivateKey(text)
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA')
    return key.export({ type: 'pkcs8', format: 'pem' }).toString()
  } catch {
    context.addIssue({
      code: 'custom',
      message: 'is not a valid RSA private key in PEM form (the .pem file GitHub generated)',
    })
    return z.NEVER
  }
})

export const EnvSchema = z
  .object({
    NODE_ENV: optional(oneOf(['development', 'production', 'test']).default('development')),
    HOST: optional(z.string().default('127.0.0.1')),
    // 0: any free port, which the server prints (the benchmark's servers use it).
    PORT: optional(wholeNumber(0, 65535).default('3000')),
    DATABASE_URL: optional(DatabaseUrlSchema.optional()),
    DATABASE_POOL_SIZE: optional(wholeNumber(1, 100).default('10')),
    DATA_DIR: optional(z.string().default('.data/pglite')),
    // auto: the demo, triaged by its demo people; untriaged: the demo as the 2015 list left it.
    SEED_DEMO: optional(oneOf(['auto', 'untriaged', 'never']).default('auto')),
    STALE_AFTER_MONTHS: optional(wholeNumber(1, 120).default('6')),
    LOG_FORMAT: optional(oneOf(['text', 'json']).default('text')),
    GITHUB_API_URL: optional(
      z
        .string()
        .url({ message: 'must be a URL such as https://api.github.com' })
        .default('https://api.github.com'),
    ),
    GITHUB_TOKEN: optional(Secret.optional()),
    // A GitHub App instead of a token (docs/decisions/014-github-app.md): its id and private key.
    GITHUB_APP_ID: optional(
      z
        .string()
        .regex(/^\d{1,12}$/, { message: 'must be the app’s numeric id' })
        .optional(),
    ),
    GITHUB_APP_PRIVATE_KEY: optional(PrivateKeySchema.optional()),
    // owner/name or organisation names, comma-separated; checked by the sync's own parser.
    BOARD_REPOS: optional(z.string().optional()),
    // Null: `off`, this instance never sweeps on its own.
    SYNC_INTERVAL: optional(IntervalOrOffSchema.default('10m')),
    // How often the server sends queued label changes to GitHub (it also sends on each apply).
    LABEL_WORKER_INTERVAL: optional(DurationSchema.default('1m')),
    // Unset: the webhook endpoint answers 503 rather than accept unverifiable deliveries.
    GITHUB_WEBHOOK_SECRET: optional(Secret.optional()),
    // Signs session cookies. Several, comma-separated, to rotate: the first signs, all verify.
    SESSION_SECRET: optional(
      z
        .string()
        .transform((value) => value.split(',').map((secret) => secret.trim()))
        .refine((secrets) => secrets.every((secret) => secret.length >= 32), {
          message: 'each secret must be at least 32 characters (openssl rand -hex 32 makes one)',
        })
        .optional(),
    ),
    // The address people use to reach the board; https:// turns on Secure, __Host- cookies.
    PUBLIC_URL: optional(
      z
        .string()
        .refine(
          (value) => {
            try {
              return ['http:', 'https:'].includes(new URL(value).protocol)
            } catch {
              return false
            }
          },
          { message: 'must be an http:// or https:// URL such as https://board.example.org' },
        )
        .optional(),
    ),
    GITHUB_CLIENT_ID: optional(z.string().optional()),
    GITHUB_CLIENT_SECRET: optional(z.string().optional()),
    GITHUB_OAUTH_URL: optional(
      z
        .string()
        .url({ message: 'must be a URL such as https://github.com' })
        .default('https://github.com'),
    ),
    // The community's name in the header, every page's title and the home page; unset: the repositories'
    // owners (app/setup/board-name.ts). A line of plain text, as the header has room for.
    BOARD_NAME: optional(oneLine(60).optional()),
    // One sentence on the home page saying what the community makes, for someone arriving cold.
    BOARD_ABOUT: optional(oneLine(300).optional()),
    // GitHub logins who are maintainers whatever their repository permissions, comma-separated.
    BOARD_MAINTAINERS: optional(
      z
        .string()
        .transform((value, context) => {
          const written = value
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean)
          // "@dana" as mentors are named: the @ is how people write a login, not part of it.
          const loginOf = (entry: string) => entry.replace(/^@/, '').toLowerCase()
          const wrong = written.filter(
            (entry) => !/^[a-z0-9](?:[a-z0-9-]{0,38})$/.test(loginOf(entry)),
          )
          if (wrong.length > 0) {
            context.addIssue({
              code: 'custom',
              message: `must be GitHub logins (letters, digits and dashes, with or without a leading @), comma-separated; not ${wrong.map(quoted).join(', ')}`,
            })
            return z.NEVER
          }
          return written.map(loginOf)
        })
        .default(''),
    ),
    // Starter projects: the domains a project can belong to, and the language of the first axis.
    STARTER_DOMAINS: optional(
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((domain) => domain.trim().toLowerCase())
            .filter(Boolean),
        )
        .refine((domains) => domains.length > 0, { message: 'must name at least one domain' })
        .refine((domains) => domains.every((domain) => /^[a-z0-9][a-z0-9 -]{0,39}$/.test(domain)), {
          message: 'each domain must be lower-case letters, digits, spaces or dashes (≤ 40)',
        })
        .default(DEFAULT_STARTER_DOMAINS.join(',')),
    ),
    LANGUAGE_NAME: optional(
      z
        .string()
        .trim()
        .min(1, { message: 'must not be blank' })
        .max(40, { message: 'must be at most 40 characters' })
        .default('OCaml'),
    ),
    // Where the finder sends someone new to the language: "Title=https://url" entries, comma
    // separated; set but empty for none (so not wrapped in optional(): unset gives the default,
    // which depends on LANGUAGE_NAME: see parseEnv).
    LEARNING_RESOURCES: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
          .map((entry) => {
            const at = entry.lastIndexOf('=')
            return { title: entry.slice(0, at).trim(), url: entry.slice(at + 1).trim() }
          }),
      )
      .refine(
        (entries) =>
          entries.every(
            ({ title, url }) =>
              title.length > 0 && title.length <= 80 && /^https?:\/\/[^\s"'<>]+$/.test(url),
          ),
        { message: 'each entry must be Title=https://address' },
      )
      .optional(),
    // A claim lapses after this many days unless renewed.
    CLAIM_DAYS: optional(wholeNumber(1, 365).default('30')),
    // Calibration: flag a rating when contributors' average differs by this much (in stars)…
    DRIFT_THRESHOLD: optional(decimalNumber(0.25, 2).default('0.75')),
    // …with at least this many reports.
    DRIFT_MIN_REPORTS: optional(wholeNumber(1, 100).default('2')),
    // Notifications: how often reminders are checked and queued email is sent.
    NOTIFICATION_INTERVAL: optional(DurationSchema.default('5m')),
    // Unset: notifications stay in the inbox. smtp:// or smtps://user:password@host:port.
    SMTP_URL: optional(
      z
        .string()
        .refine((value) => /^smtps?:\/\/[^/]+/.test(value), {
          message: 'must be an smtp:// or smtps:// URL such as smtp://localhost:25',
        })
        .optional(),
    ),
    EMAIL_FROM: optional(
      z
        .string()
        .trim()
        .min(3, { message: 'must be an address such as Pioneer Board <board@example.org>' })
        .max(200, { message: 'must be at most 200 characters' })
        .default('Pioneer Board <board@localhost>'),
    ),
    // Test servers only: lets the end-to-end tests move the server's clock (POST /__test/clock).
    // Refused in production.
    TEST_CLOCK_CONTROL: optional(oneOf(['on', 'off']).default('off')),
  })
  .superRefine((env, context) => {
    if (Boolean(env.GITHUB_CLIENT_ID) !== Boolean(env.GITHUB_CLIENT_SECRET)) {
      context.addIssue({
        code: 'custom',
        path: [env.GITHUB_CLIENT_ID ? 'GITHUB_CLIENT_SECRET' : 'GITHUB_CLIENT_ID'],
        message: 'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET go together: set both or neither',
      })
    }
    if (Boolean(env.GITHUB_APP_ID) !== Boolean(env.GITHUB_APP_PRIVATE_KEY)) {
      context.addIssue({
        code: 'custom',
        path: [env.GITHUB_APP_ID ? 'GITHUB_APP_PRIVATE_KEY' : 'GITHUB_APP_ID'],
        message: 'GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY go together: set both or neither',
      })
    }
    if (env.NODE_ENV === 'production' && env.TEST_CLOCK_CONTROL === 'on') {
      context.addIssue({
        code: 'custom',
        path: ['TEST_CLOCK_CONTROL'],
        message: 'is for test servers only and cannot be on in production',
      })
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required in production (openssl rand -hex 32 makes one)',
      })
    }
  })

type ParsedEnv = z.infer<typeof EnvSchema>

export type LearningResource = NonNullable<ParsedEnv['LEARNING_RESOURCES']>[number]

export type Env = Omit<ParsedEnv, 'LEARNING_RESOURCES'> & {
  LEARNING_RESOURCES: LearningResource[]
}

/** MirageOS's book for newcomers to OCaml: the default LEARNING_RESOURCES, for OCaml only. */
export const DEFAULT_OCAML_RESOURCES: readonly LearningResource[] = [
  { title: 'Real World OCaml', url: 'https://dev.realworldocaml.org/' },
]

/**
 * Unset LEARNING_RESOURCES follows LANGUAGE_NAME: Real World OCaml for OCaml, none for any other
 * language (a board rating TypeScript told its newcomers to start with an OCaml book).
 */
function withDefaultResources(env: ParsedEnv): Env {
  return {
    ...env,
    LEARNING_RESOURCES:
      env.LEARNING_RESOURCES ?? (env.LANGUAGE_NAME === 'OCaml' ? [...DEFAULT_OCAML_RESOURCES] : []),
  }
}

/** The GitHub App the board authenticates as, when both of its settings are there. */
export function githubAppOf(env: Env) {
  return env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY
    ? { appId: env.GITHUB_APP_ID, privateKey: env.GITHUB_APP_PRIVATE_KEY }
    : null
}

/** True while the starter axes are MirageOS's defaults: OCaml, and its ten domains. */
export function hasMirageStarterAxes(env: Pick<Env, 'LANGUAGE_NAME' | 'STARTER_DOMAINS'>) {
  return (
    env.LANGUAGE_NAME === 'OCaml' &&
    env.STARTER_DOMAINS.join(',') === DEFAULT_STARTER_DOMAINS.join(',')
  )
}

/** True when the board is set to mirror a community's own repositories (not the demo's copies). */
export function mirrorsOwnRepositories(env: Env) {
  return Boolean(env.BOARD_REPOS) || githubAppOf(env) !== null
}

/** True when the board can read and write GitHub by itself: with a token or as an app. */
export function hasGitHubCredentials(env: Env) {
  return Boolean(env.GITHUB_TOKEN) || githubAppOf(env) !== null
}

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InvalidEnvError'
  }
}

/** Checks every setting at once, so a bad start-up names all the variables that are wrong. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source)
  if (result.success) return withDefaultResources(result.data)
  // Only numbers and fixed words are echoed (quoted, shortened): a DATABASE_URL carries a password.
  const problems = result.error.issues.map(
    (issue) => `Invalid setting ${issue.path.join('.')}: ${issue.message}`,
  )
  throw new InvalidEnvError(problems)
}

let cached: Env | undefined

export function getEnv(): Env {
  cached ??= parseEnv()
  return cached
}
