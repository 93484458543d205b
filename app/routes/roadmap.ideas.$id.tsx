import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, requireMaintainer, requireUser } from '~/accounts/auth.server'
import { demoActionNote, demoShareNote, personName } from '~/accounts/person'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { DemoBadge } from '~/components/demo-badge'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { getFollowing } from '~/notifications/inbox.server'
import { nowFollowingNote } from '~/notifications/kinds'
import { FollowForm } from '~/notifications/ui/follow-form'
import { formFields, invalidForm, runAction, type ActionResult } from '~/roadmap/actions.server'
import { firstFiledNote } from '~/roadmap/first-filed'
import { addComment, getIdea, moveIdea, setPlusOne, suggestArea } from '~/roadmap/idea.server'
import {
  getUndoableMerge,
  listMergeCandidates,
  mergeIdea,
  unmergeIdea,
} from '~/roadmap/merge.server'
import { interestText, plusOneNotice } from '~/roadmap/plus-ones'
import { proposedNotice } from '~/roadmap/proposed'
import { listAreas } from '~/roadmap/roadmap.server'
import { roundPhase } from '~/roadmap/round-phase'
import { Card } from '~/roadmap/ui/card'
import { demoRoundNote } from '~/roadmap/ui/demo-decision'
import { FormResult } from '~/roadmap/ui/form-result'
import { secondaryButtonClass } from '~/roadmap/ui/form-styles'
import { IdeaAreaSection } from '~/roadmap/ui/idea-area-section'
import { IdeaComments } from '~/roadmap/ui/idea-comments'
import { IdeaDecisionNotice } from '~/roadmap/ui/idea-decision'
import { IdeaMaintainerForms, UndoMergeForm } from '~/roadmap/ui/idea-maintainer-forms'
import { shortlistPhaseWords } from '~/roadmap/ui/idea-standing'
import { Attribution, IdeaTitle } from '~/roadmap/ui/idea-title'
import { LinkedIssues } from '~/roadmap/ui/linked-issues'
import { pageTitle } from '~/setup/board-name'
import { formatDate } from '~/utils/format'
import { idField, parseId } from '~/utils/id'
import { renderMarkdown } from '~/utils/markdown.server'
import { keepRetryAfter, refuse } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const IdeaActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('plus-one'), value: z.enum(['on', 'off']) }),
  z.object({ intent: z.literal('comment'), body: z.string() }),
  z.object({
    intent: z.literal('suggest-area'),
    areaId: z.string().default(''),
    areaName: z.string().default(''),
  }),
  z.object({ intent: z.literal('move'), areaId: idField('Choose an area.') }),
  z.object({
    intent: z.literal('merge'),
    survivorId: idField('Choose the idea to merge into.'),
  }),
  z.object({ intent: z.literal('unmerge') }),
])

/** Longest search for the idea to merge into; longer is a 400, not a slow query. */
const MERGE_QUERY_MAX = 200

