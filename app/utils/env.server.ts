import { z } from 'zod'

// An empty value in a .env file means "not set", as it does for most tools that read them.
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema)

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

export const EnvSchema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test']).default('development')),
  HOST: optional(z.string().default('127.0.0.1')),
  PORT: optional(z.coerce.number().int().min(0).max(65535).default(3000)),
  DATABASE_URL: optional(DatabaseUrlSchema.optional()),
  DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(1).max(100).default(10)),
  DATA_DIR: optional(z.string().default('.data/pglite')),
  SEED_DEMO: optional(z.enum(['auto', 'never']).default('auto')),
  STALE_AFTER_MONTHS: optional(z.coerce.number().int().min(1).max(120).default(6)),
  LOG_FORMAT: optional(z.enum(['text', 'json']).default('text')),
})

export type Env = z.infer<typeof EnvSchema>

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InvalidEnvError'
  }
}

/** Checks every setting at once, so a bad start-up names all the variables that are wrong. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source)
  if (result.success) return result.data
  // Values are never echoed: a DATABASE_URL carries a password.
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
