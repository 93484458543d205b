import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'

import { getCurrentUser, requireUser } from '~/accounts/auth.server'
import { personName } from '~/accounts/person'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { IgnoredParameters, Notice } from '~/components/notice'
import { Pager } from '~/components/pager'
import { pageTitle } from '~/setup/board-name'
import { getEmptySupplyCandidates } from '~/starter/candidate.server'
import { feedTitle, feedToSearchParams } from '~/starter/feed-query'
import {
  MAX_SAVED_QUERY_LENGTH,
  domainMatch,
  FINDER_PARAMS,
  finderToSearchParams,
  FIT_KEY,
  githubLoginOf,
  isAboveLevel,
  isTaken,
  parseFinderQuery,
  withoutEmptyFinderParams,
  type FinderState,
} from '~/starter/finder'
import {
  countAboveYourLevel,
  countUnratedInYourDomains,
  deleteFinderPreference,
  findStarterProjects,
  getFinderPreference,
  saveFinderPreference,
  type FinderItem,
} from '~/starter/finder.server'
import { GAP_SENT_PARAM } from '~/starter/gap-request-input'
import { getWaitingGapRequests } from '~/starter/gap-request.server'
import {
  lastBackgroundQuery,
  readLastBackground,
  rememberLastBackground,
} from '~/starter/last-background.server'
import { resultSections } from '~/starter/result-sections'
import { getStarterSettings } from '~/starter/settings.server'
import { AboveLevelNote } from '~/starter/ui/above-level-note'
import { FinderForm } from '~/starter/ui/finder-form'
import { FinderOrderNote } from '~/starter/ui/finder-order-note'
import { FinderResults, type FinderResult } from '~/starter/ui/finder-results'
import { NothingFitsPanel, RequestSentNext } from '~/starter/ui/nothing-fits-panel'
import { SavedBackground } from '~/starter/ui/saved-background'
import { UnratedHint } from '~/starter/ui/unrated-hint'
import { readForm, readQuery } from '~/utils/request-input.server'

// Ask for "/starter?fresh" to see the finder without restoring a saved background (and to forget
// the one last chosen in this browser).
const FRESH_PARAM = 'fresh'
const p = FINDER_PARAMS
const BACKGROUND_PARAMS: string[] = [p.level, p.knownDomains, p.time, p.wantsMentor]

const FinderActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('save'),
    query: z.string().max(MAX_SAVED_QUERY_LENGTH, 'That finder is too long to save.'),
  }),
  z.object({ intent: z.literal('forget') }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const requested = readQuery(request)
  // The form sends its "Any" fields empty: show the address without them, JavaScript or not.
  const canonical = withoutEmptyFinderParams(requested)
  if (canonical) return redirect(`${new URL(request.url).pathname}?${canonical}`)
  const { domains, languageName, learningResources } = getStarterSettings()
  const user = await getCurrentUser(request)
  const lastBackground = await readLastBackground(request)

  // With no finder parameters, a signed-in person gets their saved finder, anyone else (or one
  // who saved none) the background they last chose in this browser. Parameters always win.
  let params = requested
  let savedAt: Date | null = null
  let isLastBackground = false
  const names = Object.values(FINDER_PARAMS) as string[]
  const hasFinderParams = [...params.keys()].some((name) => names.includes(name))
  const isFresh = params.has(FRESH_PARAM)
  if (!hasFinderParams && !isFresh) {
    const saved = user ? await getFinderPreference(user.id) : null
    if (saved) {
      params = new URLSearchParams(saved.query)
      savedAt = saved.saved_at
    } else if (lastBackground) {
      params = new URLSearchParams(lastBackground)
      isLastBackground = true
    }
  }

  const parsed = parseFinderQuery(params, domains)
  const { state } = parsed
  // A remembered background that no longer parses (a domain since renamed) keeps its valid part
  // quietly: the person typed no address to be warned about.
  const problems = isLastBackground ? [] : parsed.problems
  const page = await findStarterProjects(state)
  const query = finderToSearchParams(state).toString()
  // The feed of new projects for this background and these filters (never the page position).
  const feed = { background: state.background, filters: { ...state.filters, stepUpFrom: null } }
  // Nothing found on a board with no open project at all: say so, not "try other filters".
  const emptySupply =
    page.items.length === 0 && state.cursor === null ? await getEmptySupplyCandidates() : null
  const hasChoice = hasFinderParams || savedAt !== null || isLastBackground
  // Her background, told by the form, a saved finder, the last one chosen or a link: a first
  // visit (or its next page, its search) lists what fits the default one, chosen for nobody.
  const isBackgroundChosen = BACKGROUND_PARAMS.some((name) => params.has(name))
  // Nothing rated fits (the first page holds no project that fits you): say how many unrated
  // ones are in your domains, with the link that lists only them.
  const isNothingRatedFitting =
    state.cursor === null &&
    !state.filters.unratedOnly &&
    page.items.every((item) => item.keys[0] === FIT_KEY.rest)
  const isNothingFitting = isNothingRatedFitting && page.items.length > 0
  // Every project that fits is taken (one person at a time, someone on it): "Projects for you"
  // then lists only claims, and a newcomer read it as the end of the road. The taken ones rank
  // last among those that fit (key 2), so the first page shows them all when it reaches the rest
  // or is the last page.
  const fitting = page.items.filter((item) => item.keys[0] !== FIT_KEY.rest)
  const isEveryFitTaken =
    state.cursor === null &&
    !state.filters.unratedOnly &&
    fitting.length > 0 &&
    fitting.every((item) => isTaken(item)) &&
    (fitting.length < page.items.length || page.nextCursor === null)
  const unratedCount =
    isNothingFitting || isEveryFitTaken ? await countUnratedInYourDomains(state) : 0
  const aboveLevelCount = await countAboveYourLevel(state)
  // Beside the hint: a request already sent is waiting, not to be asked for again.
  const waitingSince =
    (unratedCount > 0 || isEveryFitTaken) && user
      ? (await getWaitingGapRequests(user.id)).latest
      : null
  const withLimit = (extra: Partial<FinderState>) =>
    `?${finderToSearchParams({ ...state, ...extra }, { withPage: true })}`

  // Remember the background this address names (a submitted form always does); "?fresh" forgets it.
  const namesBackground = BACKGROUND_PARAMS.some((name) => requested.has(name))
  const remembered = isFresh ? '' : namesBackground ? lastBackgroundQuery(state.background) : null
  const headers = new Headers()
  if (remembered !== null && remembered !== (lastBackground ?? '')) {
    headers.set('Set-Cookie', await rememberLastBackground(remembered))
  }

  return json(
    {
      domains,
      languageName,
      learningResources,
      background: state.background,
      filters: state.filters,
      query,
      feedHref: `/starter/feed.atom?${feedToSearchParams(feed)}`,
      feedTitle: feedTitle(feed, languageName),
      items: page.items.map((item) => toResult(item, state, user?.login ?? null)),
      isFirstPage: state.cursor === null,
      firstPage: withLimit({ cursor: null }),
      nextPage: page.nextCursor ? withLimit({ cursor: page.nextCursor }) : null,
      ignored: problems,
      isSignedIn: user !== null,
      emptySupply,
      canTriage: user?.role === 'maintainer',
      savedAt: savedAt?.toISOString() ?? null,
      isNothingFitsSent: requested.get(GAP_SENT_PARAM) === 'sent',
      isDemo: user?.isDemo ?? false,
      pageSize: state.limit,
      isLastBackground,
      hasChoice,
      isBackgroundChosen,
      isNothingFitting,
      unrated:
        unratedCount > 0 || isEveryFitTaken
          ? {
              isEveryFitTaken,
              count: unratedCount,
              href: withLimit({ cursor: null, filters: { ...state.filters, unratedOnly: true } }),
              // A demo person's request is a demo action (the seed may have sent it).
              waitingRequest: waitingSince && {
                sentAt: new Date(waitingSince).toISOString(),
                isDemo: user?.isDemo ?? false,
              },
            }
          : null,
      isFormOpen: !hasChoice || page.items.length === 0,
      aboveLevel: {
        count: aboveLevelCount,
        href: withLimit({ cursor: null, filters: { ...state.filters, showAboveLevel: true } }),
      },
    },
    { headers },
  )
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await readForm(request)
  const parsed = FinderActionSchema.safeParse({
    intent: form.get('intent'),
    // "Save this background" submits the finder's own form, so what is saved is what is ticked
    // there now, not the last search's address (a phone folds the form away from the button).
    query: new URLSearchParams(
      [...form].flatMap(([name, value]) =>
        name !== 'intent' && typeof value === 'string' ? [[name, value]] : [],
      ),
    ).toString(),
  })
  if (!parsed.success) {
    return json(
      { ok: false, message: parsed.error.issues[0]?.message ?? 'That form made no sense.' },
      { status: 400 },
    )
  }
  switch (parsed.data.intent) {
    case 'save': {
      const { state, problems } = parseFinderQuery(
        new URLSearchParams(parsed.data.query),
        getStarterSettings().domains,
      )
      if (problems.length > 0) {
        return json(
          {
            ok: false,
            message: `Nothing was saved: ${problems.map((problem) => `${problem.parameter}: ${problem.message}`).join('; ')}.`,
          },
          { status: 400 },
        )
      }
      // Only the background and filters, written the one canonical way.
      await saveFinderPreference(user.id, finderToSearchParams(state).toString())
      // A bare /starter restores what was saved: its results, and the line saying it is in use.
      return redirect('/starter')
    }
    case 'forget': {
      const forgotten = await deleteFinderPreference(user.id)
      return json({
        ok: true,
        message: forgotten ? 'Your saved background is forgotten.' : 'You had nothing saved.',
      })
    }
  }
}

