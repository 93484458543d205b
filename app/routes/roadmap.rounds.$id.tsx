import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { getCurrentUser, requireMaintainer } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formFields, runAction, type ActionResult } from '~/roadmap/actions.server'
import { OTHER_CHOICES, readBallotForm, readCloseForm, readDotsForm } from '~/roadmap/forms'
import { listOpenIdeas } from '~/roadmap/idea.server'
import { DOTS_PER_IDEA_MAX } from '~/roadmap/limits'
import { refuse } from '~/roadmap/refused'
import {
  castBallot,
  closeRound,
  getDotTotals,
  getOwnBallot,
  getOwnDots,
  getRound,
  listSupersedableDecisions,
  roundPhase,
  setDotVotes,
  updateShortlist,
  type StoredTally,
} from '~/roadmap/round.server'
import {
  buttonClass,
  Card,
  FormResult,
  IdeaTitle,
  inputClass,
  secondaryButtonClass,
} from '~/roadmap/ui/roadmap-ui'
import { formatDate } from '~/utils/format'
import { renderMarkdown } from '~/utils/markdown.server'

const INTENTS = ['ballot', 'dots', 'shortlist', 'close'] as const

function roundIdOf(params: { id?: string }) {
  if (!/^\d{1,9}$/.test(params.id ?? '')) {
    throw new Response(`"${params.id}" is not a round number.`, { status: 404 })
  }
  return Number(params.id)
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = roundIdOf(params)
  const [user, round] = await Promise.all([getCurrentUser(request), getRound(id)])
  if (!round) throw new Response(`There is no round ${id}.`, { status: 404 })
  const now = new Date()
  const phase = roundPhase(round, now)
  const isMaintainer = user?.role === 'maintainer'
  const isActive = round.kind === 'ballot' && phase !== 'closed' && phase !== 'proposed'
  const canManage = isMaintainer && isActive
  const [ownBallot, ownDots, dotTotals, openIdeas, supersedable] = await Promise.all([
    canManage ? getOwnBallot(id, user.id) : null,
    canManage && round.dot_budget > 0 ? getOwnDots(id, user.id) : null,
    round.dot_budget > 0 ? getDotTotals(id) : null,
    canManage && round.voters.length === 0
      ? listOpenIdeas(round.release_target_id)
      : Promise.resolve([] as Awaited<ReturnType<typeof listOpenIdeas>>),
    canManage
      ? listSupersedableDecisions(round.release_target_id)
      : Promise.resolve([] as Awaited<ReturnType<typeof listSupersedableDecisions>>),
  ])
  return json({
    round: {
      ...round,
      decision: round.decision
        ? { ...round.decision, rationaleHtml: renderMarkdown(round.decision.rationale) }
        : null,
    },
    phase,
    isMaintainer,
    ownBallot,
    ownDots,
    dotTotals,
    openIdeas,
    supersedable,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = roundIdOf(params)
  const user = await requireMaintainer(request)
  const form = await request.formData()
  const fields = formFields(form)
  const intent = INTENTS.find((candidate) => candidate === fields.intent)
  if (!intent) return json<ActionResult>({ ok: false, message: 'Unknown action.' }, { status: 400 })
  await enforceWriteLimit(user, intent === 'ballot' || intent === 'dots' ? 'ballot' : 'round')
  switch (intent) {
    case 'ballot':
      return runAction({}, async () => {
        await castBallot(id, user, readBallotForm(form))
        return 'Your ballot is recorded. It stays secret; you can change it until the round closes.'
      })
    case 'dots':
      return runAction({}, async () => {
        await setDotVotes(id, user, readDotsForm(form))
        return 'Your dots are recorded (a temperature check, apart from the ranked result).'
      })
    case 'shortlist':
      return runAction({}, async () => {
        await updateShortlist(id, form.getAll('shortlist').map(Number))
        return 'Shortlist updated.'
      })
    case 'close':
      return runAction(fields, async () => {
        const round = await getRound(id)
        if (!round) refuse(`There is no round ${id}.`)
        const input = readCloseForm(
          fields,
          round.shortlist.map((idea) => idea.id),
        )
        await closeRound(id, input, user)
        return 'The round is closed and its decision recorded.'
      })
  }
}

const PHASE_WORDS: Record<string, string> = {
  proposed: 'Proposed: a maintainer opens it with a shortlist',
  scheduled: 'Scheduled: voting has not started',
  voting: 'Voting is open',
  ended: 'Voting has ended: the round awaits closing',
  closed: 'Closed',
}

export default function RoundRoute() {
  const data = useLoaderData<typeof loader>()
  const { round, phase, isMaintainer } = data
  const result = useActionData<typeof action>() as ActionResult | undefined
  const canVote = isMaintainer && phase === 'voting' && round.kind === 'ballot'
  return (
    <article className="max-w-4xl">
      <p className="text-sm">
        <Link
          to={`/roadmap/rounds?target=${round.target_slug}`}
          className="text-blue-700 underline"
        >
          Rounds for {round.target_name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">{round.name}</h1>
      {round.kind === 'call' ? (
        <p className="mt-1 text-slate-700">
          Decided on the call of <time dateTime={round.opens_at}>{formatDate(round.opens_at)}</time>
          , no recorded ballots.
          {round.source_url ? (
            <>
              {' '}
              <a href={round.source_url} className="text-blue-700 underline" rel="noreferrer">
                Call notes
              </a>
              .
            </>
          ) : null}
        </p>
      ) : (
        <p className="mt-1 text-slate-700">
          {PHASE_WORDS[phase]} · opens{' '}
          <time dateTime={round.opens_at}>{formatDate(round.opens_at)}</time>, closes{' '}
          <time dateTime={round.closes_at}>{formatDate(round.closes_at)}</time>
          {round.closed_at ? (
            <>
              , closed on <time dateTime={round.closed_at}>{formatDate(round.closed_at)}</time>
            </>
          ) : null}
          .
        </p>
      )}
      <FormResult result={result} />

      {round.decision ? <DecisionRecord decision={round.decision} roundKind={round.kind} /> : null}

      {round.kind === 'ballot' ? (
        <section aria-labelledby="voters" className="mt-6">
          <h2 id="voters" className="text-lg font-semibold">
            Who has voted
          </h2>
          <p className="text-sm text-slate-700">
            {round.voters.length === 0
              ? 'Nobody yet.'
              : `${round.voters.length} maintainer${round.voters.length === 1 ? '' : 's'}: ${round.voters.map((voter) => voter.login).join(', ')}.`}{' '}
            Ballots are secret: the board shows who voted, never how.
          </p>
        </section>
      ) : null}

      {!round.decision ? (
        <section aria-labelledby="shortlist" className="mt-6">
          <h2 id="shortlist" className="text-lg font-semibold">
            Shortlist
          </h2>
          <ul className="mt-1 list-disc pl-6 text-sm">
            {round.shortlist.map((idea) => (
              <li key={idea.id}>
                <Link to={`/roadmap/ideas/${idea.id}`} className="text-blue-700 underline">
                  <IdeaTitle title={idea.title} isVerbatim={idea.is_verbatim} />
                </Link>{' '}
                <span className="text-slate-500">({idea.area_name})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {canVote ? <BallotForm /> : null}
      {canVote && round.dot_budget > 0 ? <DotsForm /> : null}
      {data.dotTotals ? <DotTotals /> : null}
      {isMaintainer && data.openIdeas.length > 0 && !round.decision ? <ShortlistForm /> : null}
      {isMaintainer && round.kind === 'ballot' && (phase === 'voting' || phase === 'ended') ? (
        <CloseForm />
      ) : null}
    </article>
  )
}

function BallotForm() {
  const { round, ownBallot } = useLoaderData<typeof loader>()
  const size = round.shortlist.length
  return (
    <section aria-labelledby="ballot" className="mt-6">
      <h2 id="ballot" className="text-lg font-semibold">
        Your ballot
      </h2>
      <p className="text-sm text-slate-600">
        Rank the ideas: 1 is your first choice; give several the same rank to tie them; leave one
        unranked to put it last. Secret, and yours to change until the round closes.
        {ownBallot ? ` You last voted on ${formatDate(ownBallot.updatedAt)}.` : ''}
      </p>
      <Card className="mt-2">
        <Form method="post" className="space-y-2">
          {round.shortlist.map((idea) => (
            <div key={idea.id} className="flex items-center gap-3">
              <input type="hidden" name="idea" value={idea.id} />
              <label htmlFor={`rank-${idea.id}`} className="flex-1 text-sm">
                {idea.title}
              </label>
              <select
                id={`rank-${idea.id}`}
                name="rank"
                aria-label={`Rank for ${idea.title}`}
                defaultValue={ownBallot?.ranks[idea.id] ?? ''}
                className={inputClass}
              >
                <option value="">Unranked</option>
                {Array.from({ length: size }, (_, index) => (
                  <option key={index + 1} value={index + 1}>
                    {index + 1}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" name="intent" value="ballot" className={buttonClass}>
            {ownBallot ? 'Update my ballot' : 'Cast my ballot'}
          </button>
        </Form>
      </Card>
    </section>
  )
}

function DotsForm() {
  const { round, ownDots } = useLoaderData<typeof loader>()
  return (
    <section aria-labelledby="dots" className="mt-6">
      <h2 id="dots" className="text-lg font-semibold">
        Temperature check (dot votes)
      </h2>
      <p className="text-sm text-slate-600">
        Optional and separate from the ranked result: spread up to {round.dot_budget} dots, at most{' '}
        {DOTS_PER_IDEA_MAX} per idea.
      </p>
      <Card className="mt-2">
        <Form method="post" className="space-y-2">
          {round.shortlist.map((idea) => (
            <div key={idea.id} className="flex items-center gap-3">
              <input type="hidden" name="idea" value={idea.id} />
              <label htmlFor={`dots-${idea.id}`} className="flex-1 text-sm">
                {idea.title}
              </label>
              <select
                id={`dots-${idea.id}`}
                name="dots"
                defaultValue={ownDots?.[idea.id] ?? 0}
                className={inputClass}
              >
                {Array.from({ length: DOTS_PER_IDEA_MAX + 1 }, (_, dots) => (
                  <option key={dots} value={dots}>
                    {dots} dot{dots === 1 ? '' : 's'}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" name="intent" value="dots" className={secondaryButtonClass}>
            Save my dots
          </button>
        </Form>
      </Card>
    </section>
  )
}

function DotTotals() {
  const { round, dotTotals } = useLoaderData<typeof loader>()
  if (!dotTotals) return null
  return (
    <section aria-labelledby="dot-totals" className="mt-6">
      <h2 id="dot-totals" className="text-lg font-semibold">
        Temperature check so far
      </h2>
      <p className="text-sm text-slate-600">
        Dot votes from {dotTotals.participants} maintainer{dotTotals.participants === 1 ? '' : 's'};
        not part of the ranked result.
      </p>
      <ul className="mt-1 text-sm">
        {round.shortlist.map((idea) => (
          <li key={idea.id}>
            {idea.title}: {dotTotals.byIdea[idea.id] ?? 0} dot
            {(dotTotals.byIdea[idea.id] ?? 0) === 1 ? '' : 's'}
          </li>
        ))}
      </ul>
    </section>
  )
}

function ShortlistForm() {
  const { round, openIdeas } = useLoaderData<typeof loader>()
  const current = new Set(round.shortlist.map((idea) => idea.id))
  return (
    <details className="mt-6">
      <summary className="cursor-pointer font-semibold">
        Change the shortlist (until the first vote)
      </summary>
      <Form method="post" className="mt-2 space-y-1">
        <fieldset>
          <legend className="sr-only">Shortlisted ideas</legend>
          {openIdeas.map((idea) => (
            <label key={idea.id} className="flex items-baseline gap-2 text-sm">
              <input
                type="checkbox"
                name="shortlist"
                value={idea.id}
                defaultChecked={current.has(idea.id)}
              />
              <span>
                {idea.title} <span className="text-slate-500">({idea.area_name})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" name="intent" value="shortlist" className={secondaryButtonClass}>
          Save the shortlist
        </button>
      </Form>
    </details>
  )
}

function CloseForm() {
  const { round, supersedable } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const previous = result && !result.ok ? result.fields : undefined
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
      <Form method="post" className="mt-3 space-y-3">
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
              max={round.shortlist.length}
              defaultValue={previous?.topN ?? 1}
              aria-label="How many from the top of the order"
              className={`${inputClass} mt-0 w-16`}
            />
            of the order
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="method"
              value="picked"
              defaultChecked={previous?.method === 'picked'}
            />
            Picked from the order: the ideas marked “agreed” below
          </label>
        </fieldset>
        <label className="flex flex-col text-sm">
          <span className="font-medium">Rationale for the agreed efforts</span>
          <textarea
            name="rationale"
            required
            rows={3}
            defaultValue={previous?.rationale}
            className={inputClass}
          />
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
            <input name="otherReason" defaultValue={previous?.otherReason} className={inputClass} />
          </label>
        </div>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Outcome of each shortlisted idea</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1">
                Idea
              </th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason of its own</th>
            </tr>
          </thead>
          <tbody>
            {round.shortlist.map((idea) => (
              <tr key={idea.id}>
                <th scope="row" className="py-1 pr-2 font-normal">
                  {idea.title}
                </th>
                <td className="pr-2">
                  <select
                    name={`outcome-${idea.id}`}
                    aria-label={`Outcome of ${idea.title}`}
                    defaultValue={previous?.[`outcome-${idea.id}`] ?? ''}
                    className={inputClass}
                  >
                    <option value="">As the order and the choice above decide</option>
                    <option value="agreed">Agreed (when picking)</option>
                    {Object.entries(OTHER_CHOICES).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    name={`reason-${idea.id}`}
                    aria-label={`Reason for ${idea.title}`}
                    defaultValue={previous?.[`reason-${idea.id}`]}
                    className={`${inputClass} w-full`}
                  />
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

type DecisionData = NonNullable<
  ReturnType<typeof useLoaderData<typeof loader>>['round']['decision']
>

const PLACED_BY: Record<string, string> = {
  schulze: 'the Schulze ranking',
  wins: 'tie-break: beats more ideas',
  support: 'tie-break: more total support',
  id: 'tie-break: earlier idea',
}

function DecisionRecord({ decision, roundKind }: { decision: DecisionData; roundKind: string }) {
  const agreed = decision.outcomes.filter((outcome) => outcome.outcome === 'agreed')
  const others = decision.outcomes.filter((outcome) => outcome.outcome !== 'agreed')
  const tally = decision.tally as StoredTally | null
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
            {decision.decided_by_login ? ` by ${decision.decided_by_login}` : ''}:{' '}
            {decision.method === 'call'
              ? 'decided on the call, no recorded ballots.'
              : decision.method === 'top-n'
                ? `the top ${decision.top_n} of the Schulze order.`
                : 'picked by the maintainers from the Schulze order.'}
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
          ) : null}
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
          {roundKind === 'ballot' ? <p>Voted: {decision.voter_logins.join(', ')}.</p> : null}
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
        <Tally
          tally={tally}
          titles={Object.fromEntries(decision.outcomes.map((o) => [o.idea_id, o.title]))}
        />
      ) : null}
    </>
  )
}

function Tally({ tally, titles }: { tally: StoredTally; titles: Record<number, string> }) {
  const name = (id: number) => titles[id] ?? `idea ${id}`
  return (
    <section aria-labelledby="tally" className="mt-6">
      <h2 id="tally" className="text-lg font-semibold">
        Tally ({tally.ballots} ballot{tally.ballots === 1 ? '' : 's'}, Schulze method)
      </h2>
      <p className="text-sm text-slate-600">
        How ties are broken is explained in{' '}
        <Link to="/roadmap/how-we-plan" className="text-blue-700 underline">
          how we plan
        </Link>
        .
      </p>
      <table className="mt-2 w-full border-collapse text-left text-sm">
        <caption className="text-left font-medium">Full order</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className="py-1 pr-2">
              Place
            </th>
            <th scope="col" className="pr-2">
              Idea
            </th>
            <th scope="col" className="pr-2">
              Schulze rank
            </th>
            <th scope="col" className="pr-2">
              Beats
            </th>
            <th scope="col" className="pr-2">
              Support
            </th>
            <th scope="col">Placed below the previous by</th>
          </tr>
        </thead>
        <tbody>
          {tally.order.map((candidate) => (
            <tr key={candidate.id} className="border-b border-slate-200">
              <td className="py-1 pr-2 tabular-nums">{candidate.position}</td>
              <th scope="row" className="pr-2 font-normal">
                {name(candidate.id)}
              </th>
              <td className="pr-2 tabular-nums">{candidate.rank}</td>
              <td className="pr-2 tabular-nums">{candidate.wins}</td>
              <td className="pr-2 tabular-nums">{candidate.support}</td>
              <td>{candidate.placedBy ? PLACED_BY[candidate.placedBy] : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Matrix
        caption="Pairwise preferences: maintainers who put the row’s idea above the column’s"
        ids={tally.candidates}
        values={tally.pairwise}
        name={name}
      />
      <Matrix
        caption="Strongest paths: the strength of the strongest chain of wins from row to column"
        ids={tally.candidates}
        values={tally.strongest}
        name={name}
      />
    </section>
  )
}

function Matrix({
  caption,
  ids,
  values,
  name,
}: {
  caption: string
  ids: number[]
  values: number[][]
  name: (id: number) => string
}) {
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="border-collapse text-sm">
        <caption className="text-left font-medium">{caption}</caption>
        <thead>
          <tr>
            <td />
            {ids.map((id) => (
              <th
                key={id}
                scope="col"
                title={name(id)}
                className="border border-slate-200 px-2 py-1 font-normal"
              >
                {id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((rowId, row) => (
            <tr key={rowId}>
              <th scope="row" className="border border-slate-200 px-2 py-1 text-left font-normal">
                {rowId}: {name(rowId)}
              </th>
              {ids.map((columnId, column) => (
                <td
                  key={columnId}
                  className="border border-slate-200 px-2 py-1 text-center tabular-nums"
                >
                  {row === column ? '—' : values[row]?.[column]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.round.name ?? 'Round'} · Roadmap · Pioneer Board` },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
