import { InView, Notice } from '~/components/notice'

// What a roadmap form's action answered, as the page's banner: a success is a status, a refusal
// an alert, so screen readers announce both. The banner sits at the top of its page or form,
// which may be far above the button that was pressed: each new answer is scrolled into view.

/** The outcome of a form, announced to screen readers and brought into view. */
export function FormResult({
  result,
}: {
  result?: { ok: boolean; message: string; link?: { to: string; label: string } } | null
}) {
  if (!result) return null
  return (
    <InView answer={result}>
      <Notice tone={result.ok ? 'success' : 'error'}>
        {result.message}
        {result.link ? (
          <>
            {' '}
            <a href={result.link.to} className="underline">
              {result.link.label}
            </a>
          </>
        ) : null}
      </Notice>
    </InView>
  )
}
