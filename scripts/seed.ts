import { seedDemo } from '../app/demo/demo.server'
import { Refusal } from '../app/utils/refusal'
import { checkDatabase, closeDb, databaseConfigFromEnv, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, readNoArgumentsOrExit, runMain } from './lib'

const USAGE = `Usage: npm run db:seed

Loads (or reloads) the MirageOS demo into the database (DATABASE_URL, or the embedded one in
DATA_DIR), migrating it first; never into a database that mirrors GitHub. SEED_DEMO=untriaged
leaves out the demo people's ratings, claims and reports. With the embedded database, stop the
server first.`

// Loads (or reloads: the seed is an idempotent upsert) the MirageOS demo into the database;
// SEED_DEMO=untriaged leaves out the demo people's ratings, claims and reports.
runMain(async () => {
  readNoArgumentsOrExit('db:seed', USAGE)
  const env = loadEnvOrExit()
  try {
    await checkDatabase(getDb(), databaseConfigFromEnv(env))
    await migrateToLatest(getDb())
    const loaded = await seedDemo(getDb(), { triaged: env.SEED_DEMO !== 'untriaged' }).catch(
      async (error: unknown) => {
        if (!(error instanceof Refusal)) throw error
        console.error(error.message)
        await closeDb()
        process.exit(2)
      },
    )
    console.log(
      `Loaded ${loaded.issues} demo issues from ${loaded.repositories} repositories; ${loaded.ratedProjects} starter projects rated by the demo maintainers.`,
    )
  } finally {
    await closeDb()
  }
})
