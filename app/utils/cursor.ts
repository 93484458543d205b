import { z } from 'zod'

// The one codec of the opaque keyset cursors in page links and the API's `nextCursor`: the sort
// key's values as a JSON array, base64url-encoded. Decoding checks every value against the page's
// schema, so a tampered or truncated cursor reads as "no cursor" and never reaches SQL.

/** Largest value of a PostgreSQL `integer`: a serial id or a count beyond it cannot name a row. */
const MAX_INTEGER = 2_147_483_647

/**
 * Cursor parts for the common keys: the board's own row id (`integer`), a GitHub id (`bigint`,
 * within JavaScript's safe integers), a timestamp as ISO text, a count or score.
 */
export const cursorPart = {
  id: z.number().int().min(0).max(MAX_INTEGER),
  githubId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  time: z.string().refine((text) => !Number.isNaN(Date.parse(text))),
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
