import { ensureWorkerDatabase } from './database'

// Points each test worker at a real database of its own before any app module reads the
// environment: an in-memory PGlite by default, or a database created for this worker on the
// PostgreSQL server in DATABASE_URL. Files that use it call setupTestDatabase().
process.env.NODE_ENV = 'test'
if (process.env.DATABASE_URL && !process.env.DATABASE_URL.includes('pioneer_board_test_')) {
  process.env.DATABASE_URL = await ensureWorkerDatabase(
    process.env.DATABASE_URL,
    `pioneer_board_test_${process.env.VITEST_POOL_ID ?? '0'}`,
  )
} else if (!process.env.DATABASE_URL) {
  process.env.DATA_DIR = 'memory://'
}
