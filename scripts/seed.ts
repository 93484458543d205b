import { loadDemoData } from '../app/demo/demo.server'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, runMain } from './lib'

// Loads (or reloads: the seed is an idempotent upsert) the MirageOS demo into the database.
runMain(async () => {
  loadEnvOrExit()
  try {
    await migrateToLatest(getDb())
    const loaded = await loadDemoData(getDb())
    console.log(`Loaded ${loaded.issues} demo issues from ${loaded.repositories} repositories.`)
  } finally {
    await closeDb()
  }
})
