import { z } from 'zod'

// The one reading of "an id from a URL or a form". Ids reach SQL as parameters of their column's
// type, and a number past it makes PostgreSQL fail the whole query (a 500) rather than find
// nothing: the board's own ids and issue numbers are `integer` columns. (GitHub's ids, `bigint`
// columns, only arrive in cursors: see cursorPart.githubId.) Only plain digits count: no sign,
// no spaces, no exponent, no hex.

/** Largest value of a PostgreSQL `integer`: a serial id or an issue number beyond it names no row. */
export const MAX_INTEGER = 2_147_483_647

/** The board's row id (or an issue number) `text` spells, 1..2147483647; null for anything else. */
export function parseId(text: string | null | undefined): number | null {
  if (typeof text !== 'string' || !/^\d{1,10}$/.test(text)) return null
  const id = Number(text)
  return id >= 1 && id <= MAX_INTEGER ? id : null
}

/** A form field holding one of the board's ids; anything else is refused with `message`. */
export function idField(message: string) {
  return z
    .string({ required_error: message, invalid_type_error: message })
    .transform((text, context) => {
      const id = parseId(text.trim())
      if (id !== null) return id
      context.addIssue({ code: z.ZodIssueCode.custom, message })
      return z.NEVER
    })
}
