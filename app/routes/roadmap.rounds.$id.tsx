import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, isDemoMode, requireMaintainer } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { DemoBadge } from '~/components/demo-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formFields, invalidForm, runAction, type ActionResult } from '~/roadmap/actions.server'
import {
  castBallot,
  getDotTotals,
  getOwnBallot,
  getOwnDots,
  setDotVotes,
} from '~/roadmap/ballot.server'
import { readRoundDay } from '~/roadmap/dates'
import { decidedOnCall } from '~/roadmap/decided-summary'
import { closeRound, listSupersedableDecisions } from '~/roadmap/decision.server'
import {
  openRoundDefaults,
  openRoundFields,
  readBallotForm,
  readCloseForm,
  readDotsForm,
  readShortlistForm,
} from '~/roadmap/forms'
import { listOpenIdeas } from '~/roadmap/idea.server'
import { OPENED_PARAM, openedRoundNotice } from '~/roadmap/opened-notice'
import { roundPhase } from '~/roadmap/round-phase'
import {
  countEligibleVoters,
  getLastOpenedBallotRound,
  getRound,
  listRounds,
  extendVoting,
  openRound,
  rescheduleRound,
  updateShortlist,
} from '~/roadmap/round.server'
import { BallotForm } from '~/roadmap/ui/ballot-form'
import { CloseRoundForm } from '~/roadmap/ui/close-round-form'
import { DecisionRecord } from '~/roadmap/ui/decision-record'
import { demoRoundNote } from '~/roadmap/ui/demo-decision'
import { DotsForm, DotTotals } from '~/roadmap/ui/dot-votes'
import { ExtendVotingForm } from '~/roadmap/ui/extend-voting-form'
import { FormResult } from '~/roadmap/ui/form-result'
import { DotsCount, RankedVotesCount } from '~/roadmap/ui/how-votes-count'
import { OpenRoundForm } from '~/roadmap/ui/open-round-form'
import { RescheduleForm } from '~/roadmap/ui/reschedule-form'
import { RoundDates } from '~/roadmap/ui/round-dates'
import { RoundInTheWay } from '~/roadmap/ui/round-in-the-way'
import { RoundIntro } from '~/roadmap/ui/round-intro'
import { RoundNextSteps } from '~/roadmap/ui/round-next-steps'
import { RoundShortlist } from '~/roadmap/ui/round-shortlist'
import { ShortlistForm } from '~/roadmap/ui/shortlist-form'
import { VoterNames } from '~/roadmap/ui/voter-names'
import { votedCount } from '~/roadmap/voters'
import { pageTitle } from '~/setup/board-name'
import { countOf, formatDate } from '~/utils/format'
import { parseId } from '~/utils/id'
import { renderMarkdown } from '~/utils/markdown.server'
import { keepRetryAfter, refuse } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const INTENTS = [
  'ballot',
  'dots',
  'shortlist',
  'close',
  'open-round',
  'reschedule',
  'extend',
] as const

// Opening a round proposed when the previous one closed, from its own page.
const OpenProposedSchema = z.object(openRoundFields)

// Moving a scheduled round: blank "Closes on" keeps its length.
const RescheduleSchema = z.object({
  opensOn: openRoundFields.opensOn,
  closesOn: openRoundFields.closesOn,
})

// Giving a round whose voting ended with no ballot a later closing day.
const ExtendSchema = z.object({ closesOn: z.string().min(1, 'Give the new closing date.') })