function ideaIdOf(params: { id?: string }) {
  const id = parseId(params.id)
  if (id === null) throw new Response(`"${params.id}" is not an idea number.`, { status: 404 })
  return id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = ideaIdOf(params)
  const user = await getCurrentUser(request)
  const idea = await getIdea(id, user?.id ?? null)
  if (!idea) throw new Response(`There is no idea ${id}.`, { status: 404 })
  const areas = await listAreas(idea.release_target_id)
  const isMaintainer = user?.role === 'maintainer'
  const query = readQuery(request)
  const mergeQuery = query.get('merge')?.trim() || null
  if (mergeQuery && mergeQuery.length > MERGE_QUERY_MAX) {
    throw new Response(`The search is longer than ${MERGE_QUERY_MAX} characters.`, { status: 400 })
  }
  const canSearchMerge = isMaintainer && idea.status === 'open' && mergeQuery !== null
  const now = new Date()
  return json({
    idea: {
      ...idea,
      shortlisted_in: idea.shortlisted_in.map((round) => ({
        ...round,
        phase: roundPhase(round, now),
      })),
      descriptionHtml:
        idea.is_verbatim || idea.description === idea.title
          ? null
          : renderMarkdown(idea.description),
    },
    areas: areas.map(({ id: areaId, name }) => ({ id: areaId, name })),
    isSignedIn: user !== null,
    // Her own idea takes no +1 of hers: no button to press and be refused.
    isOwnIdea: user !== null && idea.author_id === user.id,
    isMaintainer,
    // Just proposed: its author reads so, as after a comment or a +1.
    proposed: proposedNotice(query, user, idea.author_id),
    mergeQuery: canSearchMerge ? mergeQuery : null,
    mergeCandidates: canSearchMerge ? await listMergeCandidates(id, mergeQuery) : [],
    undoableMerge:
      isMaintainer && idea.status === 'merged' ? ((await getUndoableMerge(id)) ?? null) : null,
    // Its author hears an idea's news until she unfollows it (the notifications' audience): her
    // page says she follows it, rather than offering a "Follow" she has no need of.
    following: user
      ? ((await getFollowing(user.id, { type: 'idea', id })) ??
        (idea.author_id === user.id ? true : null))
      : null,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = ideaIdOf(params)
  const fields = formFields(await readForm(request))
  const parsed = IdeaActionSchema.safeParse(fields)
  if (!parsed.success) {
    await requireUser(request)
    return invalidForm(parsed.error, fields)
  }
  const input = parsed.data
  switch (input.intent) {
    case 'plus-one': {
      const user = await requireUser(request)
      return runAction(fields, async () => {
        // Spent once the +1 is known not to be her own idea's (refused first, at no cost).
        const result = await setPlusOne(id, user, input.value === 'on', undefined, {
          spendBudget: () => enforceWriteLimit(user, 'plus-one'),
        })
        return (
          plusOneNotice(input.value === 'on', user.isDemo, result) +
          nowFollowingNote(result.followed)
        )
      })
    }
    case 'comment': {
      const user = await requireUser(request)
      return runAction(fields, async () => {
        // Spent only on a comment stored: the same one sent twice is free (addComment).
        const comment = await addComment(id, user, input.body, undefined, undefined, {
          spendBudget: () => enforceWriteLimit(user, 'idea-comment'),
        })
        // Sent twice (a double click, a resubmitted form): kept once, and that is no failure.
        if (comment.repeated) {
          return {
            message: 'You sent this comment a moment ago: it is posted once.',
            link: { to: `#comment-${comment.id}`, label: 'See your comment' },
          }
        }
        return `Comment added${demoActionNote(user.isDemo)}.${nowFollowingNote(comment.followed)}`
      })
    }
    case 'suggest-area': {
      const user = await requireUser(request)
      return runAction(fields, async () => {
        const name = input.areaName.trim()
        if (!name && !input.areaId) refuse('Choose an area, or name a new one.')
        // Both given: which one was meant is unknown, so neither is recorded.
        if (name && input.areaId) {
          const bothGiven = 'Choose an existing area or type a new name, not both.'
          refuse(bothGiven, 400, { areaId: bothGiven, areaName: bothGiven })
        }
        await enforceWriteLimit(user, 'idea-comment')
        await suggestArea(
          id,
          user,
          name
            ? { areaName: name }
            : { areaId: parseId(input.areaId) ?? refuse('That is not an area number.') },
        )
        return `Thanks: your area suggestion${demoActionNote(user.isDemo)} is recorded for the maintainers.`
      })
    }
    case 'move': {
      const user = await requireMaintainer(request)
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        await moveIdea(id, input.areaId, user)
        return 'Idea moved.'
      })
    }
    case 'merge': {
      const user = await requireMaintainer(request)
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        await mergeIdea(id, input.survivorId, user)
        return `Merged into idea ${input.survivorId}: its +1s and links moved there. Changed your mind? Undo it below.`
      })
    }
    case 'unmerge': {
      const user = await requireMaintainer(request)
      return runAction(fields, async () => {
        await enforceWriteLimit(user, 'round')
        const { survivorId } = await unmergeIdea(id, user)
        return `The merge into idea ${survivorId} is undone: this idea is back in ideation with its +1s and links.`
      })
    }
  }
}

export const headers = keepRetryAfter

