import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
} from '@remix-run/react'
import { z } from 'zod'

import { getCurrentUser, requireUser } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Pager } from '~/components/pager'
import {
  DEFAULT_FINDER_LIMIT,
  MAX_SAVED_QUERY_LENGTH,
  domainMatch,
  FINDER_PARAMS,
  FINDER_SIZES,
  finderToSearchParams,
  isAboveLevel,
  isTaken,
  LANGUAGE_LEVEL_LABELS,
  LANGUAGE_LEVELS,
  LEVEL_MAX_LANGUAGE_STARS,
  parseFinderQuery,
  TIME_AVAILABLE,
  TIME_LABELS,
  type FinderState,
} from '~/starter/finder'
import {
  deleteFinderPreference,
  findStarterProjects,
  getFinderPreference,
  saveFinderPreference,
  type FinderItem,
} from '~/starter/finder.server'
import { GAP_SENT_PARAM } from '~/starter/gap-request-input'
import { SIZE_LABELS } from '~/starter/project-input'
import { getStarterSettings } from '~/starter/settings.server'
import { PerceivedBadge, RatingPair } from '~/starter/ui/stars'
import { formatDate } from '~/utils/format'

// Ask for "/starter?fresh" to see the finder without restoring a saved background.
const FRESH_PARAM = 'fresh'

const FinderActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('save'),
    query: z.string().max(MAX_SAVED_QUERY_LENGTH, 'That finder is too long to save.'),
  }),
  z.object({ intent: z.literal('forget') }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const { domains, languageName } = getStarterSettings()
  const user = await getCurrentUser(request)

  // A signed-in person opening the finder with no finder parameters gets their saved one.
  let params = url.searchParams
  let savedAt: Date | null = null
  const names = Object.values(FINDER_PARAMS) as string[]
  const hasFinderParams = [...params.keys()].some((name) => names.includes(name))
  if (user && !hasFinderParams && !params.has(FRESH_PARAM)) {
    const saved = await getFinderPreference(user.id)
    if (saved) {
      params = new URLSearchParams(saved.query)
      savedAt = saved.saved_at
    }
  }

  const { state, problems } = parseFinderQuery(params, domains)
  const page = await findStarterProjects(state)
  const query = finderToSearchParams(state).toString()
  const withLimit = (extra: Partial<FinderState>) =>
    `?${finderToSearchParams({ ...state, ...extra }, { withPage: true })}`

  return json({
    domains,
    languageName,
    background: state.background,
    filters: state.filters,
    query,
    items: page.items.map((item) => toResult(item, state)),
    isFirstPage: state.cursor === null,
    firstPage: withLimit({ cursor: null }),
    nextPage: page.nextCursor ? withLimit({ cursor: page.nextCursor }) : null,
    ignored: problems,
    isSignedIn: user !== null,
    savedAt: savedAt?.toISOString() ?? null,
    isNothingFitsSent: url.searchParams.get(GAP_SENT_PARAM) === 'sent',
    pageSize: state.limit,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = FinderActionSchema.safeParse(Object.fromEntries(await request.formData()))
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
      return json({
        ok: true,
        message: 'Saved. Opening Starter projects will start from this background.',
      })
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

/** What one result shows, worked out on the server so the page stays simple. */
function toResult(item: FinderItem, state: FinderState) {
  const match = domainMatch(item, state.background.knownDomains)
  return {
    id: item.id,
    title: item.title,
    primaryDomain: item.primaryDomain,
    secondaryDomains: item.secondaryDomains,
    languageStars: item.languageStars,
    domainStars: item.domainStars,
    size: item.size,
    mentors: item.mentors.map((mentor) => mentor.name),
    claims: item.claims,
    isTaken: isTaken(item),
    isElastic: item.size === 'elastic',
    perceived: item.perceived,
    domainMatch: match === 0 ? 'primary' : match === 1 ? 'secondary' : null,
    isAboveLevel: isAboveLevel(item, state.background),
  }
}

export default function StarterFinderRoute() {
  const data = useLoaderData<typeof loader>()
  const { background, filters, languageName } = data
  const navigation = useNavigation()
  const isLoading = navigation.state === 'loading'

  return (
    <div>
      <h1 className="text-2xl font-bold">Starter projects</h1>
      <p className="mt-1 max-w-3xl text-slate-700">
        Tell us what you already know, and we list the projects that suit you. Every project is
        rated on two axes: how much {languageName} it needs, and how much of its domain.{' '}
        <strong>Pick an area you already know:</strong> learning a new language and a new domain at
        once is the hardest way in.{' '}
        <Link to="/starter/rubric" className="text-blue-700 underline">
          How we rate difficulty
        </Link>
      </p>

      <SavedBackground savedAt={data.savedAt} isSignedIn={data.isSignedIn} query={data.query} />

      <div className="mt-4 grid gap-6 lg:grid-cols-[18rem_1fr]">
        <Form
          method="get"
          aria-label="Your background and filters"
          className="space-y-5 text-sm"
          preventScrollReset
        >
          <fieldset className="min-w-0 space-y-3 rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 font-semibold">Your background</legend>
            <fieldset>
              <legend className="font-medium">How well do you know {languageName}?</legend>
              {LANGUAGE_LEVELS.map((level) => (
                <label key={level} className="mt-1 flex items-center gap-2">
                  <input
                    type="radio"
                    name={FINDER_PARAMS.level}
                    value={level}
                    defaultChecked={background.level === level}
                  />
                  {LANGUAGE_LEVEL_LABELS[level]}
                  <span className="text-xs text-slate-500">
                    (up to {LEVEL_MAX_LANGUAGE_STARS[level]}★)
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend className="font-medium">Domains you already know</legend>
              <div className="mt-1 grid grid-cols-2 gap-x-2 gap-y-1">
                {data.domains.map((domain) => (
                  <label key={domain} className="flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      name={FINDER_PARAMS.knownDomains}
                      value={domain}
                      defaultChecked={background.knownDomains.includes(domain)}
                    />
                    {domain}
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="flex flex-col">
              <span className="font-medium">Time you have</span>
              <select
                name={FINDER_PARAMS.time}
                defaultValue={background.time}
                key={background.time}
                className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
              >
                {TIME_AVAILABLE.map((time) => (
                  <option key={time} value={time}>
                    {TIME_LABELS[time]}
                  </option>
                ))}
              </select>
            </label>
            <Checkbox
              name={FINDER_PARAMS.wantsMentor}
              checked={background.wantsMentor}
              label="I would like a mentor"
            />
          </fieldset>

          <fieldset className="min-w-0 space-y-3 rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 font-semibold">Filters</legend>
            <Select
              name={FINDER_PARAMS.domain}
              label="Domain"
              value={filters.domain ?? ''}
              options={[['', 'Any domain'], ...data.domains.map((d) => [d, d] as const)]}
            />
            <div className="grid grid-cols-2 gap-2">
              <Select
                name={FINDER_PARAMS.maxLanguageStars}
                label={`${languageName} at most`}
                value={String(filters.maxLanguageStars ?? '')}
                options={STAR_OPTIONS}
              />
              <Select
                name={FINDER_PARAMS.maxDomainStars}
                label="Domain at most"
                value={String(filters.maxDomainStars ?? '')}
                options={STAR_OPTIONS}
              />
            </div>
            <Select
              name={FINDER_PARAMS.size}
              label="Size"
              value={filters.size ?? ''}
              options={[['', 'Any size'], ...FINDER_SIZES.map((s) => [s, SIZE_LABELS[s]] as const)]}
            />
            <Checkbox
              name={FINDER_PARAMS.hasMentor}
              checked={filters.hasMentor}
              label="Has a mentor"
            />
            <Checkbox
              name={FINDER_PARAMS.unclaimedOnly}
              checked={filters.unclaimedOnly}
              label="Nobody working on it yet"
            />
            <Checkbox
              name={FINDER_PARAMS.showAboveLevel}
              checked={filters.showAboveLevel}
              label="Show projects above my level"
            />
          </fieldset>
          {data.pageSize !== DEFAULT_FINDER_LIMIT ? (
            <input type="hidden" name={FINDER_PARAMS.limit} value={data.pageSize} />
          ) : null}
          <button
            type="submit"
            className="w-full rounded bg-blue-700 px-3 py-2 font-semibold text-white hover:bg-blue-800"
          >
            Find projects
          </button>
        </Form>

        <div className="min-w-0">
          {data.isNothingFitsSent ? (
            <p
              role="status"
              className="mb-3 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900"
            >
              Thank you: the maintainers will see what you are looking for, and may write a project
              for it.
            </p>
          ) : null}
          {data.ignored.length > 0 ? (
            <div
              role="status"
              className="mb-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm"
            >
              <p className="font-semibold">Some of the address was ignored:</p>
              <ul className="mt-1 list-disc pl-5">
                {data.ignored.map((problem, index) => (
                  <li key={index}>
                    <code>{problem.parameter}</code>: {problem.message} (expected {problem.allowed})
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          <ResultList items={data.items} languageName={languageName} isLoading={isLoading} />

          <Pager
            isFirstPage={data.isFirstPage}
            firstPage={data.firstPage}
            nextPage={data.nextPage}
          />

          <NothingFits isSignedIn={data.isSignedIn} background={background} query={data.query} />

          <section
            aria-labelledby="order-heading"
            className="mt-6 rounded border border-slate-200 bg-white p-3 text-sm text-slate-700"
          >
            <h2 id="order-heading" className="font-semibold text-slate-900">
              How results are ordered
            </h2>
            <p className="mt-1">
              Only open projects within your level are listed: {languageName} difficulty up to 1★,
              2★ or 3★ for your level; domain difficulty up to 3★ in a domain you know and 1★
              elsewhere (tick “Show projects above my level” to see the rest). Projects nobody has
              rated yet are never hidden and never passed off as easy: they say “unrated” and come
              after the rated ones. Then: your domains first (a project’s main domain before its
              other domains), unclaimed before claimed (an elastic project has room for several
              people), mentored first if you want a mentor, sizes that fit your time, easier first,
              newest first.
            </p>
            <p className="mt-2">
              <a
                href={`/starter/feed.atom${filters.domain ? `?domain=${encodeURIComponent(filters.domain)}` : ''}`}
                className="text-blue-700 underline"
              >
                Atom feed of new projects{filters.domain ? ` in ${filters.domain}` : ''}
              </a>{' '}
              ·{' '}
              <a
                href={`/api/starter-projects${data.query ? `?${data.query}` : ''}`}
                className="text-blue-700 underline"
              >
                These results as JSON
              </a>
            </p>
          </section>
        </div>
      </div>
    </div>
  )
}

const STAR_OPTIONS: readonly (readonly [string, string])[] = [
  ['', 'Any'],
  ['1', '1★'],
  ['2', '2★'],
  ['3', '3★'],
]

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string
  label: string
  value: string
  options: readonly (readonly [string, string])[]
}) {
  return (
    <label className="flex flex-col">
      <span className="font-medium">{label}</span>
      <select
        name={name}
        defaultValue={value}
        key={value}
        className="mt-1 w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1"
      >
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </label>
  )
}

function Checkbox({ name, checked, label }: { name: string; checked: boolean; label: string }) {
  return (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        name={name}
        value="yes"
        defaultChecked={checked}
        key={String(checked)}
      />
      {label}
    </label>
  )
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type Result = LoaderData['items'][number]
type Background = LoaderData['background']

function ResultList({
  items,
  languageName,
  isLoading,
}: {
  items: Result[]
  languageName: string
  isLoading: boolean
}) {
  if (items.length === 0) {
    return (
      <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-600">
        No starter project fits this background and these filters yet. Try other domains, tick “Show
        projects above my level”, or tell the maintainers what you are looking for below.
      </p>
    )
  }
  return (
    <ul
      aria-label="Starter projects for you"
      aria-busy={isLoading}
      className={`divide-y divide-slate-200 rounded border border-slate-200 bg-white ${isLoading ? 'opacity-60' : ''}`}
    >
      {items.map((item) => (
        <li key={item.id} className="px-3 py-3">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <Link
              to={`/starter/${item.id}`}
              className="font-semibold text-slate-900 hover:text-blue-700 hover:underline"
            >
              {item.title}
            </Link>
            {item.isAboveLevel ? (
              <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800">
                above your level
              </span>
            ) : null}
          </div>
          <p className="mt-1 flex flex-wrap items-baseline gap-x-2 gap-y-1 text-xs">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-800">
              {item.primaryDomain}
            </span>
            {item.secondaryDomains.map((domain) => (
              <span key={domain} className="rounded bg-slate-50 px-1.5 py-0.5 text-slate-600">
                {domain}
              </span>
            ))}
            {item.domainMatch ? (
              <span className="text-emerald-700">
                {item.domainMatch === 'primary'
                  ? '· in a domain you know'
                  : '· touches a domain you know'}
              </span>
            ) : null}
          </p>
          <div className="mt-1 flex flex-wrap items-baseline gap-x-4 gap-y-1">
            <RatingPair
              languageStars={item.languageStars}
              domainStars={item.domainStars}
              languageName={languageName}
            />
            <span className="text-sm text-slate-700">
              {item.size ? SIZE_LABELS[item.size] : 'Size unknown'}
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {item.mentors.length > 0 ? `Mentors: ${item.mentors.join(', ')}` : 'No mentor listed'}
            {' · '}
            <ClaimStatus item={item} />
          </p>
          <PerceivedBadge perceived={item.perceived} languageName={languageName} />
        </li>
      ))}
    </ul>
  )
}

function ClaimStatus({ item }: { item: Result }) {
  if (item.claims.length === 0) return <span className="text-emerald-700">Unclaimed</span>
  const who = item.claims.map((claim, index) => (
    <span key={claim.login}>
      {index > 0 ? ', ' : ''}
      {claim.login} since <time dateTime={claim.claimedAt}>{formatDate(claim.claimedAt)}</time>
    </span>
  ))
  if (item.isElastic) {
    return (
      <span>
        Room for more: {who} {item.claims.length === 1 ? 'is' : 'are'} working on it
      </span>
    )
  }
  return <span className="text-amber-800">Claimed by {who}</span>
}

function SavedBackground({
  savedAt,
  isSignedIn,
  query,
}: {
  savedAt: string | null
  isSignedIn: boolean
  query: string
}) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const isSaving = navigation.state === 'submitting' && navigation.formMethod === 'POST'
  if (!isSignedIn) return null
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      {savedAt ? (
        <p role="status" className="rounded bg-blue-50 px-2 py-1 text-blue-900">
          Using your saved background (saved <time dateTime={savedAt}>{formatDate(savedAt)}</time>).{' '}
          <Link to={`/starter?${FRESH_PARAM}`} className="underline">
            Start from scratch
          </Link>
        </p>
      ) : null}
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="query" value={query} />
        <button
          type="submit"
          disabled={isSaving}
          className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
        >
          Save this background
        </button>
      </Form>
      {savedAt ? (
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="forget" />
          <button type="submit" disabled={isSaving} className="text-slate-700 underline">
            Forget my saved background
          </button>
        </Form>
      ) : null}
      {actionData ? (
        <p role="status" className={actionData.ok ? 'text-emerald-700' : 'text-rose-700'}>
          {actionData.message}
        </p>
      ) : null}
    </div>
  )
}

function NothingFits({
  isSignedIn,
  background,
  query,
}: {
  isSignedIn: boolean
  background: Background
  query: string
}) {
  const location = useLocation()
  const finderUrl = `/starter${query ? `?${query}` : ''}`
  return (
    <section
      aria-labelledby="nothing-fits-heading"
      className="mt-6 rounded border border-blue-200 bg-blue-50 p-3 text-sm"
    >
      <h2 id="nothing-fits-heading" className="font-semibold">
        Nothing fits me?
      </h2>
      {isSignedIn ? (
        <Form method="post" action="/starter/nothing-fits" className="mt-2 space-y-2">
          <p className="text-slate-700">
            Send your background to the maintainers, with a note on what you would like to work on.
            They use these requests to write new starter projects.
          </p>
          <input type="hidden" name="languageLevel" value={background.level} />
          {background.knownDomains.map((domain) => (
            <input key={domain} type="hidden" name="domains" value={domain} />
          ))}
          <input type="hidden" name="time" value={background.time} />
          <input type="hidden" name="wantsMentor" value={background.wantsMentor ? 'on' : ''} />
          <input type="hidden" name="returnTo" value={finderUrl} />
          <label className="flex flex-col">
            <span className="font-medium">Your note (optional)</span>
            <textarea
              name="note"
              rows={3}
              maxLength={2000}
              className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
              placeholder="e.g. I know TCP well and would like something in networking"
            />
          </label>
          <button
            type="submit"
            className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800"
          >
            Tell the maintainers
          </button>
        </Form>
      ) : (
        <p className="mt-1">
          <Link
            to={`/login?returnTo=${encodeURIComponent(`${location.pathname}${location.search}`)}`}
            className="text-blue-700 underline"
          >
            Sign in to tell maintainers what you are looking for
          </Link>
        </p>
      )}
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const domain = data?.filters.domain
  return [
    { title: 'Starter projects · Pioneer Board' },
    {
      name: 'description',
      content: 'Starter projects for newcomers, ranked for your background.',
    },
    {
      tagName: 'link',
      rel: 'alternate',
      type: 'application/atom+xml',
      title: domain ? `New starter projects in ${domain}` : 'New starter projects',
      href: `/starter/feed.atom${domain ? `?domain=${encodeURIComponent(domain)}` : ''}`,
    },
  ]
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