/**
 * What one result shows, worked out on the server so the page stays simple; `viewerLogin`, the
 * signed-in person's, marks her own claim (logins are unique whatever their case).
 */
function toResult(item: FinderItem, state: FinderState, viewerLogin: string | null): FinderResult {
  const match = domainMatch(item, state.background.knownDomains)
  return {
    id: item.id,
    title: item.title,
    primaryDomain: item.primaryDomain,
    secondaryDomains: item.secondaryDomains,
    languageStars: item.languageStars,
    domainStars: item.domainStars,
    size: item.size,
    mentors: item.mentors.map((mentor) => ({
      // A demo person's account mentors by her demo name, as every page names her.
      name:
        mentor.isDemo && mentor.login !== null
          ? personName({ login: mentor.login, isDemo: true })
          : mentor.name,
      githubLogin: mentor.isDemo ? null : (mentor.login ?? githubLoginOf(mentor.name)),
      isDemo: mentor.isDemo,
      isMe:
        viewerLogin !== null &&
        mentor.login !== null &&
        mentor.login.toLowerCase() === viewerLogin.toLowerCase(),
    })),
    canReachMentors: item.canReachMentors,
    issue: item.issue,
    isDemoRating: item.isDemoRating,
    claims: item.claims.map((claim) => ({
      login: claim.login,
      claimedAt: claim.claimedAt,
      isDemo: claim.isDemo,
      isMine: viewerLogin !== null && claim.login.toLowerCase() === viewerLogin.toLowerCase(),
    })),
    isTaken: isTaken(item),
    isElastic: item.size === 'elastic',
    perceived: item.perceived,
    finishedTime: item.finishedTime,
    domainMatch: match === 0 ? 'primary' : match === 1 ? 'secondary' : null,
    isAboveLevel: isAboveLevel(item, state.background),
    fits: item.keys[0] !== FIT_KEY.rest,
    isEasier: item.keys[0] === FIT_KEY.fitsEasier,
  }
}

