// The marker on a demo person's action (a rating, a claim) wherever it is shown: the demo may
// show the product working, but never as something the community did (docs/decisions/012).

/**
 * A tag's words as a sentence of their own, for one that follows a full stop: "…become efforts
 * here. opened by Sam …" read as a sentence starting lowercase. Its first letter up, a full stop
 * at its end; the words and their meaning stay.
 */
export function asSentence(text: string) {
  const trimmed = text.trim()
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`
}

export function DemoBadge({
  children,
  afterSentence = false,
}: {
  children: string
  /** It follows a full stop, so its words read as a sentence (`asSentence`). */
  afterSentence?: boolean
}) {
  // A box, not a run of text: at a line's end the whole tag moves to the next line instead of
  // leaving "demo" on one and "claim" on the other (a 375 px phone). Not `whitespace-nowrap`: the
  // long ones ("demo decision: a demo action, not a MirageOS decision") may still wrap inside
  // their box rather than run off a phone's screen, even in a `whitespace-nowrap` span that keeps a
  // full stop after the tag (IdeaStanding's `end`).
  // The space inside the box is not drawn (a line box drops its leading space) but keeps the tag
  // a word of its own for screen readers and copied text: "Cam (demo contributor) demo claim".
  return (
    <span className="ml-2 inline-block whitespace-normal rounded bg-amber-100 px-1 text-xs text-amber-900">
      {' '}
      {afterSentence ? asSentence(children) : children}
    </span>
  )
}
