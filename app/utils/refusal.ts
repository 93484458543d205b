/** The HTTP statuses a refusal maps to: bad input, not allowed, not found, changed meanwhile. */
export type RefusalStatus = 400 | 403 | 404 | 409

/**
 * A request the board refuses for a reason the person can fix (bad dates, a claim on a done
 * project, a merge cycle). Its message is shown to them as is, with `status` as the answer's
 * HTTP status; model functions throw it before writing anything, or inside a transaction that it
 * rolls back, so nothing changes. `fieldErrors` (form field name → a short message) names the
 * fields the refusal is about, so a form can mark them, as the starter forms mark theirs.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly status: RefusalStatus = 400,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message)
    this.name = 'Refusal'
  }
}

export function refuse(
  message: string,
  status: RefusalStatus = 400,
  fieldErrors?: Record<string, string>,
): never {
  throw new Refusal(message, status, fieldErrors)
}
