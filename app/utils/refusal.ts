import type { HeadersFunction } from '@remix-run/node'

/**
 * The HTTP statuses a refusal maps to: bad input, not allowed, not found, changed meanwhile, and
 * too many writes (a spent write budget, which says when to try again).
 */
export type RefusalStatus = 400 | 403 | 404 | 409 | 429

/**
 * A request the board refuses for a reason the person can fix (bad dates, a claim on a done
 * project, a merge cycle). Its message is shown to them as is, with `status` as the answer's
 * HTTP status; model functions throw it before writing anything, or inside a transaction that it
 * rolls back, so nothing changes. `fieldErrors` (form field name → a short message) names the
 * fields the refusal is about, so a form can mark them, as the starter forms mark theirs.
 * `retryAfterSeconds` (a spent write budget) becomes the answer's Retry-After header.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly status: RefusalStatus = 400,
    readonly fieldErrors?: Record<string, string>,
    readonly retryAfterSeconds?: number,
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

/**
 * The status and headers of the answer to a refusal: every catcher that turns a refusal into a
 * form's result answers with these, so a spent write budget keeps its Retry-After.
 */
export function refusalInit(refusal: Refusal): ResponseInit {
  return refusal.retryAfterSeconds === undefined
    ? { status: refusal.status }
    : { status: refusal.status, headers: { 'Retry-After': String(refusal.retryAfterSeconds) } }
}

/**
 * The `headers` of a route whose action can answer a spent write budget. Without JavaScript the
 * page itself is the answer, and Remix gives a page only the headers its route's `headers` passes
 * on: this one passes on the refusal's Retry-After (from the action, or from the error a bare
 * button's action throws).
 */
export const keepRetryAfter: HeadersFunction = ({ parentHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers(parentHeaders)
  const retryAfter = actionHeaders.get('Retry-After') ?? errorHeaders?.get('Retry-After')
  if (retryAfter) headers.set('Retry-After', retryAfter)
  return headers
}
