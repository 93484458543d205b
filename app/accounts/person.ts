// Who acts on the board, in the two shapes the features need. Plain types, so pure rules and
// pages can name them too.

/** A signed-in person acting now: always an account (a claim, a ballot, an idea). */
export type Person = { id: number; login: string }

/**
 * Who a recorded change is credited to: a person, or no account at all for changes learned from
 * GitHub (`github:<login>`) and the demo loader's demo actions.
 */
export type Actor = { id: number | null; login: string }
