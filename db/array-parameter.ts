import { sql } from 'kysely'

// A list of values as one array parameter (`id = any($1::bigint[])`) instead of one parameter per
// value (`id in ($1, $2, ...)`): the statement's text then stays the same whatever the count, so
// PostgreSQL plans it a few times per connection instead of on every call. A sync page runs such
// lookups for its 100 issues and their labels; planning them cost more than running them.

type ArrayElement = 'bigint' | 'text'

/** The right side of `column = any(...)`: true when the column equals one of `values`. */
export function anyOf<T extends number | string>(values: readonly T[], element: ArrayElement) {
  return sql<T>`any(${sql.val(values)}::${sql.raw(element)}[])`
}

/** The right side of `column <> all(...)`: true when the column equals none of `values`. */
export function allOf<T extends number | string>(values: readonly T[], element: ArrayElement) {
  return sql<T>`all(${sql.val(values)}::${sql.raw(element)}[])`
}
