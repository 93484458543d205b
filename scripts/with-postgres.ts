import { runWithPostgres } from './postgres-cluster'

// Usage: tsx scripts/with-postgres.ts <command> [args...]
// Runs the command against a throwaway PostgreSQL cluster (DATABASE_URL), then deletes it.
const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('Usage: tsx scripts/with-postgres.ts <command> [args...]')
  process.exit(2)
}
runWithPostgres(command, args).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `Could not start PostgreSQL: ${error instanceof Error ? error.message : String(error)}`,
    )
    process.exit(1)
  },
)
