import { json } from '@remix-run/node'
import type { ZodError } from 'zod'

import { allProblems, fieldErrors } from '../utils/field-errors'
import { Refusal, refusalInit } from '../utils/refusal'

export type ActionResult = {
  ok: boolean
  message: string
  /** On success, the form's intent: which form on the page it answered. */
  intent?: string
  fields?: Record<string, string>
  /** Field name → short message, for marking the fields a refusal is about. */
  fieldErrors?: Record<string, string>
  /** On success, where on the page what it answers is (a comment sent twice: the one kept). */
  link?: { to: string; label: string }
}

/**
 * Runs a roadmap action: its message on success; a refusal (bad input, a rule of the process, a
 * spent write budget: spend it inside `work`) answers with its status (400 unless it says
 * otherwise, with its Retry-After if any), the reason, the submitted fields and the fields it
 * names, so the form can show all three. Anything else (a Response such as a
 * redirect or a 403, a programmer error) goes on up.
 */
export async function runAction(
  fields: Record<string, string>,
  work: () => Promise<string | { message: string; link: ActionResult['link'] }>,
) {
  try {
    const done = await work()
    const answer = typeof done === 'string' ? { message: done } : done
    return json<ActionResult>({ ok: true, ...answer, intent: fields.intent })
  } catch (error) {
    if (error instanceof Refusal) {
      return json<ActionResult>(
        { ok: false, message: error.message, fields, fieldErrors: error.fieldErrors },
        refusalInit(error),
      )
    }
    throw error
  }
}

export function invalidForm(error: ZodError, fields: Record<string, string>) {
  return json<ActionResult>(
    { ok: false, message: allProblems(error), fields, fieldErrors: fieldErrors(error) },
    { status: 400 },
  )
}

/** The form's single-valued fields, as strings (files and repeated names are not used here). */
export function formFields(form: FormData) {
  const fields: Record<string, string> = {}
  for (const [name, value] of form) if (typeof value === 'string') fields[name] = value
  return fields
}
