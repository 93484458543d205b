import { loadDemoData } from '../app/demo/demo.server'
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
    const loaded = await loadDemoData(getDb(), undefined, {
      triaged: env.SEED_DEMO !== 'untriaged',
    })
    console.log(
      `Loaded ${loaded.issues} demo issues from ${loaded.repositories} repositories; ${loaded.ratedProjects} starter projects rated by the demo maintainers.`,
    )
  } finally {
    await closeDb()
  }
})
