import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { getCurrentUser } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { decidedSummary } from '~/roadmap/decided-summary'
import { STATUS_WORDS } from '~/roadmap/effort-status'
import { findReleaseTarget, getPublicRoadmap, listReleaseTargets } from '~/roadmap/roadmap.server'
import { roundProposedNext, roundUnderWay } from '~/roadmap/round-phase'
import { listRounds } from '~/roadmap/round.server'
import { areaStatuses, noEffortLine } from '~/roadmap/ui/area-statuses'
import { Card } from '~/roadmap/ui/card'
import { DecidedIn } from '~/roadmap/ui/decided-in'
import { DemoDecisionBadge } from '~/roadmap/ui/demo-decision'
import { EffortBurnUp, EffortSummary } from '~/roadmap/ui/effort-facts'
import { Attribution, IdeaTitle } from '~/roadmap/ui/idea-title'
import { LinkedIssues, Progress } from '~/roadmap/ui/linked-issues'
import { NoAreasYet, RoadmapNotStarted } from '~/roadmap/ui/roadmap-not-started'
import { LastDecision, NextRoundProposed } from '~/roadmap/ui/round-glance'
import { RoundUnderWay } from '~/roadmap/ui/round-under-way'
import { VoterNames } from '~/roadmap/ui/voter-names'
import { decisionVoters } from '~/roadmap/voters'
import { pageTitle } from '~/setup/board-name'
import { formatDate } from '~/utils/format'
import { renderMarkdown } from '~/utils/markdown.server'
import { readQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const slug = readQuery(request).get('target')
  const [targets, target, user] = await Promise.all([
    listReleaseTargets(),
    findReleaseTarget(slug),
    getCurrentUser(request),
  ])
  const isMaintainer = user?.role === 'maintainer'
  if (!target) {
    if (slug) throw new Response(`There is no release target "${slug}".`, { status: 404 })
    return json({ target: null, targets, areas: [], history: [], isMaintainer })
  }
  const [roadmap, rounds] = await Promise.all([getPublicRoadmap(target.id), listRounds(target.id)])
  return json({
    target,
    targets,
    areas: roadmap.areas.map((area) => ({
      ...area,
      efforts: area.efforts.map((effort) => ({
        ...effort,
        // A decision taken on a call often records the idea's own words as its rationale.
        descriptionHtml:
          effort.is_verbatim || effort.description.trim() === effort.rationale.trim()
            ? null
            : renderMarkdown(effort.description),
        rationaleHtml: renderMarkdown(effort.rationale),
      })),
    })),
    history: roadmap.history,
    isMaintainer,
    hasAreas: roadmap.hasAreas,
    openRound: roundUnderWay(rounds, new Date()),
    nextRound: roundProposedNext(rounds),
    lastDecision: lastDecisionOf(roadmap.history),
  })
}

/** The newest recorded decision, summed up for the line at the top (the history is newest first). */
function lastDecisionOf(history: Awaited<ReturnType<typeof getPublicRoadmap>>['history']) {
  const latest = history[0]
  if (!latest) return null
  return {
    round_id: latest.round_id,
    name: latest.name,
    decided_at: latest.decided_at,
    summary: decidedSummary(latest.outcomes),
    is_demo: latest.is_demo,
  }
}

