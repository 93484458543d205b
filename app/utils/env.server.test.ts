import { expect, test } from 'vitest'

import {
  hasMirageStarterAxes,
  InvalidEnvError,
  mirrorsOwnRepositories,
  parseEnv,
} from './env.server'

test('with nothing set, the app runs on the embedded database with demo data', () => {
  const env = parseEnv({})
  expect(env.DATABASE_URL).toBeUndefined()
  expect(env).toMatchObject({
    PORT: 3000,
    DATA_DIR: '.data/pglite',
    SEED_DEMO: 'auto',
    LOG_FORMAT: 'text',
  })
})

test('an empty value counts as unset', () => {
  expect(parseEnv({ DATABASE_URL: '', PORT: '' })).toMatchObject({
    DATABASE_URL: undefined,
    PORT: 3000,
  })
})

test('a malformed DATABASE_URL is named without echoing its value', () => {
  const attempt = () => parseEnv({ DATABASE_URL: 'mysql://root:s3cret@db/app' })
  expect(attempt).toThrow(InvalidEnvError)
  try {
    attempt()
  } catch (error) {
    const { problems } = error as InvalidEnvError
    expect(problems).toEqual([
      'Invalid setting DATABASE_URL: must be a postgres:// or postgresql:// URL with a host',
    ])
    expect(problems.join()).not.toContain('s3cret')
  }
})

test('every invalid setting is reported at once', () => {
  try {
    parseEnv({ PORT: 'eighty', LOG_FORMAT: 'xml', DATABASE_POOL_SIZE: '0' })
    expect.unreachable()
  } catch (error) {
    const names = (error as InvalidEnvError).problems.map((line) => line.split(':')[0])
    expect(names).toEqual([
      'Invalid setting PORT',
      'Invalid setting DATABASE_POOL_SIZE',
      'Invalid setting LOG_FORMAT',
    ])
  }
})

const problemsOf = (source: Record<string, string>) => {
  try {
    parseEnv(source)
  } catch (error) {
    return (error as InvalidEnvError).problems
  }
  return []
}

test('a port that is not a number says what a port is and what it got', () => {
  expect(problemsOf({ PORT: 'abc' })).toEqual([
    'Invalid setting PORT: must be a whole number from 0 to 65535, got “abc”',
  ])
  expect(problemsOf({ PORT: '1.5' })).toEqual([
    'Invalid setting PORT: must be a whole number from 0 to 65535, got “1.5”',
  ])
  expect(problemsOf({ PORT: '70000' })).toEqual([
    'Invalid setting PORT: must be a whole number from 0 to 65535, got “70000”',
  ])
})

test('a word setting lists the words it takes, never as a zod enum', () => {
  expect(problemsOf({ SEED_DEMO: 'yes' })).toEqual([
    'Invalid setting SEED_DEMO: must be auto, untriaged or never, got “yes”',
  ])
})

test('an interval that is not a duration, or too short, says what it got', () => {
  expect(problemsOf({ SYNC_INTERVAL: 'banana', LABEL_WORKER_INTERVAL: '10s' })).toEqual([
    'Invalid setting SYNC_INTERVAL: must be a duration such as 30s, 10m or 1h, or off, got “banana”',
    'Invalid setting LABEL_WORKER_INTERVAL: must be at least 30s, got “10s”',
  ])
})

test('an interval longer than a timer can hold is refused, never run every millisecond', () => {
  expect(
    problemsOf({
      SYNC_INTERVAL: '1000h',
      NOTIFICATION_INTERVAL: '2592000',
      LABEL_WORKER_INTERVAL: '577h',
    }),
  ).toEqual([
    'Invalid setting SYNC_INTERVAL: must be at most 576h (24 days), got “1000h”',
    'Invalid setting LABEL_WORKER_INTERVAL: must be at most 576h (24 days), got “577h”',
    'Invalid setting NOTIFICATION_INTERVAL: must be at most 576h (24 days), got “2592000”',
  ])
  expect(problemsOf({ SYNC_INTERVAL: '576h' })).toEqual([])
})

test('every setting explains itself in words, never with zod’s own messages', () => {
  const bad = {
    NODE_ENV: 'staging',
    PORT: '-1',
    DATABASE_URL: 'nope',
    DATABASE_POOL_SIZE: 'ten',
    SEED_DEMO: 'maybe',
    STALE_AFTER_MONTHS: '0',
    LOG_FORMAT: 'xml',
    GITHUB_API_URL: 'api',
    GITHUB_APP_ID: 'x',
    SYNC_INTERVAL: 'soon',
    LABEL_WORKER_INTERVAL: '1s',
    SESSION_SECRET: 'short',
    PUBLIC_URL: 'board',
    GITHUB_OAUTH_URL: 'github',
    STARTER_DOMAINS: 'Not Valid!',
    LANGUAGE_NAME: '   ',
    LEARNING_RESOURCES: 'no-url',
    CLAIM_DAYS: '1e3',
    DRIFT_THRESHOLD: 'high',
    DRIFT_MIN_REPORTS: '0',
    NOTIFICATION_INTERVAL: '1',
    SMTP_URL: 'mail',
    EMAIL_FROM: 'a',
    TEST_CLOCK_CONTROL: 'yes',
  }
  const problems = problemsOf(bad)
  expect(problems.map((line) => line.split(':')[0])).toEqual(
    Object.keys(bad).map((name) => `Invalid setting ${name}`),
  )
  for (const line of problems) {
    expect(line).not.toMatch(/Expected|received|Invalid enum|must contain|Number must|\bnan\b/i)
  }
})

