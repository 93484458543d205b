import { writeFileSync } from 'node:fs'

import { parseBenchArgs, UsageError, USAGE, type CliOptions } from './bench/options'
import { formatReport } from './bench/report'
import { runBench } from './bench/run'
import { loadEnvOrExit, runMain } from './lib'

// `npm run bench`: how fast the board answers with a large organisation. It reports and never
// gates: a missed target is printed, and the exit code stays 0 (2 for bad flags, 1 on failure).

let options: CliOptions
try {
  options = parseBenchArgs(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  console.error(`${error.message} (see npm run bench -- --help)`)
  process.exit(2)
}

runMain(async () => {
  if (options.help) {
    console.log(USAGE)
    return
  }
  const env = loadEnvOrExit()
  const result = await runBench({ ...options, databaseUrl: env.DATABASE_URL, log: console.log })
  console.log(formatReport(result))
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`)
    console.log(`Results written to ${options.json}`)
  }
})
