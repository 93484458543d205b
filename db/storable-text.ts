// PostgreSQL's text (and jsonb) holds neither NUL nor half of a surrogate pair, and JSON from
// GitHub can carry both: a pasted binary log, an emoji cut at a length limit. One such character
// fails the whole statement (a sync page, a webhook delivery), and retrying fails on it again.
// Each becomes U+FFFD, the replacement character, and the rest of the text is kept.

const REPLACEMENT = '\ufffd'

/** The text with every NUL and every unpaired surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  if (text.isWellFormed() && !text.includes('\u0000')) return text
  return text.toWellFormed().replaceAll('\u0000', REPLACEMENT)
}

// In JSON text the two arrive escaped: \u0000, or \uD800-\uDFFF (paired or not; paired ones are
// fine, and re-serialising keeps them). A false alarm (an escaped backslash before "u0000") only
// costs the re-serialisation.
const MAYBE_UNSTORABLE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i

/** JSON text jsonb can store: `text` itself, or `value` (its parse) re-serialised, keys and strings made storable. */
export function storableJson(text: string, value: unknown): string {
  if (!MAYBE_UNSTORABLE.test(text)) return text
  return JSON.stringify(storableValue(value))
}

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value)
  if (Array.isArray(value)) return value.map(storableValue)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [storableText(key), storableValue(entry)]),
    )
  }
  return value
}