export default function RoadmapRoute() {
  const data = useLoaderData<typeof loader>()
  const { target, targets, areas, history } = data
  if (!target) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-2xl font-bold">Roadmap</h1>
        <RoadmapNotStarted isMaintainer={data.isMaintainer} />
      </div>
    )
  }
  return (
    <div className="max-w-7xl">
      <h1 className="text-2xl font-bold">Roadmap: {target.name}</h1>
      {target.description ? <p className="mt-1 text-slate-700">{target.description}</p> : null}
      <p className="mt-1 text-sm text-slate-600">
        {/* "Effort" is the board's word: a reader who is not a maintainer meets it here first. */}
        An <dfn className="font-medium not-italic">effort</dfn> is an idea the maintainers agreed on
        in a round, and the GitHub issues linked to it that carry it out. Below, the efforts by area
        of focus and status (planned, in progress, done: from their linked GitHub issues, unless a
        maintainer says otherwise; or dropped). The roadmap names areas of focus, not a feature
        list; anyone can add to the{' '}
        <Link to={`/roadmap/ideas?target=${target.slug}`} className="text-blue-700 underline">
          ideas
        </Link>
        , and{' '}
        <Link to="/roadmap/how-we-plan" className="text-blue-700 underline">
          how we plan
        </Link>{' '}
        says how ideas become efforts.
      </p>
      {targets.length > 1 ? (
        <nav aria-label="Release targets" className="mt-3 text-sm">
          Other release targets:{' '}
          {targets
            .filter((other) => other.id !== target.id)
            .map((other) => (
              <Link
                key={other.id}
                to={`?target=${other.slug}`}
                className="mr-3 text-blue-700 underline"
              >
                {other.name}
              </Link>
            ))}
        </nav>
      ) : null}

      {/* Its own heading: under "Agreed efforts" the round read as agreed, though it is still
          being voted on. One opened for a later day is not decided yet: it is the next round,
          as a proposed one is, and "Being decided now" above "opens for voting on …" said both. */}
      {'openRound' in data && data.openRound ? (
        <section aria-labelledby="being-decided" className="mt-8">
          <h2 id="being-decided" className="text-xl font-semibold">
            {data.openRound.phase === 'scheduled' ? 'Next round' : 'Being decided now'}
          </h2>
          <RoundUnderWay round={data.openRound} targetSlug={target.slug} />
        </section>
      ) : 'nextRound' in data && data.nextRound ? (
        <section aria-labelledby="next-round" className="mt-8">
          <h2 id="next-round" className="text-xl font-semibold">
            Next round
          </h2>
          <NextRoundProposed round={data.nextRound} />
        </section>
      ) : null}
      {'lastDecision' in data && data.lastDecision ? (
        <LastDecision decision={data.lastDecision} />
      ) : null}

      <h2 className="mt-8 text-xl font-semibold">Agreed efforts</h2>
      {'hasAreas' in data && !data.hasAreas ? (
        <NoAreasYet target={target} isMaintainer={data.isMaintainer} page="roadmap" />
      ) : areas.length === 0 ? (
        <p className="mt-2 text-slate-600">No efforts have been agreed yet.</p>
      ) : null}
      {areas.map((area) => {
        const statuses = areaStatuses(area.efforts)
        const noEffort = noEffortLine(statuses.empty)
        return (
          <section key={area.id} aria-labelledby={`area-${area.id}`} className="mt-6">
            <div className="flex flex-wrap items-baseline gap-x-3">
              <h3 id={`area-${area.id}`} className="text-lg font-semibold">
                {area.name}
              </h3>
              {/* The area's ideas still being collected: without it the area was a heading only,
                and its ideas a page away with no way there. */}
              <Link
                to={`/roadmap/ideas?${new URLSearchParams({ target: target.slug, area: area.slug })}`}
                className="text-sm text-blue-700 underline"
              >
                Ideas in {area.name}
              </Link>
            </div>
            {/* Only the statuses it has efforts in get a column; the others are named once, here:
              a column of "None." for each made an area look blank. */}
            {noEffort ? <p className="mt-1 text-sm text-slate-500">{noEffort}</p> : null}
            <div className={`mt-2 grid gap-3 ${STATUS_COLUMNS[statuses.shown.length] ?? ''}`}>
              {statuses.shown.map((status) => {
                const inColumn = area.efforts.filter((effort) => effort.effort.status === status)
                const headingId = `area-${area.id}-${status}`
                return (
                  <section
                    key={status}
                    // Named with its area: several areas have a "Done" column.
                    aria-labelledby={`area-${area.id} ${headingId}`}
                    className="rounded bg-slate-50 p-2"
                  >
                    <h4 id={headingId} className="text-sm font-semibold">
                      {STATUS_WORDS[status]}{' '}
                      <span className="font-normal text-slate-600">({inColumn.length})</span>
                    </h4>
                    <ul
                      className={`mt-1 grid gap-2 ${statuses.shown.length === 1 ? 'lg:grid-cols-2' : ''}`}
                    >
                      {inColumn.map((effort) => (
                        <li key={effort.id}>
                          <EffortCard effort={effort} />
                        </li>
                      ))}
                    </ul>
                  </section>
                )
              })}
            </div>
          </section>
        )
      })}

      <h2 id="history" className="mt-10 scroll-mt-4 text-xl font-semibold">
        History of rounds
      </h2>
      <p className="mt-1 text-sm">
        <a
          href={`/roadmap/decisions.atom?target=${target.slug}`}
          type="application/atom+xml"
          className="text-blue-700 underline"
        >
          Follow the decisions (Atom feed)
        </a>
        {' · '}
        <a href={`/api/roadmap?target=${target.slug}`} className="text-blue-700 underline">
          The roadmap as JSON
        </a>
      </p>
      {history.length === 0 ? (
        <p className="mt-2 text-slate-600">No round has closed yet.</p>
      ) : null}
      <ol className="mt-3 space-y-3">
        {history.map((entry) => (
          <li key={entry.id}>
            <Card>
              <h3 className="font-semibold">
                <Link to={`/roadmap/rounds/${entry.round_id}`} className={TITLE_LINK}>
                  {entry.name}
                </Link>{' '}
                <span className="text-sm font-normal text-slate-600">
                  decided <time dateTime={entry.decided_at}>{formatDate(entry.decided_at)}</time>
                </span>
                {entry.is_demo ? <DemoDecisionBadge /> : null}
              </h3>
              <p className="text-sm text-slate-700">
                {entry.kind === 'call' ? (
                  'Decided on the call, no recorded ballots.'
                ) : (
                  <>
                    Ranked ballots (Schulze) from {entry.voter_logins.length} maintainer
                    {entry.voter_logins.length === 1 ? '' : 's'}:{' '}
                    <VoterNames voters={decisionVoters(entry)} />
                  </>
                )}
                {entry.supersededBy ? (
                  <>
                    {' '}
                    Superseded by{' '}
                    <Link
                      to={`/roadmap/rounds/${entry.supersededBy}`}
                      className="text-blue-700 underline"
                    >
                      a later round
                    </Link>
                    .
                  </>
                ) : null}
              </p>
              <ul className="mt-1 text-sm">
                {entry.outcomes.map((outcome) => (
                  <li key={outcome.idea_id}>
                    <span className="font-medium">{OUTCOME_WORDS[outcome.outcome]}:</span>{' '}
                    <Link
                      to={`/roadmap/ideas/${outcome.idea_id}`}
                      className="text-blue-700 underline"
                    >
                      {outcome.title}
                    </Link>
                    {outcome.reason ? ` — ${outcome.reason}` : ''}
                  </li>
                ))}
              </ul>
            </Card>
          </li>
        ))}
      </ol>
    </div>
  )
}