function roundIdOf(params: { id?: string }) {
  const id = parseId(params.id)
  if (id === null) throw new Response(`"${params.id}" is not a round number.`, { status: 404 })
  return id
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
  const [ownBallot, ownDots, dotTotals, openIdeas, supersedable, eligibleVoters] =
    await Promise.all([
      canManage ? getOwnBallot(id, user.id) : null,
      canManage && round.dot_budget > 0 ? getOwnDots(id, user.id) : null,
      // Dots stay secret while the round runs: one maintainer's dots would give her preference away.
      round.dot_budget > 0 && round.status === 'closed' ? getDotTotals(id) : null,
      canManage && round.voters.length === 0
        ? listOpenIdeas(round.release_target_id)
        : Promise.resolve([] as Awaited<ReturnType<typeof listOpenIdeas>>),
      canManage
        ? listSupersedableDecisions(round.release_target_id)
        : Promise.resolve([] as Awaited<ReturnType<typeof listSupersedableDecisions>>),
      // Out of how many: known while the round is open; who could vote at closing is not recorded.
      round.kind === 'ballot' && round.status === 'open'
        ? countEligibleVoters(id, { withDemo: isDemoMode() })
        : null,
    ])
  // A proposed round waits for a maintainer: its page offers to open it, with a shortlist.
  const canOpen = isMaintainer && round.kind === 'ballot' && phase === 'proposed'
  // Closing a ballot round proposes the next one: its page says where the process goes on.
  const showNext = round.kind === 'ballot' && round.status === 'closed'
  const [proposalIdeas, rounds] = await Promise.all([
    canOpen
      ? listOpenIdeas(round.release_target_id)
      : Promise.resolve([] as Awaited<ReturnType<typeof listOpenIdeas>>),
    canOpen || showNext
      ? listRounds(round.release_target_id)
      : Promise.resolve([] as Awaited<ReturnType<typeof listRounds>>),
  ])
  const running = canOpen ? rounds.find((other) => other.status === 'open') : undefined
  const next = showNext
    ? rounds.find(
        (other) =>
          (other.status === 'proposed' || other.status === 'open') &&
          new Date(other.opens_at) > new Date(round.opens_at),
      )
    : undefined
  // closeRound refuses a round nobody has voted in: until a ballot is in, say so instead of a
  // form that would be refused only once filled in.
  const closing =
    isMaintainer && round.kind === 'ballot' && (phase === 'voting' || phase === 'ended')
      ? round.voters.length === 0
        ? ('awaits-ballot' as const)
        : ('form' as const)
      : null
  return json({
    closing,
    canOpen,
    proposalIdeas,
    running: running
      ? {
          id: running.id,
          name: running.name,
          opens_at: running.opens_at,
          closes_at: running.closes_at,
          phase: roundPhase(running, now),
        }
      : null,
    next: next
      ? {
          id: next.id,
          name: next.name,
          phase: roundPhase(next, now),
          opensAt: next.opens_at,
          closesAt: next.closes_at,
        }
      : null,
    defaults: openRoundDefaults(
      round,
      now,
      canOpen ? await getLastOpenedBallotRound(round.release_target_id) : null,
    ),
    // Landed here from the rounds page's form, which opened it: what that did.
    openedNotice:
      isMaintainer && round.status === 'open' && readQuery(request).has(OPENED_PARAM)
        ? openedRoundNotice(round, now)
        : null,
    now: now.toISOString(),
    // Names a blank name does not take: the other rounds', read where the round can be opened.
    takenNames: rounds.filter((other) => other.id !== round.id).map((other) => other.name),
    round: {
      ...round,
      decision: round.decision
        ? { ...round.decision, rationaleHtml: renderMarkdown(round.decision.rationale) }
        : null,
    },
    phase,
    isMaintainer,
    viewer: isMaintainer
      ? ('maintainer' as const)
      : user
        ? ('contributor' as const)
        : ('reader' as const),
    eligibleVoters,
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
  const form = await readForm(request)
  const fields = formFields(form)
  const intent = INTENTS.find((candidate) => candidate === fields.intent)
  if (!intent) return json<ActionResult>({ ok: false, message: 'Unknown action.' }, { status: 400 })
  const budget = intent === 'ballot' || intent === 'dots' ? 'ballot' : 'round'
  switch (intent) {
    case 'open-round': {
      const parsed = OpenProposedSchema.safeParse(fields)
      if (!parsed.success) return invalidForm(parsed.error, fields)
      const input = parsed.data
      return runAction(fields, async () => {
        await enforceWriteLimit(user, budget)
        const round = await getRound(id)
        if (!round) refuse(`There is no round ${id}.`)
        const opensAt = readRoundDay('opensOn', input.opensOn, { required: true })
        const closesAt = readRoundDay('closesOn', input.closesOn)
        const now = new Date()
        await openRound(
          {
            releaseTargetId: round.release_target_id,
            proposedRoundId: id,
            name: input.name,
            opensAt,
            closesAt,
            dotBudget: input.dotBudget,
            shortlist: readShortlistForm(form),
          },
          user,
          now,
        )
        // Named by now after the day it opens, unless named otherwise.
        const opened = await getRound(id)
        if (!opened) refuse(`There is no round ${id}.`)
        return openedRoundNotice(opened, now)
      })
    }
    case 'reschedule': {
      const parsed = RescheduleSchema.safeParse(fields)
      if (!parsed.success) return invalidForm(parsed.error, fields)
      return runAction(fields, async () => {
        await enforceWriteLimit(user, budget)
        const opensAt = readRoundDay('opensOn', parsed.data.opensOn, { required: true })
        const closesAt = readRoundDay('closesOn', parsed.data.closesOn)
        const now = new Date()
        const before = await getRound(id)
        const moved = await rescheduleRound(id, { opensAt, closesAt }, now)
        // A name the board gave follows the new day (rescheduleRound): say so, not only in the heading.
        const name = (await getRound(id))?.name
        const renamed = before && name && name !== before.name ? ` It is now named ${name}.` : ''
        // Moved to today, voting starts at once (rescheduleRound).
        return moved.opensAt <= now
          ? `Voting is open now, until ${formatDate(moved.closesAt)}.${renamed}`
          : `The round is moved: voting starts on ${formatDate(moved.opensAt)} and ends on ${formatDate(moved.closesAt)}.${renamed}`
      })
    }
    case 'extend': {
      const parsed = ExtendSchema.safeParse(fields)
      if (!parsed.success) return invalidForm(parsed.error, fields)
      return runAction(fields, async () => {
        await enforceWriteLimit(user, budget)
        const closesAt = readRoundDay('closesOn', parsed.data.closesOn, { required: true })
        const extended = await extendVoting(id, closesAt, new Date())
        return `Voting is open again until ${formatDate(extended.closesAt)}.`
      })
    }
    case 'ballot':
      return runAction({}, async () => {
        await enforceWriteLimit(user, budget)
        await castBallot(id, user, readBallotForm(form))
        return 'Your ballot is recorded. It stays secret; you can change it until the round closes.'
      })
    case 'dots':
      return runAction({}, async () => {
        await enforceWriteLimit(user, budget)
        await setDotVotes(id, user, readDotsForm(form))
        return 'Your dots are recorded (a temperature check, apart from the ranked result).'
      })
    case 'shortlist':
      return runAction({}, async () => {
        await enforceWriteLimit(user, budget)
        await updateShortlist(id, readShortlistForm(form), user, new Date())
        return 'Shortlist updated.'
      })
    case 'close':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, budget)
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

export const headers = keepRetryAfter

export default function RoundRoute() {
  const data = useLoaderData<typeof loader>()
  const { round, phase, isMaintainer } = data
  const result = useActionData<typeof action>() as ActionResult | undefined
  const canVote = isMaintainer && phase === 'voting' && round.kind === 'ballot'
  // A proposed round has no shortlist and nobody votes in it yet; its dots are set when it opens.
  const isProposed = phase === 'proposed'
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
          {capitalise(decidedOnCall(round.name, round.opens_at))}.
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
          {PHASE_WORDS[phase]} · <RoundDates phase={phase} round={round} />.
          {round.is_demo ? (
            <DemoBadge afterSentence>{demoRoundNote(round.status, round.demo_opener)}</DemoBadge>
          ) : null}
        </p>
      )}
      {round.kind === 'ballot' ? (
        <RoundIntro
          phase={phase}
          round={round}
          viewer={data.viewer}
          canVote={canVote}
          returnTo={`/roadmap/rounds/${round.id}`}
        />
      ) : null}
      {!(data.canOpen && result && !result.ok) ? (
        <FormResult
          result={result ?? (data.openedNotice ? { ok: true, message: data.openedNotice } : null)}
        />
      ) : null}

      {data.canOpen ? (
        <section aria-labelledby="open-proposed" className="mt-6">
          <h2 id="open-proposed" className="text-lg font-semibold">
            Open this round
          </h2>
          {data.running ? (
            <RoundInTheWay round={data.running} opening="this one" />
          ) : (
            <OpenRoundForm
              targetId={round.release_target_id}
              targetSlug={round.target_slug}
              proposed={round}
              openIdeas={data.proposalIdeas}
              defaults={data.defaults}
              now={data.now}
              takenNames={data.takenNames}
              failed={result && !result.ok ? result : undefined}
            />
          )}
        </section>
      ) : null}

      {round.decision ? <DecisionRecord decision={round.decision} roundKind={round.kind} /> : null}
      {round.decision && round.kind === 'ballot' ? (
        <RoundNextSteps
          targetSlug={round.target_slug}
          hasAgreed={round.decision.outcomes.some((outcome) => outcome.outcome === 'agreed')}
          next={data.next}
        />
      ) : null}

      {/* Once closed, the decision record names the voters ("2 maintainers voted: …"). */}
      {round.kind === 'ballot' && !round.decision && !isProposed ? (
        <section aria-labelledby="voters" className="mt-6">
          <h2 id="voters" className="text-lg font-semibold">
            Who has voted
          </h2>
          <p className="text-sm text-slate-700">
            {round.voters.length === 0 ? (
              data.eligibleVoters === null ? (
                'Nobody yet.'
              ) : (
                `Nobody yet: ${countOf(data.eligibleVoters, 'maintainer')} can vote.`
              )
            ) : (
              <>
                {votedCount(round.voters.length, data.eligibleVoters)}:{' '}
                <VoterNames
                  voters={round.voters.map((voter) => ({
                    login: voter.login,
                    isDemo: voter.is_demo,
                  }))}
                />
              </>
            )}{' '}
            Ballots are secret: the board shows who voted, never how.
          </p>
          {/* A voter reads it beside her ballot. */}
          {canVote ? null : <RankedVotesCount />}
        </section>
      ) : null}

      {!round.decision && !isProposed ? <RoundShortlist shortlist={round.shortlist} /> : null}

      {isMaintainer && round.kind === 'ballot' && phase === 'scheduled' ? (
        <RescheduleForm
          opensAt={round.opens_at}
          failed={
            result && !result.ok && result.fields?.intent === 'reschedule' ? result : undefined
          }
        />
      ) : null}
      {canVote ? <BallotForm shortlist={round.shortlist} ownBallot={data.ownBallot} /> : null}
      {canVote && round.dot_budget > 0 ? (
        <DotsForm shortlist={round.shortlist} dotBudget={round.dot_budget} ownDots={data.ownDots} />
      ) : null}
      {data.dotTotals ? (
        <DotTotals
          shortlist={round.shortlist}
          dotBudget={round.dot_budget}
          totals={data.dotTotals}
        />
      ) : null}
      {round.dot_budget > 0 && round.status === 'open' ? (
        <div className="mt-4 space-y-1">
          {/* Those who cannot vote learn what the dots are too; voters read it in the form. */}
          {canVote ? null : <DotsCount dotBudget={round.dot_budget} />}
          <p className="text-sm text-slate-600">
            Dot totals stay secret until the round closes, like the ballots.
          </p>
        </div>
      ) : null}
      {isMaintainer && data.openIdeas.length > 0 && !round.decision ? (
        <ShortlistForm shortlist={round.shortlist} openIdeas={data.openIdeas} />
      ) : null}
      {data.closing === 'awaits-ballot' && phase === 'ended' ? (
        <ExtendVotingForm
          closesAt={round.closes_at}
          failed={result && !result.ok && result.fields?.intent === 'extend' ? result : undefined}
        />
      ) : data.closing === 'awaits-ballot' ? (
        <p className="mt-8 rounded border border-purple-200 bg-purple-50 p-4 text-sm text-slate-700">
          <strong>Closing the round</strong> waits for the first ballot: a round closes on at least
          one ballot, and nobody has voted yet.
        </p>
      ) : null}
      {data.closing === 'form' ? (
        <CloseRoundForm
          shortlist={round.shortlist}
          supersedable={data.supersedable}
          previous={result && !result.ok ? result.fields : undefined}
          errors={result && !result.ok ? result.fieldErrors : undefined}
          votingUntil={
            phase === 'voting'
              ? {
                  closesAt: round.closes_at,
                  voted: round.voters.length,
                  eligible: data.eligibleVoters,
                }
              : null
          }
        />
      ) : null}
      <p className="mt-6 text-sm">
        <a href={`/api/rounds/${round.id}`} className="text-blue-700 underline">
          This round as JSON
        </a>
      </p>
    </article>
  )
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** After a close: where the agreed efforts now show, and the round that comes next. */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(`${data?.round.name ?? 'Round'} · Roadmap · Pioneer Board`, matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
