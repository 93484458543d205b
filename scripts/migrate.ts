import { checkDatabase, closeDb, databaseConfigFromEnv, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, runMain } from './lib'

runMain(async () => {
  const env = loadEnvOrExit()
  try {
    await checkDatabase(getDb(), databaseConfigFromEnv(env))
    const { results = [] } = await migrateToLatest(getDb())
    for (const result of results) console.log(`${result.status}: ${result.migrationName}`)
    if (results.length === 0) console.log('The database is already up to date.')
  } finally {
    await closeDb()
  }
})
