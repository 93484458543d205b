import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../test/database'

import { allOf, anyOf } from './array-parameter'

const getDb = setupTestDatabase()

const oneTwoThree = (condition: ReturnType<typeof sql>) =>
  sql<{ n: number }>`select n from (values (1), (2), (3)) t(n) where ${condition} order by n`

async function numbers(query: ReturnType<typeof oneTwoThree>) {
  const result = await query.execute(getDb())
  return result.rows.map((row) => row.n)
}

test('anyOf matches the listed values, and nothing when the list is empty', async () => {
  expect(await numbers(oneTwoThree(sql`n = ${anyOf([3, 1, 9], 'bigint')}`))).toEqual([1, 3])
  expect(await numbers(oneTwoThree(sql`n = ${anyOf([], 'bigint')}`))).toEqual([])
})

test('allOf keeps what none of the values equals, and everything when the list is empty', async () => {
  expect(await numbers(oneTwoThree(sql`n <> ${allOf([2], 'bigint')}`))).toEqual([1, 3])
  expect(await numbers(oneTwoThree(sql`n <> ${allOf([], 'bigint')}`))).toEqual([1, 2, 3])
})

test('text values keep quotes, commas, braces and backslashes', async () => {
  const names = ['a,b', 'say "hi"', 'back\\slash', '{braces}', 'NULL']
  const result = await sql<{ name: string }>`
    select name from unnest(${sql.val([...names, 'other', null])}::text[]) t(name)
    where name = ${anyOf(names, 'text')}`.execute(getDb())
  expect(result.rows.map((row) => row.name).sort()).toEqual([...names].sort())
})

test('the statement reads the same whatever the count, so PostgreSQL can reuse its plan', () => {
  const text = (values: number[]) =>
    oneTwoThree(sql`n = ${anyOf(values, 'bigint')}`).compile(getDb()).sql
  expect(text([1])).toBe(text([1, 2, 3, 4, 5]))
  expect(text([])).toBe(text([7]))
})
