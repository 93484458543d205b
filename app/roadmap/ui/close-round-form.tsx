import { Form } from '@remix-run/react'
import { useEffect, useRef } from 'react'

import { FieldError } from '~/components/field-error'
import { OTHER_CHOICES, reasonField } from '~/roadmap/forms'
import { OUTCOME_REASON_MAX } from '~/roadmap/limits'
import { countOf, formatDate } from '~/utils/format'

import { buttonClass, inputClass } from './form-styles'

// The form that closes a round and records its decision: how the agreed efforts are chosen from
// the Schulze order (top N or picked), the rationale, and an outcome and reason for every other
// shortlisted idea. decision.ts holds the rules it is checked against; a refused form comes
// back with what was typed (`previous`) and the fields it names marked (`errors`, field name →
// message, shown beside the field as the starter forms do); the first of them takes the focus.

export function CloseRoundForm({
  shortlist,
  supersedable,
  previous,
  errors = {},
  votingUntil = null,
}: {
  shortlist: { id: number; title: string }[]
  supersedable: { id: number; round_name: string; decided_at: string }[]
  previous: Record<string, string> | undefined
  errors?: Record<string, string>
  /** While voting is still open: its closing day, who voted and out of how many could. */
  votingUntil?: { closesAt: string; voted: number; eligible: number | null } | null
}) {
  const errorId = (field: string) => (errors[field] ? `${field}-error` : undefined)
  const invalid = (field: string) => (errors[field] ? true : undefined)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [errors])
  return (
    <section
      aria-labelledby="close"
      className="mt-8 rounded border border-purple-200 bg-purple-50 p-4"
    >
      <h2 id="close" className="text-lg font-semibold">
        Close the round
      </h2>
      <p className="text-sm text-slate-700">
        Closing counts the ballots (Schulze), records the decision for good and proposes the next
        round a month later.
      </p>
      {votingUntil ? <ClosingEarly {...votingUntil} /> : null}
      <Form ref={formRef} method="post" className="mt-3 space-y-3">
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium">Agreed efforts</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="method"
              value="top-n"
              defaultChecked={previous?.method !== 'picked'}
            />
            The top
            <input
              name="topN"
              type="number"
              min={1}
              max={shortlist.length}
              defaultValue={previous?.topN ?? 1}
              aria-label="How many from the top of the order"
              aria-invalid={invalid('topN')}
              aria-describedby={['close-order-help', errorId('topN')].filter(Boolean).join(' ')}
              className={`${inputClass} mt-0 w-16`}
            />
            of the order
          </label>
          <FieldError field="topN" message={errors.topN} />
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="method"
              value="picked"
              defaultChecked={previous?.method === 'picked'}
            />
            Picked by hand: the ideas marked “agreed” below, whatever the order
          </label>
          {/* decideOutcomes refuses a top N close that leaves an idea without a reason, whatever
              the order: said here, before the closer fills the form, not only in the refusal. */}
          <p id="close-order-help" className="text-slate-700">
            Nobody sees the order before the round closes, you included: closing reveals it. So with
            the top N any idea may end up outside the top and not agreed: give every idea a reason
            now, the shared one below or one of its own. The reasons of the ideas that make the top
            are not used.
          </p>
        </fieldset>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Rationale for the agreed efforts</span>
          <textarea
            name="rationale"
            required
            rows={3}
            defaultValue={previous?.rationale}
            aria-invalid={invalid('rationale')}
            aria-describedby={errorId('rationale')}
            className={inputClass}
          />
          <FieldError field="rationale" message={errors.rationale} />
        </label>
        <div className="flex flex-wrap gap-3">
          <label className="flex flex-col text-sm">
            <span className="font-medium">The ideas not agreed are</span>
            <select
              name="otherOutcome"
              defaultValue={previous?.otherOutcome ?? 'deferred:ideation'}
              className={inputClass}
            >
              {Object.entries(OTHER_CHOICES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex min-w-[16rem] flex-1 flex-col text-sm">
            <span className="font-medium">because (their reason, unless given below)</span>
            <input
              name="otherReason"
              defaultValue={previous?.otherReason}
              maxLength={OUTCOME_REASON_MAX}
              aria-invalid={invalid('otherReason')}
              aria-describedby={['close-order-help', errorId('otherReason')]
                .filter(Boolean)
                .join(' ')}
              className={inputClass}
            />
            <FieldError field="otherReason" message={errors.otherReason} />
          </label>
        </div>
        {/* A table on a wide screen; on a phone each idea is a block, its outcome and reason
            under its title with their own words, so the reason (and what a refusal says of it)
            is never off to the side of a table scrolled sideways. */}
        <table className="block w-full text-left text-sm sm:table">
          <caption className="sr-only">Outcome of each shortlisted idea</caption>
          <thead className="hidden sm:table-header-group">
            <tr>
              <th scope="col" className="py-1">
                Idea
              </th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason of its own</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {shortlist.map((idea) => (
              <tr
                key={idea.id}
                className="block border-t border-purple-200 py-2 sm:table-row sm:border-0 sm:py-0"
              >
                <th scope="row" className="block py-1 pr-2 text-left font-normal sm:table-cell">
                  {idea.title}
                </th>
                <td className="block pr-2 sm:table-cell">
                  <span aria-hidden="true" className="text-xs font-medium text-slate-600 sm:hidden">
                    Outcome
                  </span>
                  <select
                    name={`outcome-${idea.id}`}
                    aria-label={`Outcome of ${idea.title}`}
                    defaultValue={previous?.[`outcome-${idea.id}`] ?? ''}
                    className={`${inputClass} block w-full sm:w-auto`}
                  >
                    {/* Short enough to show whole in a phone's full-width select. */}
                    <option value="">As the choices above decide</option>
                    <option value="agreed">Agreed (when picking)</option>
                    {Object.entries(OTHER_CHOICES).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="mt-2 block sm:mt-0 sm:table-cell">
                  <span aria-hidden="true" className="text-xs font-medium text-slate-600 sm:hidden">
                    Reason of its own
                  </span>
                  <input
                    name={reasonField(idea.id)}
                    aria-label={`Reason for ${idea.title}`}
                    defaultValue={previous?.[reasonField(idea.id)]}
                    maxLength={OUTCOME_REASON_MAX}
                    aria-invalid={invalid(reasonField(idea.id))}
                    aria-describedby={errorId(reasonField(idea.id))}
                    className={`${inputClass} block w-full`}
                  />
                  <FieldError field={reasonField(idea.id)} message={errors[reasonField(idea.id)]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {supersedable.length > 0 ? (
          <label className="flex flex-col text-sm">
            <span className="font-medium">Supersedes an earlier decision (optional)</span>
            <select
              name="supersedesDecisionId"
              defaultValue={previous?.supersedesDecisionId ?? ''}
              className={inputClass}
            >
              <option value="">None</option>
              {supersedable.map((decision) => (
                <option key={decision.id} value={decision.id}>
                  {decision.round_name} ({formatDate(decision.decided_at)})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" name="intent" value="close" className={buttonClass}>
          Close the round and record the decision
        </button>
      </Form>
    </section>
  )
}

/**
 * The form is offered from the first ballot on, while voting still runs: a close then ends voting
 * early for good, and a maintainer who has not voted yet loses her say. Said before the decision
 * is recorded, which nothing undoes.
 */
function ClosingEarly({
  closesAt,
  voted,
  eligible,
}: {
  closesAt: string
  voted: number
  eligible: number | null
}) {
  const until = <time dateTime={closesAt}>{formatDate(closesAt)}</time>
  const waiting = eligible === null ? 0 : Math.max(eligible - voted, 0)
  return (
    <p id="close-early" className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900">
      <strong>Voting is open until {until}.</strong>{' '}
      {waiting > 0 ? (
        <>
          {voted} of {countOf(eligible ?? voted, 'maintainer')} voted:{' '}
          {waiting === 1 ? 'one has' : `${waiting} have`} not voted yet. Closing now ends voting
          early, and {waiting === 1 ? 'that maintainer' : 'they'} can no longer vote.
        </>
      ) : (
        <>Every maintainer who can vote has voted; closing now ends voting early.</>
      )}
    </p>
  )
}
