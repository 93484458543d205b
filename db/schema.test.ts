import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { expect, onTestFinished, test } from 'vitest'

import { setupTestDatabase } from '../test/database'

import { compareSchemaWithDatabase } from './schema-check'

const getDb = setupTestDatabase()

test('db/schema.ts matches the migrated database', async () => {
  expect(await compareSchemaWithDatabase(getDb())).toEqual([])
})

test('a drift between db/schema.ts and the database is reported column by column', async () => {
  const drifted = readFileSync(path.resolve(__dirname, 'schema.ts'), 'utf8')
    .replace('  title: string\n', '  title: string | null\n')
    .replace('  color: string\n', '  color: number\n')
    .replace('  issue_id: number\n', '  issue_id: number\n  extra: string\n')
  // Beside the real file, so its imports resolve the same way.
  const file = path.resolve(__dirname, `.schema-drift-${process.pid}.ts`)
  writeFileSync(file, drifted)
  onTestFinished(() => rmSync(file, { force: true }))
  expect(await compareSchemaWithDatabase(getDb(), file)).toEqual([
    'label.color is number in db/schema.ts but string in the database',
    'issue.title is string | null in db/schema.ts but string in the database',
    'issue_label.extra is in db/schema.ts but not in the database',
  ])
})
