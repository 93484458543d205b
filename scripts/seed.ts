import { seedDemo } from '../app/demo/demo.server'
import { Refusal } from '../app/utils/refusal'
import { checkDatabase, closeDb, databaseConfigFromEnv, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, runMain } from './lib'

// Loads (or reloads: the seed is an idempotent upsert) the MirageOS demo into the database;
// SEED_DEMO=untriaged leaves out the demo people's ratings, claims and reports.
runMain(async () => {
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
