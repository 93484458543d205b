import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
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

/** True when `buildPath` holds what `npm run dev` left: a development build `npm start` must not serve. */
function isDevelopmentBuild(buildPath: string) {
  // A development bundle calls React's jsxDEV; a production one never does.
  return /\bjsxDEV\b/.test(readFileSync(buildPath, 'utf8'))
}

/** Why the production build at `buildPath` must be made (again) before serving, or null when it is current. */
export function reasonToBuild(buildPath: string, root: string) {
  if (!existsSync(buildPath)) return 'No production build yet'
  if (isDevelopmentBuild(buildPath)) return 'build/ holds a development build'
  const newer = findSourceNewerThan(statSync(buildPath).mtimeMs, root)
  return newer ? `The build is older than the code (${newer} changed since)` : null
}

/**
 * The environment `npm start` runs `remix build` in: production, whatever NODE_ENV the settings
 * hold. Remix builds for the NODE_ENV it is given, and `.env.example` sets development: such a
 * build is one reasonToBuild refuses, so every start built the board again (a minute on a small
 * machine) and served a development bundle.
 */
export function productionBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_ENV: 'production' }
}
