import type { Database } from '../db/client.server'
import type { CommandIo } from '../scripts/lib'

/**
 * Runs a command-line entry point (runDigest, runSync ...) in this process, as runScript runs
 * its script in a child: with `args`, this process's environment overlaid with `env`, and no
 * terminal (as a child with piped output has none); its exit code and what it printed. Given
 * `db` (the test's database, left open), the command works on it rather than opening the one
 * the settings name; `more` gives it a clock, its repeating timer and scales its GitHub client's waits. A child
 * costs seconds of CPU to start TypeScript and its database: each command keeps one test that
 * runs it as a real process.
 */
export async function runCommand(
  command: (io: CommandIo) => Promise<number>,
  args: string[],
  env: Record<string, string>,
  db?: Database,
  more: Pick<CommandIo, 'clock' | 'waitScale' | 'every'> = {},
) {
  let stdout = ''
  let stderr = ''
  const code = await command({
    argv: args,
    env: { ...process.env, ...env },
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
    db,
    ...more,
  })
  return { code, stdout, stderr }
}
