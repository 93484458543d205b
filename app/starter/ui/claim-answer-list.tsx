import { personName } from '../../accounts/person'
import { DemoBadge } from '../../components/demo-badge'
import { formatDate } from '../../utils/format'

// A claim's thread, as the project page and My work show it, oldest first: the mentors' answers
// (who, when, and the words, or that she has seen it) and the claimant's replies. A demo
// person's answer or reply is a demo action and says so.

export type ClaimAnswerShown = {
  id: number
  login: string | null
  message: string | null
  created_at: string
  is_demo: boolean
  /** The claimant's reply to the answers, rather than an answer. */
  by_claimant: boolean
  /** How many replies came before (an answer) or up to it (a reply): 0 for a first answer. */
  round: number
}

export function ClaimAnswerList({
  answers,
  whose,
  label,
  isClaimantViewing = false,
}: {
  answers: ClaimAnswerShown[]
  /** "this claim" on the project page, "your claim" on My work. */
  whose: string
  label?: string
  /** The claimant reads her own replies as "You replied". */
  isClaimantViewing?: boolean
}) {
  if (answers.length === 0) return null
  return (
    <ul className="mt-1 space-y-1 text-sm" aria-label={label}>
      {answers.map((answer) => {
        // A deleted account's answer stays: who wrote it is no longer known, and it says so.
        const author =
          answer.by_claimant && isClaimantViewing
            ? 'You'
            : answer.login === null
              ? 'Someone (account deleted)'
              : personName({ login: answer.login, isDemo: answer.is_demo })
        // An acknowledgement after a reply has seen the reply, not only the claim.
        const seen = answer.round === 0 ? whose : isClaimantViewing ? 'your reply' : 'the reply'
        return (
          <li key={answer.id} className="rounded bg-slate-50 px-2 py-1 text-slate-800">
            {answer.message === null ? (
              `${author} has seen ${seen} (${formatDate(answer.created_at)}).`
            ) : (
              <>
                <span className="text-slate-600">
                  {author} {answer.by_claimant ? 'replied' : 'answered'} on{' '}
                  {formatDate(answer.created_at)}:
                </span>
                <p className="whitespace-pre-line">{answer.message}</p>
              </>
            )}
            {answer.is_demo ? (
              <DemoBadge>{answer.by_claimant ? 'demo reply' : 'demo answer'}</DemoBadge>
            ) : null}
          </li>
        )
      })}
    </ul>
  )
}
