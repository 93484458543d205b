import { checkDatabase, closeDb, databaseConfigFromEnv, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'
import { compareSchemaWithDatabase } from '../db/schema-check'

import { loadEnvOrExit, runMain } from './lib'

// `npm run db:check-schema`: migrates the configured database, then fails if db/schema.ts
// disagrees with it.
runMain(async () => {
  const env = loadEnvOrExit()
  try {
    await checkDatabase(getDb(), databaseConfigFromEnv(env))
    await migrateToLatest(getDb())
    const problems = await compareSchemaWithDatabase(getDb())
    if (problems.length > 0) {
      for (const problem of problems) console.error(problem)
      process.exitCode = 1
      return
    }
    console.log('db/schema.ts matches the migrated database.')
  } finally {
    await closeDb()
  }
})
