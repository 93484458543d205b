import fc from 'fast-check'
import { sql } from 'kysely'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../test/database'

import { storableJson, storableText } from './storable-text'

const getDb = setupTestDatabase()

// Any UTF-16 text: code units, so NULs and unpaired surrogates appear.
const anyText = fc.string({ unit: 'binary', maxLength: 40 })
const unstorable = fc.constantFrom('\u0000', '\ud83d', '\udc2b', '\udc2b\ud83d')

test('NUL and unpaired surrogates become U+FFFD; pairs and everything else stay', () => {
  expect(storableText('a\u0000b')).toBe('a\ufffdb')
  expect(storableText('cut \ud83d')).toBe('cut \ufffd')
  expect(storableText('\udc2b\ud83d')).toBe('\ufffd\ufffd')
  expect(storableText('whole 🐫 camel')).toBe('whole 🐫 camel')
  expect(storableText('\u0001 tab\t')).toBe('\u0001 tab\t')
})

test('storable text is well formed, NUL-free, as long, and unchanged if it already was', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const stored = storableText(text)
      expect(stored.isWellFormed()).toBe(true)
      expect(stored.includes('\u0000')).toBe(false)
      expect(stored.length).toBe(text.length)
      expect(storableText(stored)).toBe(stored)
      if (text.isWellFormed() && !text.includes('\u0000')) expect(stored).toBe(text)
    }),
  )
})

test('PostgreSQL stores any text once made storable, and gives it back unchanged', async () => {
  await fc.assert(
    fc.asyncProperty(anyText, unstorable, anyText, async (before, odd, after) => {
      const text = storableText(before + odd + after)
      const { rows } = await sql<{ back: string }>`select ${text}::text as back`.execute(getDb())
      expect(rows[0]!.back).toBe(text)
    }),
    { numRuns: 50 },
  )
})

test('JSON with such escapes is re-serialised, keys and strings alike, and jsonb accepts it', async () => {
  const raw = '{"title":"Crash\\u0000","body":"cut \\ud83d","\\u0000key":["\\udc2b", 1, null]}'
  const stored = storableJson(raw, JSON.parse(raw))
  expect(JSON.parse(stored)).toEqual({
    title: 'Crash\ufffd',
    body: 'cut \ufffd',
    '\ufffdkey': ['\ufffd', 1, null],
  })
  const { rows } = await sql<{ back: unknown }>`select ${stored}::text::jsonb as back`.execute(
    getDb(),
  )
  expect(rows[0]!.back).toEqual(JSON.parse(stored))
})

test('JSON without them is stored exactly as received', () => {
  fc.assert(
    fc.property(fc.json(), (text) => {
      const value: unknown = JSON.parse(text)
      const stored = storableJson(text, value)
      expect(JSON.parse(stored)).toEqual(value)
      if (!/\\u(0000|d[89a-f])/i.test(text)) expect(stored).toBe(text)
    }),
  )
})

test('jsonb accepts any object of any text once made storable', async () => {
  await fc.assert(
    fc.asyncProperty(fc.dictionary(anyText, fc.array(anyText, { maxLength: 3 })), async (value) => {
      const raw = JSON.stringify(value)
      const stored = storableJson(raw, value)
      const { rows } = await sql<{ back: unknown }>`select ${stored}::text::jsonb as back`.execute(
        getDb(),
      )
      expect(rows[0]!.back).toEqual(JSON.parse(stored))
    }),
    { numRuns: 50 },
  )
})
