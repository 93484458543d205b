/**
 * How to sync once while scheduled sync is off, true for the database in use: the embedded
 * database (no DATABASE_URL) is open to one process at a time, so `npm run sync` is refused
 * while this server runs.
 */
export function SyncOnceAdvice({ isEmbeddedDatabase }: { isEmbeddedDatabase: boolean }) {
  return isEmbeddedDatabase ? (
    <>
      To sync once instead, stop this server, then run <code>npm run sync</code>: the embedded
      database (<code>DATA_DIR</code>) is open to one process at a time, so the command is refused
      while the server runs.
    </>
  ) : (
    <>
      To sync once instead, run <code>npm run sync</code>.
    </>
  )
}