// A title that leads to its page, as the issues board's titles do: the board's link colour, the
// underline on hover only, so columns of cards read calmly and still show what can be followed.
const TITLE_LINK = 'text-blue-700 hover:underline'

/**
 * As many columns as the area has statuses with efforts, up to four: four columns for an area's
 * one or two statuses left each card a narrow strip beside empty space at 1280px. One status:
 * its cards side by side instead (the list's own grid).
 */
const STATUS_COLUMNS: Record<number, string> = {
  2: 'md:grid-cols-2',
  3: 'md:grid-cols-2 xl:grid-cols-3',
  4: 'md:grid-cols-2 xl:grid-cols-4',
}

type ShownEffort = NonNullable<
  ReturnType<typeof useLoaderData<typeof loader>>['areas'][number]
>['efforts'][number]

function EffortCard({ effort }: { effort: ShownEffort }) {
  return (
    <Card className="p-3">
      <h5 className="font-semibold">
        <Link to={`/roadmap/efforts/${effort.id}`} className={TITLE_LINK}>
          <IdeaTitle title={effort.title} isVerbatim={effort.is_verbatim} />
        </Link>
      </h5>
      <EffortSummary facts={effort.effort} />
      <div className="mt-1">
        <Progress {...effort.effort.progress} />
        <EffortBurnUp title={effort.title} facts={effort.effort} />
      </div>
      <p className="mt-2 text-xs text-slate-600">
        Agreed{' '}
        <DecidedIn
          decidedAt={effort.decided_at}
          roundId={effort.round_id}
          roundName={effort.round_name}
        />
        {effort.round_kind === 'call' ? ' (decided on the call, no recorded ballots)' : ''}
        {effort.is_demo_decision ? <DemoDecisionBadge /> : null}. From{' '}
        <Attribution
          attribution={effort.attribution}
          author={effort.author_login}
          authorIsDemo={effort.author_is_demo}
          date={effort.created_at}
        />
      </p>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-blue-700">Description and rationale</summary>
        {effort.descriptionHtml && effort.description !== effort.title ? (
          <div
            className="markdown-body mt-2"
            dangerouslySetInnerHTML={{ __html: effort.descriptionHtml }}
          />
        ) : null}
        <div className="mt-1 border-l-4 border-slate-200 pl-3">
          <p className="font-medium">Rationale</p>
          <div
            className="markdown-body"
            dangerouslySetInnerHTML={{ __html: effort.rationaleHtml }}
          />
        </div>
      </details>
      <LinkedIssues links={effort.links} label={`Linked to ${effort.title}`} />
    </Card>
  )
}

const OUTCOME_WORDS: Record<string, string> = {
  agreed: 'Agreed',
  declined: 'Declined',
  deferred: 'Deferred',
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(
      `Roadmap${data?.target ? `: ${data.target.name}` : ''} · Pioneer Board`,
      matches,
    ),
  },
  // Feed readers find the decisions from the roadmap's address alone.
  ...(data?.target
    ? [
        {
          tagName: 'link',
          rel: 'alternate',
          type: 'application/atom+xml',
          title: `Decisions on ${data.target.name}`,
          href: `/roadmap/decisions.atom?target=${data.target.slug}`,
        },
      ]
    : []),
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
