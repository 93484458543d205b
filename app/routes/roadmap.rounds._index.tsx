import {
  json,
  redirect,
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
import { readRoundDay } from '~/roadmap/dates'
import { decidedOnCall, decidedSummary } from '~/roadmap/decided-summary'
import { openRoundDefaults, openRoundFields, readShortlistForm } from '~/roadmap/forms'
import { listOpenIdeas } from '~/roadmap/idea.server'
import { openedRoundHref } from '~/roadmap/opened-notice'
import {
  createArea,
  createReleaseTarget,
  findReleaseTarget,
  listAreas,
  listReleaseTargets,
} from '~/roadmap/roadmap.server'
import { roundPhase } from '~/roadmap/round-phase'
import {
  countEligibleVoters,
  getLastOpenedBallotRound,
  listRounds,
  openRound,
} from '~/roadmap/round.server'
import { demoRoundNote } from '~/roadmap/ui/demo-decision'
import { FormResult } from '~/roadmap/ui/form-result'
import { OpenRoundForm } from '~/roadmap/ui/open-round-form'
import { RoadmapNotStarted } from '~/roadmap/ui/roadmap-not-started'
import { RoundDates } from '~/roadmap/ui/round-dates'
import { RoundInTheWay } from '~/roadmap/ui/round-in-the-way'
import { TargetAndAreaForms } from '~/roadmap/ui/target-and-area-forms'
import { votedCount } from '~/roadmap/voters'
import { pageTitle } from '~/setup/board-name'
import { idField } from '~/utils/id'
import { keepRetryAfter } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const RoundsActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('open-round'),
    releaseTargetId: idField('Choose a release target.'),
    proposedRoundId: idField('That is not a round number.').optional(),
    ...openRoundFields,
  }),
  z.object({
    intent: z.literal('create-target'),
    name: z.string(),
    description: z.string().default(''),
  }),
  z.object({
    intent: z.literal('create-area'),
    releaseTargetId: idField('Choose a release target.'),
    name: z.string(),
  }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request)
  const slug = readQuery(request).get('target')
  const [targets, target] = await Promise.all([listReleaseTargets(), findReleaseTarget(slug)])
  if (slug && !target) throw new Response(`There is no release target "${slug}".`, { status: 404 })
  const isMaintainer = user?.role === 'maintainer'
  const now = new Date()
  const rounds = target ? await listRounds(target.id) : []
  // Out of how many maintainers, as on the round's page: known for the open round only (a target
  // has at most one); who could vote when a round closed is not recorded.
  const open = rounds.find((round) => round.kind === 'ballot' && round.status === 'open')
  const eligible = open ? await countEligibleVoters(open.id, { withDemo: isDemoMode() }) : null
  const proposed = rounds.find((round) => round.status === 'proposed')
  return json({
    target,
    targets,
    isMaintainer,
    rounds: rounds.map((round) => ({
      ...round,
      phase: roundPhase(round, now),
      eligible_voters: round.id === open?.id ? eligible : null,
    })),
    openIdeas: target && isMaintainer ? await listOpenIdeas(target.id) : [],
    // The target's areas, named beside the form that adds one (they are listed nowhere else here).
    areaNames: target && isMaintainer ? (await listAreas(target.id)).map((area) => area.name) : [],
    defaults: openRoundDefaults(
      proposed,
      now,
      target && isMaintainer ? await getLastOpenedBallotRound(target.id) : null,
    ),
    now: now.toISOString(),
    // A blank name is the opening's month's unless another round has it (the proposed one opens).
    takenNames: rounds.filter((round) => round !== proposed).map((round) => round.name),
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const form = await readForm(request)
  const fields = formFields(form)
  const parsed = RoundsActionSchema.safeParse(fields)
  if (!parsed.success) return invalidForm(parsed.error, fields)
  const input = parsed.data
  switch (input.intent) {
    case 'open-round':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        const opensAt = readRoundDay('opensOn', input.opensOn, { required: true })
        const closesAt = readRoundDay('closesOn', input.closesOn)
        const id = await openRound(
          {
            releaseTargetId: input.releaseTargetId,
            proposedRoundId: input.proposedRoundId ?? null,
            name: input.name,
            opensAt,
            closesAt,
            dotBudget: input.dotBudget,
            shortlist: readShortlistForm(form),
          },
          user,
        )
        throw redirect(openedRoundHref(id))
      })
    case 'create-target':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        await createReleaseTarget({ name: input.name, description: input.description })
        return `Release target “${input.name.trim()}” created.`
      })
    case 'create-area':
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        await createArea({ releaseTargetId: input.releaseTargetId, name: input.name })
        return `Area “${input.name.trim()}” added.`
      })
  }
}