export default function StarterFinderRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { background, filters, languageName } = data
  const hasLearningResources = background.level === 'none' && data.learningResources.length > 0
  const navigation = useNavigation()
  const isLoading = navigation.state === 'loading'
  const resultsHeading = useRef<HTMLHeadingElement>(null)
  const sections = resultSections(data.items, {
    isFirstPage: data.isFirstPage,
    isUnratedOnly: filters.unratedOnly,
    stepUpFrom: filters.stepUpFrom,
    isBackgroundChosen: data.isBackgroundChosen,
  })
  const { search } = useLocation()
  const shownSearch = useRef(search)
  useEffect(() => {
    // After "Find projects" or a page of results (not on arrival): focus the results' heading,
    // so the page shows them from their top and a screen reader says how many there are.
    if (shownSearch.current === search) return
    shownSearch.current = search
    resultsHeading.current?.focus()
  }, [search])

  return (
    <div>
      <h1 className="text-2xl font-bold">Starter projects</h1>
      {/* Once a background is chosen a phone goes straight to the results: the form's summary
          says what was chosen, and this introduction is for choosing. */}
      <p className={`mt-1 max-w-3xl text-slate-700 ${data.hasChoice ? 'hidden lg:block' : ''}`}>
        Tell us what you already know, and we list the projects that suit you. Every project is
        rated on two axes: how much {languageName} it needs, and how much of its domain.{' '}
        <strong>Pick an area you already know:</strong> learning a new language and a new domain at
        once is the hardest way in.{' '}
        <Link to="/starter/rubric" className="text-blue-700 underline">
          How we rate difficulty
        </Link>
      </p>

      <SavedBackground
        savedAt={data.savedAt}
        isLastBackground={data.isLastBackground}
        isSignedIn={data.isSignedIn}
        startFreshHref={`/starter?${FRESH_PARAM}`}
        actionData={actionData}
      />

      <div className="mt-4 grid gap-4 lg:grid-cols-[18rem_1fr] lg:gap-6">
        <FinderForm
          domains={data.domains}
          languageName={languageName}
          background={background}
          filters={filters}
          pageSize={data.pageSize}
          isOpen={data.isFormOpen}
        />

        <div className="min-w-0">
          {data.isNothingFitsSent ? (
            <Notice tone="success" className="mb-3">
              Thank you: the maintainers will see what you are looking for, and may write a project
              for it. <RequestSentNext isDemo={data.isDemo} />
            </Notice>
          ) : null}
          <IgnoredParameters
            heading="Some of the address was ignored:"
            problems={data.ignored}
            className="mb-3"
          />

          {hasLearningResources ? (
            <LearningResources
              resources={data.learningResources}
              languageName={languageName}
              className={data.hasChoice ? 'mb-3 hidden lg:block' : 'mb-3'}
            />
          ) : null}

          {data.unrated ? (
            <UnratedHint
              isEveryFitTaken={data.unrated.isEveryFitTaken}
              count={data.unrated.count}
              href={data.unrated.href}
              knownDomains={background.knownDomains}
              waitingRequest={data.unrated.waitingRequest}
            />
          ) : null}

          {/* Those that fit what the person told us, then the rest, each run headed on every
              page: calling the rest "for you" would contradict the hint above them. */}
          {sections.map((section, index) => (
            <section key={section.heading} className={index > 0 ? 'mt-6' : undefined}>
              <h2
                ref={index === 0 ? resultsHeading : undefined}
                tabIndex={index === 0 ? -1 : undefined}
                className="mb-2 text-lg font-semibold focus:outline-none"
              >
                {section.heading}{' '}
                <span className="text-sm font-normal text-slate-600">({section.note})</span>
              </h2>
              <FinderResults
                label={section.label}
                items={section.items}
                languageName={languageName}
                isLoading={isLoading}
                emptySupply={data.emptySupply}
                canTriage={data.canTriage}
              />
            </section>
          ))}
          <AboveLevelNote
            count={data.aboveLevel.count}
            href={data.aboveLevel.href}
            isBackgroundChosen={data.isBackgroundChosen}
          />
          {hasLearningResources && data.hasChoice ? (
            // On a phone, after the results rather than before them.
            <LearningResources
              resources={data.learningResources}
              languageName={languageName}
              className="mt-3 lg:hidden"
              isAfterResults
            />
          ) : null}

          <Pager
            isFirstPage={data.isFirstPage}
            firstPage={data.firstPage}
            nextPage={data.nextPage}
          />

          <NothingFitsPanel
            isSignedIn={data.isSignedIn}
            background={background}
            languageName={languageName}
            query={data.query}
          />

          <FinderOrderNote
            languageName={languageName}
            feedHref={data.feedHref}
            feedTitle={data.feedTitle}
            query={data.query}
          />
        </div>
      </div>
    </div>
  )
}

/** For someone new to the language: where to learn it (the LEARNING_RESOURCES setting). */
function LearningResources({
  resources,
  languageName,
  className,
  isAfterResults = false,
}: {
  resources: { title: string; url: string }[]
  languageName: string
  className: string
  isAfterResults?: boolean
}) {
  return (
    <Notice tone="info" as="div" className={className}>
      New to {languageName}? Start with{' '}
      {resources.map((resource, index) => (
        <span key={resource.url}>
          {index > 0 ? (index === resources.length - 1 ? ' or ' : ', ') : ''}
          <a href={resource.url} className="font-medium underline" rel="noreferrer">
            {resource.title}
          </a>
        </span>
      ))}
      : the 1★ projects {isAfterResults ? 'above' : 'below'} expect no more than its first chapters.
    </Notice>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  return [
    { title: pageTitle('Starter projects · Pioneer Board', matches) },
    {
      name: 'description',
      content: 'Starter projects for newcomers, ranked for your background.',
    },
    {
      tagName: 'link',
      rel: 'alternate',
      type: 'application/atom+xml',
      title: data?.feedTitle ?? 'New starter projects',
      href: data?.feedHref ?? '/starter/feed.atom',
    },
  ]
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
