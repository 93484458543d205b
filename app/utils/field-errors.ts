import type { ZodError } from 'zod'

/** Field name → first message, for showing beside each field. */
export function fieldErrors(error: ZodError) {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}

/** Every problem a form has, once each, as one message: fixing one should not reveal the next. */
export function allProblems(error: ZodError, fallback = 'That form was not filled in correctly.') {
  return [...new Set(error.issues.map((issue) => issue.message))].join(' ') || fallback
}
