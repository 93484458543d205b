import type { CommandIo } from '../scripts/lib'

/**
 * Runs a command-line entry point (runDigest, runSync ...) in this process, as runScript runs
 * its script in a child: with `args`, this process's environment overlaid with `env`, and no
 * terminal (as a child with piped output has none); its exit code and what it printed. A child
 * costs seconds of CPU to start TypeScript; each command keeps one test that runs it for real.
 */
export async function runCommand(
  command: (io: CommandIo) => Promise<number>,
  args: string[],
  env: Record<string, string>,
) {
  let stdout = ''
  let stderr = ''
  const code = await command({
    argv: args,
    env: { ...process.env, ...env },
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
  })
  return { code, stdout, stderr }
}
