import { Notice } from '~/components/notice'

// What a roadmap form's action answered, as the page's banner: a success is a status, a refusal
// an alert, so screen readers announce both.

/** The outcome of a form, announced to screen readers. */
export function FormResult({ result }: { result?: { ok: boolean; message: string } | null }) {
  if (!result) return null
  return <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice>
}
