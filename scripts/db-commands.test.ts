import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { expect, onTestFinished, test } from 'vitest'

// `npm run db:migrate` and `npm run db:seed` take no arguments: a mistyped one used to be
// ignored, and the command migrated or loaded the demo all the same.

/** Runs `script` with `args` on a scratch embedded database; its output and exit code. */
async function run(script: string, args: string[]) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'pioneer-board-db-command-'))
  onTestFinished(() => rmSync(scratch, { recursive: true, force: true }))
  const dataDir = path.join(scratch, 'pglite')
  const child = spawn('node', ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ENV_FILE: 'none', DATABASE_URL: '', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  return { code, stdout, stderr, isDatabaseMade: existsSync(dataDir) }
}

test('npm run db:seed with an unknown option refuses in one line, exit 2, and loads nothing', async () => {
  expect(await run('scripts/seed.ts', ['--dry-run'])).toEqual({
    code: 2,
    stdout: '',
    stderr: "Unknown option '--dry-run'. See npm run db:seed -- --help.\n",
    isDatabaseMade: false,
  })
})

test('npm run db:migrate with an argument refuses in one line, exit 2, and migrates nothing', async () => {
  expect(await run('scripts/migrate.ts', ['latest'])).toEqual({
    code: 2,
    stdout: '',
    stderr: "Unexpected argument 'latest'. See npm run db:migrate -- --help.\n",
    isDatabaseMade: false,
  })
})

test('npm run db:seed -- --help says what it does, and does nothing', async () => {
  const { code, stdout, isDatabaseMade } = await run('scripts/seed.ts', ['--help'])
  expect({ code, isDatabaseMade }).toEqual({ code: 0, isDatabaseMade: false })
  expect(stdout).toMatch(/^Usage: npm run db:seed\n\nLoads \(or reloads\) the MirageOS demo/)
})
