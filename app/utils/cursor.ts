import { z } from 'zod'

import { MAX_INTEGER } from './id'

// The one codec of the opaque keyset cursors in page links and the API's `nextCursor`: the sort
// key's values as a JSON array, base64url-encoded. Decoding checks every value against the page's
// schema, so a tampered or truncated cursor reads as "no cursor" and never reaches SQL.

function isIsoTime(text: string) {
  // Years 0001-9999: PostgreSQL reads no year 0000, nor toISOString's six-digit years.
  if (!/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(text)) return false
  const time = new Date(text)
  // A day that does not exist (2020-02-30) parses to another one.
  return !Number.isNaN(time.getTime()) && time.toISOString() === text
}

/**
 * Cursor parts for the common keys: the board's own row id (`integer`), a GitHub id (`bigint`,
 * within JavaScript's safe integers), a timestamp as `Date#toISOString` writes it, a count or score.
 */
export const cursorPart = {
  id: z.number().int().min(0).max(MAX_INTEGER),
  githubId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  // Exactly what the encoders write: Date.parse also takes "1", "Tue Mar 01 2022" or year
  // +275760, which PostgreSQL refuses as timestamps (the whole query fails).
  time: z.string().refine(isIsoTime),
  count: z.number().int().min(-MAX_INTEGER).max(MAX_INTEGER),
}

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url')
}

/** The cursor's parts when `text` is one this schema accepts; null for anything else. */
export function decodeCursor<T>(
  text: string | null | undefined,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): T | null {
  if (!text) return null
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