const PHASE_WORDS: Record<string, string> = {
  proposed: 'proposed',
  scheduled: 'opens later',
  voting: 'voting open',
  ended: 'voting ended, to be closed',
  closed: 'closed',
}

export const headers = keepRetryAfter

export default function RoundsRoute() {
  const { target, targets, isMaintainer, rounds, openIdeas, areaNames, defaults, now, takenNames } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const proposed = rounds.find((round) => round.status === 'proposed')
  const running = rounds.find((round) => round.status === 'open')
  const failedOpen = result && !result.ok && result.fields?.intent === 'open-round'
  const decided = Object.fromEntries(
    rounds.map((round) => [round.id, decidedSummary(round.outcomes)]),
  )
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold">
        Prioritisation rounds{target ? `: ${target.name}` : ''}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        Maintainers rank a shortlist of ideas in secret ballots; the Schulze method orders them and
        the round closes with a recorded decision. See{' '}
        <Link to="/roadmap/how-we-plan" className="text-blue-700 underline">
          how we plan
        </Link>
        .
      </p>
      {/* Everyone else reads what is theirs to do: a list of rounds alone is a dead end to them. */}
      {target && !isMaintainer ? (
        <p className="mt-2 text-sm">
          Only maintainers vote. Each shortlist is picked from the{' '}
          <Link to={`/roadmap/ideas?target=${target.slug}`} className="text-blue-700 underline">
            ideas
          </Link>
          , where anyone signed in can propose, +1 and comment.
        </p>
      ) : null}
      {targets.length > 1 ? (
        <p className="mt-2 text-sm">
          Release target:{' '}
          {targets.map((other) => (
            <Link
              key={other.id}
              to={`?target=${other.slug}`}
              aria-current={other.id === target?.id ? 'page' : undefined}
              className={`mr-3 ${other.id === target?.id ? 'font-semibold' : 'text-blue-700 underline'}`}
            >
              {other.name}
            </Link>
          ))}
        </p>
      ) : null}
      {!failedOpen ? <FormResult result={result} /> : null}

      {/* Rounds belong to a release target: before one, say what comes first, as the roadmap does. */}
      {target ? (
        <>
          <h2 className="mt-6 text-xl font-semibold">Rounds</h2>
          {rounds.length === 0 ? <p className="mt-1 text-slate-600">No rounds yet.</p> : null}
        </>
      ) : (
        <RoadmapNotStarted isMaintainer={isMaintainer} />
      )}
      {/* No list at all when there are no rounds: an empty bordered box reads as a glitch. */}
      <ul
        aria-label="Rounds"
        className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white empty:hidden"
      >
        {rounds.map((round) => (
          <li
            key={round.id}
            className="flex flex-wrap items-baseline justify-between gap-2 px-3 py-2"
          >
            <Link
              to={`/roadmap/rounds/${round.id}`}
              className="font-medium text-blue-700 underline"
            >
              {round.name}
            </Link>
            <span className="text-sm text-slate-600">
              {round.kind === 'call' ? (
                decidedOnCall(round.name, round.opens_at)
              ) : (
                <>
                  {PHASE_WORDS[round.phase]} · <RoundDates phase={round.phase} round={round} /> ·{' '}
                  {/* Counted things named: a bare "1 voted" left a reader asking 1 of what. */}
                  {round.shortlist_count} idea{round.shortlist_count === 1 ? '' : 's'} shortlisted ·{' '}
                  {votedCount(Number(round.voter_count), round.eligible_voters)}
                </>
              )}
              {/* Which call decided what was the question a past call's line left open. A call's
                  line has already said "decided on the call": not "decided" twice. */}
              {decided[round.id]
                ? ` · ${round.kind === 'call' ? '' : 'decided: '}${decided[round.id]}`
                : null}
              {round.is_demo ? (
                <DemoBadge>{demoRoundNote(round.status, round.demo_opener)}</DemoBadge>
              ) : null}
            </span>
          </li>
        ))}
      </ul>

      {isMaintainer && target ? (
        <section aria-labelledby="open-round" className="mt-8">
          <h2 id="open-round" className="text-xl font-semibold">
            {proposed ? `Open the proposed round` : 'Open a round'}
          </h2>
          {running ? (
            <RoundInTheWay round={running} />
          ) : (
            <OpenRoundForm
              targetId={target.id}
              targetSlug={target.slug}
              hasAreas={areaNames.length > 0}
              proposed={proposed}
              openIdeas={openIdeas}
              defaults={defaults}
              now={now}
              takenNames={takenNames}
              failed={failedOpen ? result : undefined}
            />
          )}
        </section>
      ) : null}

      {isMaintainer ? <TargetAndAreaForms target={target} areaNames={areaNames} /> : null}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Prioritisation rounds · Roadmap · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
