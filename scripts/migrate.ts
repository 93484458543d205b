import { checkDatabase, closeDb, databaseConfigFromEnv, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, readNoArgumentsOrExit, runMain } from './lib'

const USAGE = `Usage: npm run db:migrate

Brings the database (DATABASE_URL, or the embedded one in DATA_DIR) up to the latest migration.
npm start does this too; with the embedded database, stop the server first.`

runMain(async () => {
  readNoArgumentsOrExit('db:migrate', USAGE)
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
