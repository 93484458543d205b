import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { expect, onTestFinished, test } from 'vitest'

import { EnvSchema, InvalidEnvError } from '../app/utils/env.server'

import { loadEnvFile, settingMisspeltAs } from './lib'

// The settings file the commands and the server read before their settings: never a real
// checkout's `.env` here, only scratch folders.

function scratchFolder() {
  const folder = mkdtempSync(path.join(tmpdir(), 'pioneer-env-file-'))
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}

/** Runs `work` in `folder`, where a `.env` would be read from, and comes back. */
function inFolder(folder: string, work: () => void) {
  const previous = process.cwd()
  process.chdir(folder)
  try {
    work()
  } finally {
    process.chdir(previous)
  }
}

test('the file ENV_FILE names is read, real variables winning, empty ones too', () => {
  const file = path.join(scratchFolder(), 'staging.env')
  writeFileSync(
    file,
    'GITHUB_TOKEN=from-file\nBOARD_REPOS=mirage/mirage\nDATABASE_URL=postgres://x/y\n',
  )
  const env: Record<string, string | undefined> = {
    ENV_FILE: file,
    BOARD_REPOS: 'real/repo',
    DATABASE_URL: '',
  }
  loadEnvFile(env)
  expect(env).toEqual({
    ENV_FILE: file,
    GITHUB_TOKEN: 'from-file',
    BOARD_REPOS: 'real/repo',
    DATABASE_URL: '',
  })
})

test('a file ENV_FILE names that does not exist is a bad setting, not silently none', () => {
  const missing = path.join(scratchFolder(), 'nope.env')
  expect(() => loadEnvFile({ ENV_FILE: missing })).toThrow(InvalidEnvError)
  expect(() => loadEnvFile({ ENV_FILE: missing })).toThrow(`ENV_FILE: no file ${missing}`)
})

test('the environment the tests’ servers and commands inherit reads no .env, which is read otherwise', () => {
  const folder = scratchFolder()
  writeFileSync(path.join(folder, '.env'), 'GITHUB_CLIENT_ID=operator-app\n')
  inFolder(folder, () => {
    // What startServer, runScript and every spawned command pass on: this process's environment.
    const inherited: Record<string, string | undefined> = {
      ...process.env,
      GITHUB_CLIENT_ID: undefined,
    }
    loadEnvFile(inherited)
    expect(inherited.GITHUB_CLIENT_ID).toBeUndefined()

    const operators: Record<string, string | undefined> = {}
    loadEnvFile(operators)
    expect(operators.GITHUB_CLIENT_ID).toBe('operator-app')
  })
})

test('a misspelt setting in the settings file stops the board, naming the setting meant', () => {
  // Ignored, BOARD_REPO left BOARD_REPOS unset: start-up loaded the MirageOS demo into the
  // database meant for the community's own repositories.
  const file = path.join(scratchFolder(), '.env')
  writeFileSync(file, 'GITHUB_TOKEN=t\nBOARD_REPO=acme/app\nsync_interval=5m\n')
  const env: Record<string, string | undefined> = { ENV_FILE: file }
  expect(() => loadEnvFile(env)).toThrow(
    new InvalidEnvError([
      `Invalid setting BOARD_REPO in ${file}: there is no such setting; did you mean BOARD_REPOS?`,
      `Invalid setting sync_interval in ${file}: there is no such setting; did you mean SYNC_INTERVAL?`,
    ]),
  )
  expect(env.GITHUB_TOKEN).toBeUndefined()
})

test('names near no setting are left alone: a .env file may hold more than the board’s settings', () => {
  const file = path.join(scratchFolder(), '.env')
  writeFileSync(
    file,
    'TZ=UTC\nPGPASSWORD=secret\nNODE_OPTIONS=--max-old-space-size=512\nPORT=4000\n',
  )
  const env: Record<string, string | undefined> = { ENV_FILE: file }
  loadEnvFile(env)
  expect(env).toMatchObject({ TZ: 'UTC', PORT: '4000' })
  expect(
    ['GITHUB_TOKN', 'BORAD_REPOS', 'PORTS', 'HOST', 'PATH', 'GITHUB_SHA'].map(settingMisspeltAs),
  ).toEqual(['GITHUB_TOKEN', 'BOARD_REPOS', 'PORT', null, null, null])
})

test('the README’s settings table lists ENV_FILE, PAGE_CACHE and every setting, as .env.example does', () => {
  // An operator reads the table for what can be set: a setting missing there is one never found.
  // PAGE_CACHE is read by npm start (the benchmark turns the page cache off with it).
  const settings = ['ENV_FILE', 'PAGE_CACHE', ...Object.keys(EnvSchema.innerType().shape)]
  const readme = readFileSync('README.md', 'utf8')
  const listed = [...readme.matchAll(/^\| `([A-Z0-9_]+)` +\|/gm)].map((match) => match[1])
  expect(settings.filter((name) => !listed.includes(name))).toEqual([])
  const example = readFileSync('.env.example', 'utf8')
  expect(settings.filter((name) => !new RegExp(`\\b${name}\\b`).test(example))).toEqual([])
})
