import { afterEach, beforeEach, expect, test } from 'vitest'

import { freshDatabase, runScript } from '../test/e2e/harness'

// The CLI as a user runs it: a real process and a real database.

let database: Awaited<ReturnType<typeof freshDatabase>>

beforeEach(async () => {
  database = await freshDatabase()
})

afterEach(async () => {
  await database.drop()
})

function digest(args: string[]) {
  return runScript('scripts/digest.ts', args, { DATABASE_URL: '', ...database.env })
}

test.each([
  [[], /Give a period/],
  [['--since', '2 weeks'], /not a period/],
  [['--since', '0d'], /not a period/],
  [['--since', '2999-01-01'], /future/],
  [['--since', '2w', '--format', 'html'], /Unknown format/],
  [['--since', '2w', '--post', 'mirage/mirage'], /Unknown option/],
])('%j exits 2 with one line', async (args, reason) => {
  const { code, stdout, stderr } = await digest(args)
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr.trim().split('\n')).toHaveLength(1)
  expect(stderr).toMatch(reason)
})

test('prints the agenda as markdown and as JSON', async () => {
  const markdown = await digest(['--since', '2w'])
  expect(markdown.code).toBe(0)
  expect(markdown.stdout).toMatch(/^# Call agenda: \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/)
  expect(markdown.stdout).toContain('## Stale work (most first)')

  const json = await digest(['--since', '14d', '--format', 'json'])
  expect(json.code).toBe(0)
  expect(JSON.parse(json.stdout)).toMatchObject({ period: { label: '14d' }, ideasByArea: [] })
})
