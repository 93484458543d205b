import { expect, test } from 'vitest'

import { InvalidEnvError, parseEnv } from './env.server'

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
