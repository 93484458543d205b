import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, requireUser } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { DemoBadge } from '~/components/demo-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { getExampleRepositoryName } from '~/mirror/repository.server'
import { listFollowedIds } from '~/notifications/inbox.server'
import { nowFollowingNote } from '~/notifications/kinds'
import { FollowForm } from '~/notifications/ui/follow-form'
import { formFields, invalidForm, runAction, type ActionResult } from '~/roadmap/actions.server'
import {
  decodeIdeaCursor,
  encodeIdeaCursor,
  ideaTitleOf,
  proposeIdea,
  setPlusOne,
} from '~/roadmap/idea.server'
import { getIdeationPage } from '~/roadmap/ideation.server'
import { plusOneNotice, plusOnesText } from '~/roadmap/plus-ones'
import { proposedHref } from '~/roadmap/proposed'
import { listHeldBackMatches, markOwnIdeas, type SimilarIdea } from '~/roadmap/similar.server'
import { FormResult } from '~/roadmap/ui/form-result'
import { Attribution, IdeaTitle, VerbatimLegend } from '~/roadmap/ui/idea-title'
import { PlusOneControl } from '~/roadmap/ui/plus-one-control'
import { ProposeIdeaForm } from '~/roadmap/ui/propose-idea-form'
import { NoAreasYet, RoadmapNotStarted } from '~/roadmap/ui/roadmap-not-started'
import { pageTitle } from '~/setup/board-name'
import { formatDate } from '~/utils/format'
import { idField, parseId } from '~/utils/id'
import { keepRetryAfter } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const IdeationActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('propose'),
    title: z.string(),
    areaId: idField('Choose an area.'),
    description: z.string().default(''),
    links: z.string().default(''),
    /**
     * The title whose close matches the proposer saw and proposes anyway: the confirmation holds
     * for that title only, so a changed title is checked against the board again.
     */
    anyway: z.string().optional(),
    /** The similar ideas an earlier answer listed (ids, comma-separated): seen, they hold it back no more. */
    seen: z.string().default(''),
    /** "yes" from a form whose script lists the similar ideas as she types: she saw them there. */
    live: z.string().optional(),
  }),
  z.object({
    intent: z.literal('plus-one'),
    ideaId: idField('That is not an idea number.'),
    value: z.enum(['on', 'off']),
  }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const params = readQuery(request)
  const cursorParam = params.get('cursor')
  const user = await getCurrentUser(request)
  const page = await getIdeationPage({
    targetSlug: params.get('target'),
    areaSlug: params.get('area'),
    cursor: cursorParam ? decodeIdeaCursor(cursorParam) : null,
    viewerId: user?.id ?? null,
  })
  if (!page) {
    if (params.get('target') || params.get('area')) {
      throw new Response('There is no such release target or area.', { status: 404 })
    }
    return json({
      page: null,
      linkExample: null,
      isSignedIn: user !== null,
      isMaintainer: user?.role === 'maintainer',
      nextPage: null,
      followedAreas: [],
    })
  }
  // The areas shown that the viewer follows, for each heading's Follow button.
  const followedAreas = user
    ? await listFollowedIds(
        user.id,
        'area',
        page.sections.map((section) => section.id),
      )
    : []
  const nextPage = page.nextCursor
    ? `?${new URLSearchParams({ target: page.target.slug, area: page.area!.slug, cursor: encodeIdeaCursor(page.nextCursor) })}`
    : null
  return json({
    page,
    // The placeholder of the proposal's links: one of this board's repositories, not MirageOS's.
    linkExample: await getExampleRepositoryName(),
    isSignedIn: user !== null,
    isMaintainer: user?.role === 'maintainer',
    nextPage,
    followedAreas,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const fields = formFields(await readForm(request))
  const parsed = IdeationActionSchema.safeParse(fields)
  if (!parsed.success) return invalidForm(parsed.error, fields)
  const input = parsed.data
  switch (input.intent) {
    case 'propose': {
      if (input.anyway === undefined || ideaTitleOf(input.anyway) !== ideaTitleOf(input.title)) {
        // A title that closely matches ideas on the board, or, without JavaScript (no list as she
        // types), ideas the list would have shown, first shows them, with "+1 it instead" (or "on
        // the roadmap") and "propose it anyway".
        const similar = await markOwnIdeas(
          await listHeldBackMatches({
            title: input.title,
            description: input.description,
            seen: input.seen.split(',').flatMap((id) => parseId(id.trim()) ?? []),
            isListedLive: input.live === 'yes',
          }),
          user.id,
        )
        if (similar.length > 0) {
          const canPlusOne = similar.some((idea) => idea.status === 'open' && !idea.isOwn)
          return json<ActionResult & { similar: SimilarIdea[] }>({
            ok: false,
            message: canPlusOne
              ? 'Ideas like this one are already on the board. +1 one of them instead, or propose yours anyway.'
              : 'Ideas like this one are already on the board. If yours is another idea, propose it anyway.',
            fields,
            similar,
          })
        }
      }
      return runAction(fields, async () => {
        const id = await proposeIdea({
          author: user,
          ...input,
          spendBudget: () => enforceWriteLimit(user, 'idea'),
        })
        throw redirect(proposedHref(id))
      })
    }
    case 'plus-one': {
      return runAction({}, async () => {
        // Spent once the +1 is known not to be her own idea's (refused first, at no cost).
        const result = await setPlusOne(input.ideaId, user, input.value === 'on', undefined, {
          spendBudget: () => enforceWriteLimit(user, 'plus-one'),
        })
        return (
          plusOneNotice(input.value === 'on', user.isDemo, result) +
          nowFollowingNote(result.followed)
        )
      })
    }
  }
}

export const headers = keepRetryAfter

export default function IdeationRoute() {
  const { page, isSignedIn, nextPage, followedAreas, linkExample, ...viewer } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  if (!page) {
    return (
      <div className="max-w-3xl">
        <h1 className="text-2xl font-bold">Ideas</h1>
        <RoadmapNotStarted isMaintainer={viewer.isMaintainer} />
      </div>
    )
  }
  const { target, targets, areas, area, sections, plusOned, ownIdeas } = page
  // Without an area the proposal form would offer no choice: the page says what comes first.
  const hasAreas = areas.length > 0
  const failedProposal = result && !result.ok && result.fields?.intent === 'propose'
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold">
          Ideas for {target.name}
          {area ? `: ${area.name}` : ''}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Collecting thoughts: anyone signed in can propose an idea, +1 the ones they care about,
          comment and suggest a better area.{' '}
          {/* Narrowed to one area, there is no A to Z to speak of. */}
          {area
            ? 'Its ideas come newest first'
            : 'Areas come A to Z, each with its newest ideas first'}
          : +1s show interest, they do not rank ideas here. Choosing among them is a separate step
          (see{' '}
          <Link to="/roadmap/how-we-plan" className="text-blue-700 underline">
            how we plan
          </Link>
          ).
        </p>
        {sections.some((section) => section.ideas.some((idea) => idea.is_verbatim)) ? (
          <VerbatimLegend />
        ) : null}
        {/* On a phone the proposal form comes after every idea: say where it is. */}
        {hasAreas ? (
          <p className="mt-2 text-sm lg:hidden">
            <a href="#propose-heading" className="text-blue-700 underline">
              Propose an idea
            </a>{' '}
            (below the list)
          </p>
        ) : null}
        {viewer.isMaintainer ? (
          <p className="mt-1 text-sm">
            <Link to="/roadmap/duplicates" className="text-blue-700 underline">
              Possible duplicates to merge
            </Link>
          </p>
        ) : null}
        {targets.length > 1 ? (
          <p className="mt-2 text-sm">
            Release target:{' '}
            {targets.map((other) => (
              <Link
                key={other.id}
                to={`?target=${other.slug}`}
                aria-current={other.id === target.id ? 'page' : undefined}
                className={`mr-3 ${other.id === target.id ? 'font-semibold' : 'text-blue-700 underline'}`}
              >
                {other.name}
              </Link>
            ))}
          </p>
        ) : null}

        {area ? (
          <p className="mt-4 text-sm">
            <Link to={`?target=${target.slug}`} className="text-blue-700 underline">
              All areas
            </Link>
          </p>
        ) : null}
        {result && !failedProposal ? <FormResult result={result} /> : null}
        {hasAreas ? null : <NoAreasYet target={target} isMaintainer={viewer.isMaintainer} />}

        {sections.map((section) => (
          <section key={section.id} aria-labelledby={`area-${section.id}`} className="mt-6">
            <h2 id={`area-${section.id}`} className="text-lg font-semibold">
              {section.name}{' '}
              <span className="text-sm font-normal text-slate-500">
                {/* "0 ideas" read as an area that never had any, where its ideas were agreed. */}
                {section.openCount === 0
                  ? 'no open ideas'
                  : `${section.openCount} idea${section.openCount === 1 ? '' : 's'}`}
              </span>
            </h2>
            {isSignedIn ? (
              <FollowForm
                subjectType="area"
                subjectId={section.id}
                following={followedAreas.includes(section.id)}
                name={section.name}
              />
            ) : null}
            {section.ideas.length === 0 ? (
              <NoOpenIdeas section={section} targetSlug={target.slug} />
            ) : (
              <ul
                aria-label={`Ideas in ${section.name}`}
                className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white"
              >
                {section.ideas.map((idea) => {
                  return (
                    <li key={idea.id} className="flex items-start gap-3 px-3 py-2">
                      <div className="min-w-0 flex-1">
                        <Link
                          to={`/roadmap/ideas/${idea.id}`}
                          className="font-medium text-blue-700 hover:underline"
                        >
                          <IdeaTitle title={idea.title} isVerbatim={idea.is_verbatim} />
                        </Link>
                        <p className="text-xs text-slate-500">
                          <Attribution
                            attribution={idea.attribution}
                            author={idea.author_login}
                            authorIsDemo={idea.author_is_demo}
                            date={idea.created_at}
                          />
                          {/* The count beside says how many; this, how many of them are demo. */}
                          {idea.demo_plus_one_count > 0 ? (
                            <DemoBadge>
                              {plusOnesText(idea.plus_one_count, idea.demo_plus_one_count)}
                            </DemoBadge>
                          ) : null}{' '}
                          · {idea.comment_count} comment{idea.comment_count === 1 ? '' : 's'} · last
                          activity{' '}
                          <time dateTime={idea.last_activity_at}>
                            {formatDate(idea.last_activity_at)}
                          </time>
                        </p>
                      </div>
                      <PlusOneControl
                        idea={idea}
                        hasPlusOne={plusOned.includes(idea.id)}
                        isSignedIn={isSignedIn}
                        isOwnIdea={ownIdeas.includes(idea.id)}
                      />
                    </li>
                  )
                })}
              </ul>
            )}
            {!area && section.openCount > section.ideas.length ? (
              <Link
                to={`?target=${target.slug}&area=${section.slug}`}
                className="mt-1 inline-block text-sm text-blue-700 underline"
              >
                All {section.openCount} ideas in {section.name}
              </Link>
            ) : null}
          </section>
        ))}
        {nextPage ? (
          <Link to={nextPage} className="mt-4 inline-block text-blue-700 underline">
            More ideas
          </Link>
        ) : null}
        <p className="mt-6 text-sm">
          {/* The open ideas the page lists, shortlisted ones among them: the API's default also
              lists agreed and archived ideas. */}
          <a
            href={`/api/ideas?target=${target.slug}${area ? `&area=${area.slug}` : ''}&stage=ideation,shortlisted`}
            className="text-blue-700 underline"
          >
            These ideas as JSON
          </a>
        </p>
      </div>

      {hasAreas ? (
        <ProposeIdeaForm
          isSignedIn={isSignedIn}
          areas={areas}
          areaId={area?.id}
          linkExample={linkExample}
          failed={failedProposal ? result : undefined}
        />
      ) : null}
    </div>
  )
}

/**
 * An area with no idea in ideation. One whose ideas were agreed says they are efforts now, linked
 * to the area on the roadmap: a reader coming from there read "No ideas here yet" as an area that
 * never had any. Only that they were agreed, a decision's outcome: no count, vote or place.
 */
function NoOpenIdeas({
  section,
  targetSlug,
}: {
  section: { id: number; effortCount: number }
  targetSlug: string
}) {
  if (section.effortCount === 0) {
    return (
      <p className="text-sm text-slate-500">
        No ideas here yet:{' '}
        <a href="#propose-heading" className="text-blue-700 underline">
          propose one
        </a>
        .
      </p>
    )
  }
  return (
    <p className="text-sm text-slate-600">
      No open ideas here now: its agreed{' '}
      {section.effortCount === 1 ? 'idea is an effort' : 'ideas are efforts'}{' '}
      <Link
        to={`/roadmap?target=${targetSlug}#area-${section.id}`}
        className="text-blue-700 underline"
      >
        on the roadmap
      </Link>
      .{' '}
      <a href="#propose-heading" className="text-blue-700 underline">
        Propose a new one
      </a>
      .
    </p>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(
      `Ideas${data?.page ? ` for ${data.page.target.name}` : ''} · Pioneer Board`,
      matches,
    ),
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
