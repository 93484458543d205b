import { badRequest } from './http.server'
import type { FilterProblem } from './parameter-problem'

// Reading what a request brings (its form, its query string) in one place, so what no page of
// ours sends is refused with a reason before any route looks at it, never a 500: a body that is
// not a form (JSON, plain text, a truncated multipart upload), and a NUL character, which
// PostgreSQL refuses in text (the whole query fails) and no one types.

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

const NUL = '\u0000'

/** A field or parameter name fit to quote in a message. */
function quoted(name: string) {
  const shown = name.replaceAll(NUL, '\\0')
  return `"${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"`
}

/**
 * The submitted form of an action. A body of another type is refused with 415, one that cannot be
 * read as the form it says it is with 400, and so is a field holding a NUL character.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get('Content-Type')?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (!FORM_TYPES.has(type)) {
    throw new Response(
      `The board's forms are sent as application/x-www-form-urlencoded or multipart/form-data, not ${type ? type.slice(0, 100) : 'without a Content-Type'}.`,
      { status: 415 },
    )
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw new Response('The form could not be read: its body is incomplete or malformed.', {
      status: 400,
    })
  }
  for (const [name, value] of form) {
    if (name.includes(NUL) || (typeof value === 'string' && value.includes(NUL))) {
      throw new Response(
        `The field ${quoted(name)} contains a NUL character, which the board does not accept.`,
        { status: 400 },
      )
    }
  }
  return form
}

function nulProblems(params: URLSearchParams): FilterProblem[] {
  return [...params]
    .filter(([name, value]) => name.includes(NUL) || value.includes(NUL))
    .map(([name]) => ({
      parameter: name.replaceAll(NUL, '\\0'),
      message: 'contains a NUL character (%00)',
      allowed: 'text without NUL characters',
    }))
}

/** A page's query parameters; one holding a NUL character is refused with 400. */
export function readQuery(request: Request): URLSearchParams {
  const params = new URL(request.url).searchParams
  const [problem] = nulProblems(params)
  if (problem) {
    throw new Response(
      `The parameter ${quoted(problem.parameter)} contains a NUL character (%00), which the board does not accept.`,
      { status: 400 },
    )
  }
  return params
}

/** A JSON API's query parameters; one holding a NUL character is answered 400 with the API's error. */
export function readApiQuery(request: Request): URLSearchParams {
  const params = new URL(request.url).searchParams
  const problems = nulProblems(params)
  if (problems.length > 0) throw badRequest(problems)
  return params
}
