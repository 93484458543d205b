import { Link } from '@remix-run/react'

import { personName } from '~/accounts/person'
import type { StoredTally } from '~/roadmap/decision'
import { formatDate } from '~/utils/format'

import { decisionVoters, votedCount } from '../voters'

import { Card } from './card'
import { DemoDecisionBadge } from './demo-decision'
import { TallyTable } from './tally-table'
import { VoterNames } from './voter-names'

// A closed round's decision as the public record shows it: how it was taken, the rationale, the
// agreed efforts, the others with their reasons, who voted, what it supersedes or was superseded
// by, and the full tally below it.

export type DecisionView = {
  decided_at: string
  decided_by_login: string | null
  /** Recorded by a demo person: a demo action. */
  is_demo: boolean
  method: string
  top_n: number | null
  /** The rationale rendered from markdown by the loader. */
  rationaleHtml: string
  voter_logins: string[]
  /** Which of them were demo people: their votes are demo actions. */
  demo_voter_logins: string[]
  supersedes_round_id: number | null
  supersedes_round_name: string | null
  superseded_by_round_id: number | null
  tally: StoredTally | null
  outcomes: {
    idea_id: number
    title: string
    outcome: string
    disposition: string
    reason: string | null
  }[]
}

/**
 * What a decision that agreed nothing says in place of its agreed efforts: plainly that nothing
 * was agreed, and where the decision sent its ideas. The close form refuses "picked" with none
 * agreed, but decisions recorded before that rule (or by other paths, the demo data) remain.
 */
export function nothingAgreedNote(outcomes: readonly { disposition: string }[]) {
  if (outcomes.length === 0) {
    return 'Nothing was agreed, so the roadmap did not change; no outcome was recorded for its ideas.'
  }
  const backToIdeation = outcomes.filter((outcome) => outcome.disposition !== 'archived').length
  const archived = outcomes.length - backToIdeation
  const ideas =
    outcomes.length === 1 ? 'The idea it considered' : `The ${outcomes.length} ideas it considered`
  const where =
    archived === 0
      ? `${ideas} went back to ideation`
      : backToIdeation === 0
        ? `${ideas} ${archived === 1 ? 'was' : 'were'} archived`
        : `Of the ${outcomes.length} ideas it considered, ${backToIdeation} went back to ideation and ${archived} ${archived === 1 ? 'was' : 'were'} archived`
  return `Nothing was agreed, so the roadmap did not change. ${where}, as listed below.`
}

export function DecisionRecord({
  decision,
  roundKind,
}: {
  decision: DecisionView
  roundKind: string
}) {
  const agreed = decision.outcomes.filter((outcome) => outcome.outcome === 'agreed')
  const others = decision.outcomes.filter((outcome) => outcome.outcome !== 'agreed')
  const tally = decision.tally
  return (
    <>
      <section aria-labelledby="decision" className="mt-6">
        <h2 id="decision" className="text-lg font-semibold">
          Decision
        </h2>
        <Card className="mt-2 space-y-2 text-sm">
          <p>
            Recorded on{' '}
            <time dateTime={decision.decided_at}>{formatDate(decision.decided_at)}</time>
            {decision.decided_by_login
              ? ` by ${personName({ login: decision.decided_by_login, isDemo: decision.is_demo })}`
              : ''}
            {/* A call's round says under its name that it was decided on the call, no recorded
                ballots: said here again, a reader took it for a second fact. */}
            {decision.method === 'call'
              ? roundKind === 'call'
                ? '.'
                : ': decided on the call, no recorded ballots.'
              : decision.method === 'top-n'
                ? `: the top ${decision.top_n} of the Schulze order.`
                : ': picked by the maintainers from the Schulze order.'}
            {/* After the sentence, not inside it: the badge's own colon made "… not a MirageOS
                decision: the top 2 …" read as one garbled clause. */}
            {decision.is_demo ? <DemoDecisionBadge afterSentence /> : null}
          </p>
          <div>
            <span className="font-medium">Rationale: </span>
            <div
              className="markdown-body"
              dangerouslySetInnerHTML={{ __html: decision.rationaleHtml }}
            />
          </div>
          {agreed.length > 0 ? (
            <div>
              <h3 className="font-medium">Agreed efforts</h3>
              <ul aria-label="Agreed efforts" className="list-disc pl-6">
                {agreed.map((outcome) => (
                  <li key={outcome.idea_id}>
                    <Link
                      to={`/roadmap/ideas/${outcome.idea_id}`}
                      className="text-blue-700 underline"
                    >
                      {outcome.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>{nothingAgreedNote(others)}</p>
          )}
          {others.length > 0 ? (
            <div>
              <h3 className="font-medium">Declined or deferred</h3>
              <ul aria-label="Declined or deferred" className="list-disc pl-6">
                {others.map((outcome) => (
                  <li key={outcome.idea_id}>
                    <Link
                      to={`/roadmap/ideas/${outcome.idea_id}`}
                      className="text-blue-700 underline"
                    >
                      {outcome.title}
                    </Link>
                    : {outcome.outcome}
                    {outcome.disposition === 'archived'
                      ? ' and archived'
                      : ', back to ideation'} — {outcome.reason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {roundKind === 'ballot' ? (
            <p>
              {/* Counted as the rounds list counts it: out of how many could vote is not recorded. */}
              {votedCount(decision.voter_logins.length, null)}:{' '}
              <VoterNames voters={decisionVoters(decision)} />
            </p>
          ) : null}
          {decision.supersedes_round_id ? (
            <p>
              Supersedes the decision of{' '}
              <Link
                to={`/roadmap/rounds/${decision.supersedes_round_id}`}
                className="text-blue-700 underline"
              >
                {decision.supersedes_round_name}
              </Link>
              .
            </p>
          ) : null}
          {decision.superseded_by_round_id ? (
            <p>
              Superseded by{' '}
              <Link
                to={`/roadmap/rounds/${decision.superseded_by_round_id}`}
                className="text-blue-700 underline"
              >
                a later round
              </Link>
              .
            </p>
          ) : null}
        </Card>
      </section>
      {tally ? (
        <TallyTable
          tally={tally}
          titles={Object.fromEntries(decision.outcomes.map((o) => [o.idea_id, o.title]))}
        />
      ) : null}
    </>
  )
}
