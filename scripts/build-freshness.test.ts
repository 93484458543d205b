import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, expect, test } from 'vitest'

import { findSourceNewerThan, productionBuildEnv, reasonToBuild } from './build-freshness'

// Modification times are set explicitly: nothing here depends on the clock or on how fast the
// files are written.
const BUILT_AT = Date.parse('2026-12-01T12:00:00Z')
let root: string

function place(relative: string, modifiedAt: number) {
  const file = path.join(root, relative)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, '')
  utimesSync(file, new Date(modifiedAt), new Date(modifiedAt))
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'build-freshness-'))
  place('app/root.tsx', BUILT_AT - 60_000)
  place('app/routes/_index.tsx', BUILT_AT - 60_000)
  place('remix.config.js', BUILT_AT - 60_000)
  place('package-lock.json', BUILT_AT - 60_000)
})

afterEach(() => rmSync(root, { recursive: true, force: true }))

test('a build newer than every source it is made from is current', () => {
  expect(findSourceNewerThan(BUILT_AT, root)).toBeNull()
})

test('a source changed after the build (a pull, an edit) names itself', () => {
  place('app/routes/_index.tsx', BUILT_AT + 1_000)
  expect(findSourceNewerThan(BUILT_AT, root)).toBe(path.join('app', 'routes', '_index.tsx'))
})

test('configuration and dependencies count as sources too', () => {
  place('package-lock.json', BUILT_AT + 1_000)
  expect(findSourceNewerThan(BUILT_AT, root)).toBe('package-lock.json')
})

test('tests and notes beside the code are not bundled, so changing them needs no rebuild', () => {
  place('app/routes/_index.test.ts', BUILT_AT + 1_000)
  place('app/starter/README.md', BUILT_AT + 1_000)
  expect(findSourceNewerThan(BUILT_AT, root)).toBeNull()
})

test('sources that do not exist are skipped', () => {
  expect(findSourceNewerThan(BUILT_AT, root, ['app', 'no-such.config.js'])).toBeNull()
})

test('the build start-up makes is one the next start serves, with NODE_ENV=development in the settings', () => {
  // As `remix build` does: a development bundle (jsxDEV) for NODE_ENV=development, else production.
  const buildPath = path.join(root, 'build', 'index.js')
  const remixBuild = (env: NodeJS.ProcessEnv) => {
    mkdirSync(path.dirname(buildPath), { recursive: true })
    writeFileSync(buildPath, env.NODE_ENV === 'development' ? 'jsxDEV("div")' : 'jsx("div")')
    utimesSync(buildPath, new Date(BUILT_AT), new Date(BUILT_AT))
  }
  expect(reasonToBuild(buildPath, root)).toBe('No production build yet')
  // .env.example sets NODE_ENV=development, and a settings file reaches the build's environment.
  remixBuild(productionBuildEnv({ NODE_ENV: 'development', PATH: '/usr/bin' }))
  expect(reasonToBuild(buildPath, root)).toBeNull()
})

test('a development build left by npm run dev is built again before serving', () => {
  const buildPath = path.join(root, 'build', 'index.js')
  mkdirSync(path.dirname(buildPath), { recursive: true })
  writeFileSync(buildPath, 'jsxDEV("div")')
  expect(reasonToBuild(buildPath, root)).toBe('build/ holds a development build')
})