test('LEARNING_RESOURCES set but empty means none, as .env.example says; unset, Real World OCaml', () => {
  expect(parseEnv({ LEARNING_RESOURCES: '' }).LEARNING_RESOURCES).toEqual([])
  expect(parseEnv({}).LEARNING_RESOURCES).toEqual([
    { title: 'Real World OCaml', url: 'https://dev.realworldocaml.org/' },
  ])
})

test('unset LEARNING_RESOURCES points to an OCaml book only when the language is OCaml', () => {
  // A board rating TypeScript said "New to TypeScript? Start with Real World OCaml".
  expect(parseEnv({ LANGUAGE_NAME: 'TypeScript' }).LEARNING_RESOURCES).toEqual([])
  expect(parseEnv({ LANGUAGE_NAME: 'OCaml' }).LEARNING_RESOURCES).toEqual([
    { title: 'Real World OCaml', url: 'https://dev.realworldocaml.org/' },
  ])
  expect(
    parseEnv({ LANGUAGE_NAME: 'Go', LEARNING_RESOURCES: 'Tour of Go=https://go.dev/tour/' })
      .LEARNING_RESOURCES,
  ).toEqual([{ title: 'Tour of Go', url: 'https://go.dev/tour/' }])
})

test('the starter axes count as MirageOS’s only while both are the defaults; a board is its own once it names what to mirror', () => {
  expect(hasMirageStarterAxes(parseEnv({}))).toBe(true)
  expect(hasMirageStarterAxes(parseEnv({ LANGUAGE_NAME: 'TypeScript' }))).toBe(false)
  expect(hasMirageStarterAxes(parseEnv({ STARTER_DOMAINS: 'components,cli' }))).toBe(false)
  // The demo names nothing to mirror: it is MirageOS's, and its axes fit it.
  expect(mirrorsOwnRepositories(parseEnv({}))).toBe(false)
  expect(mirrorsOwnRepositories(parseEnv({ BOARD_REPOS: 'acme' }))).toBe(true)
})

test('BOARD_MAINTAINERS that are not GitHub logins are named, as written', () => {
  expect(problemsOf({ BOARD_MAINTAINERS: 'dana, not a login!,@@sam, @' })).toEqual([
    'Invalid setting BOARD_MAINTAINERS: must be GitHub logins (letters, digits and dashes, with or without a leading @), comma-separated; not “not a login!”, “@@sam”, “@”',
  ])
  expect(parseEnv({ BOARD_MAINTAINERS: 'Dana, sam-2' }).BOARD_MAINTAINERS).toEqual([
    'dana',
    'sam-2',
  ])
})

test('BOARD_MAINTAINERS takes a login with a leading @, as mentors are named', () => {
  expect(parseEnv({ BOARD_MAINTAINERS: '@me' }).BOARD_MAINTAINERS).toEqual(['me'])
  expect(parseEnv({ BOARD_MAINTAINERS: '@Dana, sam-2' }).BOARD_MAINTAINERS).toEqual([
    'dana',
    'sam-2',
  ])
})

test('a PUBLIC_URL that is not http(s) is refused', () => {
  expect(problemsOf({ PUBLIC_URL: 'ftp://board.example.org' })).toEqual([
    'Invalid setting PUBLIC_URL: must be an http:// or https:// URL such as https://board.example.org',
  ])
})

test('a token or webhook secret of spaces alone is refused, without echoing it', () => {
  expect(problemsOf({ GITHUB_TOKEN: '   ', GITHUB_WEBHOOK_SECRET: ' ' })).toEqual([
    'Invalid setting GITHUB_TOKEN: is only spaces: leave it unset, or set the real value',
    'Invalid setting GITHUB_WEBHOOK_SECRET: is only spaces: leave it unset, or set the real value',
  ])
  expect(parseEnv({ GITHUB_WEBHOOK_SECRET: ' s3cret ' }).GITHUB_WEBHOOK_SECRET).toBe(' s3cret ')
})

test('BOARD_NAME and BOARD_ABOUT are one trimmed line each; blank, multi-line or too long is named', () => {
  expect(
    parseEnv({ BOARD_NAME: '  Acme Robotics ', BOARD_ABOUT: 'Robots that water plants.' }),
  ).toMatchObject({ BOARD_NAME: 'Acme Robotics', BOARD_ABOUT: 'Robots that water plants.' })
  expect(parseEnv({ BOARD_NAME: '' }).BOARD_NAME).toBeUndefined()
  expect(problemsOf({ BOARD_NAME: '   ', BOARD_ABOUT: 'Line one\nline two' })).toEqual([
    'Invalid setting BOARD_NAME: is only spaces: leave it unset, or set the text',
    'Invalid setting BOARD_ABOUT: must be one line of text, without line breaks or control characters',
  ])
  expect(problemsOf({ BOARD_NAME: 'x'.repeat(61) })).toEqual([
    'Invalid setting BOARD_NAME: must be at most 60 characters',
  ])
})

test('SYNC_INTERVAL=off turns this instance’s sweep off; the other intervals have no off', () => {
  expect(parseEnv({ SYNC_INTERVAL: 'off' }).SYNC_INTERVAL).toBeNull()
  expect(parseEnv({ SYNC_INTERVAL: ' OFF ' }).SYNC_INTERVAL).toBeNull()
  expect(parseEnv({}).SYNC_INTERVAL).toBe(600_000)
  expect(parseEnv({ SYNC_INTERVAL: '1h' }).SYNC_INTERVAL).toBe(3_600_000)
  expect(problemsOf({ LABEL_WORKER_INTERVAL: 'off' })).toEqual([
    'Invalid setting LABEL_WORKER_INTERVAL: must be a duration such as 30s, 10m or 1h, got “off”',
  ])
})
