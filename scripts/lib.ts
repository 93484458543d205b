import { existsSync } from 'node:fs'

import { InvalidEnvError, parseEnv, type Env } from '../app/utils/env.server'

/**
 * Loads `.env` when there is one (real environment variables win), then checks every setting.
 * A bad setting ends the command with one line per problem, never a stack trace.
 */
export function loadEnvOrExit(): Env {
  if (existsSync('.env')) process.loadEnvFile('.env')
  try {
    return parseEnv()
  } catch (error) {
    if (error instanceof InvalidEnvError) {
      for (const problem of error.problems) console.error(problem)
      process.exit(2)
    }
    throw error
  }
}

/** Runs a command-line entry point: prints a failure as one line and sets the exit code. */
export function runMain(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  })
}