export default function IdeaRoute() {
  const {
    idea,
    areas,
    isSignedIn,
    isOwnIdea,
    isMaintainer,
    following,
    undoableMerge,
    proposed,
    ...merge
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const isOpen = idea.status === 'open'
  const firstFiled = firstFiledNote(idea)
  const decided = idea.decision ?? idea.back_in_ideation
  return (
    <article className="max-w-3xl">
      <p className="text-sm">
        <Link to={`/roadmap/ideas?target=${idea.target_slug}`} className="text-blue-700 underline">
          Ideas for {idea.target_name}
        </Link>{' '}
        ›{' '}
        <Link
          to={`/roadmap/ideas?target=${idea.target_slug}&area=${idea.area_slug}`}
          className="text-blue-700 underline"
        >
          {idea.area_name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">
        <IdeaTitle title={idea.title} isVerbatim={idea.is_verbatim} />{' '}
        <span className="font-normal text-slate-500">idea {idea.id}</span>
      </h1>
      {isSignedIn ? (
        <FollowForm subjectType="idea" subjectId={idea.id} following={following} />
      ) : null}
      <p className="mt-1 text-sm text-slate-600">
        From{' '}
        <Attribution
          attribution={idea.attribution}
          author={idea.author_login}
          authorIsDemo={idea.author_is_demo}
          date={idea.created_at}
        />
        {firstFiled ? <> · {firstFiled}</> : null}
        {idea.source_url ? (
          <>
            {' '}
            ·{' '}
            <a href={idea.source_url} className="text-blue-700 underline" rel="noreferrer">
              source
            </a>
          </>
        ) : null}
      </p>
      <FormResult result={result ?? (proposed ? { ok: true, message: proposed } : null)} />

      {idea.status === 'merged' ? (
        <Notice tone="warning" as="div">
          This idea was merged into{' '}
          <Link to={`/roadmap/ideas/${idea.merged_into_id}`} className="font-semibold underline">
            idea {idea.merged_into_id}: {idea.merged_into_title}
          </Link>
          ; its +1s and links moved there.
          {undoableMerge ? <UndoMergeForm survivorId={undoableMerge.survivor_id} /> : null}
        </Notice>
      ) : null}
      {decided ? (
        <IdeaDecisionNotice
          decision={decided}
          ideaId={idea.id}
          shortlistedAgain={idea.shortlisted_in.length > 0}
        />
      ) : null}

      {idea.shortlisted_in.map((round) => (
        <Notice key={round.id} tone="info">
          Shortlisted for{' '}
          <Link to={`/roadmap/rounds/${round.id}`} className="font-semibold underline">
            {round.name}
          </Link>
          : {shortlistPhaseWords(round)}. Maintainers rank the shortlist; the decision is recorded
          when the round closes.
          {round.is_demo ? (
            <DemoBadge afterSentence>{demoRoundNote(round.status, round.demo_opener)}</DemoBadge>
          ) : null}
        </Notice>
      ))}

      <Card className="mt-4">
        {idea.is_verbatim ? (
          <blockquote className="border-l-4 border-slate-300 pl-3 italic">
            {idea.description}
            <footer className="mt-1 text-sm not-italic text-slate-600">
              —{' '}
              {idea.attribution ??
                (idea.author_login === null
                  ? 'unknown'
                  : personName({ login: idea.author_login, isDemo: idea.author_is_demo }))}
              , quoted verbatim
            </footer>
          </blockquote>
        ) : idea.descriptionHtml ? (
          <div
            className="markdown-body"
            dangerouslySetInnerHTML={{ __html: idea.descriptionHtml }}
          />
        ) : (
          <p className="text-slate-600">No further description.</p>
        )}
        <LinkedIssues links={idea.links} label="Linked issues and repositories" />
      </Card>

      <div className="mt-4 flex flex-wrap items-center gap-3">
        {/* In the line's own size: a large bold number beside the title read as the idea's score,
            and ideation ranks nothing. */}
        {/* Interest in words, and nothing until someone gives one: "0 +1s" read as a score. */}
        {idea.plus_one_count > 0 ? (
          <p className="text-sm text-slate-700">
            {interestText(idea.plus_one_count)}
            <PlusOnesDemoBadge total={idea.plus_one_count} demo={idea.demo_plus_one_count} />
          </p>
        ) : null}
        {/* A +1 she gave before authors could not can still be withdrawn. */}
        {isSignedIn && isOpen && (!isOwnIdea || idea.has_plus_one) ? (
          <Form method="post">
            <input type="hidden" name="value" value={idea.has_plus_one ? 'off' : 'on'} />
            <button
              type="submit"
              name="intent"
              value="plus-one"
              aria-pressed={idea.has_plus_one}
              className={secondaryButtonClass}
            >
              {idea.has_plus_one ? 'Withdraw my +1' : '+1 this idea'}
            </button>
          </Form>
        ) : null}
        <p className="text-sm text-slate-600">
          Last activity{' '}
          <time dateTime={idea.last_activity_at}>{formatDate(idea.last_activity_at)}</time>
        </p>
      </div>
      {!isSignedIn && idea.status !== 'merged' ? (
        // Without this a visitor sees counts and no way to take part.
        <p className="mt-2 text-sm text-slate-700">
          <Link
            to={`/login?returnTo=${encodeURIComponent(`/roadmap/ideas/${idea.id}`)}`}
            className="text-blue-700 underline"
          >
            Sign in
          </Link>{' '}
          {isOpen ? 'to +1 this idea, comment or suggest a better area.' : 'to comment.'}
        </p>
      ) : null}

      {idea.duplicates.length > 0 ? (
        <section aria-labelledby="duplicates" className="mt-6">
          <h2 id="duplicates" className="font-semibold">
            Merged into this idea
          </h2>
          <ul className="mt-1 text-sm">
            {idea.duplicates.map((duplicate) => (
              <li key={duplicate.id}>
                <Link to={`/roadmap/ideas/${duplicate.id}`} className="text-blue-700 underline">
                  idea {duplicate.id}: {duplicate.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <IdeaComments
        comments={idea.comments}
        commentCount={idea.comment_count}
        canComment={isSignedIn && idea.status !== 'merged'}
      />

      {isOpen ? (
        <IdeaAreaSection
          idea={idea}
          areas={areas}
          isSignedIn={isSignedIn}
          failed={
            result && !result.ok && result.fields?.intent === 'suggest-area' ? result : undefined
          }
        />
      ) : null}

      {isMaintainer && idea.status !== 'merged' ? (
        <IdeaMaintainerForms
          ideaTitle={idea.title}
          plusOnes={idea.plus_one_count}
          demoPlusOnes={idea.demo_plus_one_count}
          areaId={idea.area_id}
          areas={areas}
          canMerge={isOpen}
          mergeQuery={merge.mergeQuery}
          mergeCandidates={merge.mergeCandidates}
        />
      ) : null}

      {idea.events.length > 0 ? (
        <section aria-labelledby="history" className="mt-6">
          <h2 id="history" className="font-semibold">
            History
          </h2>
          <ul className="mt-1 text-sm text-slate-700">
            {idea.events.map((event) => (
              <li key={event.id}>
                <time dateTime={event.at}>{formatDate(event.at)}</time>:{' '}
                <EventDetail detail={event.detail} round={event.round} />
                {event.is_demo ? <DemoBadge>a demo action</DemoBadge> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  )
}

/** How many of the +1s shown are demo actions (decision 012); nothing when none is. */
function PlusOnesDemoBadge({ total, demo }: { total: number; demo: number }) {
  const note = demoShareNote(total, demo)
  return note ? <DemoBadge>{note}</DemoBadge> : null
}

/** A history line; a decision's names its round in quotes, which links to the round's page. */
function EventDetail({
  detail,
  round,
}: {
  detail: string
  round: { id: number; name: string } | null
}) {
  const quoted = round ? `“${round.name}”` : ''
  const at = round ? detail.lastIndexOf(quoted) : -1
  if (!round || at < 0) return <>{detail}</>
  // The link says it is a name: quotes around it read as a quotation.
  return (
    <>
      {detail.slice(0, at)}
      <Link to={`/roadmap/rounds/${round.id}`} className="text-blue-700 underline">
        {round.name}
      </Link>
      {detail.slice(at + quoted.length)}
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(`${data?.idea.title ?? 'Idea'} · Roadmap · Pioneer Board`, matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
