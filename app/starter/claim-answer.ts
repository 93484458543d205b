// A mentor's answer to a newcomer's claim: what it may say, and when an unanswered claim counts
// as waiting too long. Pure, so the project page's form and the server check the same limits.

/**
 * A welcome and a next step, or a short reply to one: a few lines, not a long conversation (that
 * is on the mentors' contact). Answers and replies share the limit.
 */
export const CLAIM_ANSWER_MAX = 500

/**
 * A running claim nobody answered for this many days is shown to maintainers as waiting: a
 * week, so a mentor who looks once a week (the fortnightly call's half) still answers first.
 */
export const UNANSWERED_CLAIM_DAYS = 7

/** When a running claim nobody answers joins "Waiting for maintainers" (`getUnansweredClaims`). */
export function shownToMaintainersFrom(claimedAt: Date | string) {
  return new Date(new Date(claimedAt).getTime() + UNANSWERED_CLAIM_DAYS * 24 * 60 * 60 * 1000)
}

/**
 * Why an answer's text is refused, or null when it is fine: something to say (an answer of
 * spaces is no answer; "acknowledge" is the way to say nothing), at most CLAIM_ANSWER_MAX
 * characters, no control characters but line breaks and tabs (a NUL cannot be stored).
 */
export function claimAnswerProblem(text: string): string | null {
  return messageProblem(text, {
    noun: 'answer',
    empty: 'Write a few words, or use “Acknowledge” to say you have seen it.',
  })
}

/**
 * Why a claimant's reply to the answers is refused, or null: the same limits as an answer, but
 * a reply has no "seen it" without words.
 */
export function claimReplyProblem(text: string): string | null {
  return messageProblem(text, { noun: 'reply', empty: 'Write a few words to reply.' })
}

function messageProblem(text: string, words: { noun: string; empty: string }): string | null {
  const trimmed = text.trim()
  if (trimmed.length === 0) return words.empty
  if ([...trimmed].length > CLAIM_ANSWER_MAX) {
    return `Your ${words.noun} must be at most ${CLAIM_ANSWER_MAX} characters (it has ${[...trimmed].length}).`
  }
  if (
    [...trimmed].some((char) => {
      const code = char.charCodeAt(0)
      return (code < 32 && char !== '\n' && char !== '\r' && char !== '\t') || code === 127
    })
  ) {
    return `Your ${words.noun} contains a control character (such as NUL): write plain text.`
  }
  return null
}

/**
 * Whether the claimant may reply now, from her claim's thread (oldest first) on a claim that has
 * not ended: someone has answered, and she has not replied since the last answer. The server's
 * rule (`replyToClaim`'s rounds) in the terms a page has; the project page and My work offer
 * the reply box by it.
 */
export function isReplyOpen(thread: readonly { by_claimant: boolean }[]) {
  const latest = thread[thread.length - 1]
  return latest !== undefined && !latest.by_claimant
}

/** The text as stored: one kind of line break (a form sends CR LF), no blank edges. */
export function normalizeClaimAnswer(text: string) {
  return text.replace(/\r\n?/g, '\n').trim()
}
