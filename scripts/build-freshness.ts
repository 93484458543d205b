import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

// Whether `npm start` may serve the production build it finds, or must rebuild first. After a
// `git pull` the build left by an earlier start is older than the code, and serving it would run
// yesterday's board on today's migrated database without a word. Judged by modification times,
// as make does: a checkout rewrites exactly the files it changes.

/** What the production bundle is built from, relative to the project's root. */
export const BUILD_SOURCES = [
  'app',
  'remix.config.js',
  'tailwind.config.ts',
  'tsconfig.json',
  'package-lock.json',
]

// Tests and notes live beside the code but are not bundled: editing them needs no rebuild.
const NOT_BUNDLED = /\.test\.tsx?$|\.md$/

/**
 * The first source file (relative to `root`) modified after `builtAtMs`, or null when the build
 * is at least as new as everything it is made from. Missing sources are skipped.
 */
export function findSourceNewerThan(
  builtAtMs: number,
  root: string,
  sources: readonly string[] = BUILD_SOURCES,
): string | null {
  const visit = (relative: string): string | null => {
    let stats
    try {
      stats = statSync(path.join(root, relative))
    } catch {
      return null
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path.join(root, relative)).sort()) {
        const found = visit(path.join(relative, entry))
        if (found) return found
      }
      return null
    }
    return !NOT_BUNDLED.test(relative) && stats.mtimeMs > builtAtMs ? relative : null
  }
  for (const source of sources) {
    const found = visit(source)
    if (found) return found
  }
  return null
}
