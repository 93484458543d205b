import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'

import { getCurrentUser, requireUser, safeReturnTo } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FieldError } from '~/components/field-error'
import { Notice } from '~/components/notice'
import { pageTitle } from '~/setup/board-name'
import {
  FINDER_PARAMS,
  LANGUAGE_LEVEL_LABELS,
  LANGUAGE_LEVELS,
  languageLevelQuestion,
  TIME_AVAILABLE,
  TIME_LABELS,
} from '~/starter/finder'
import {
  GAP_NOTE_MAX,
  GAP_SENT_PARAM,
  gapRequestFormValues,
  gapRequestInputSchema,
} from '~/starter/gap-request-input'
import { createGapRequest } from '~/starter/gap-request.server'
import { getStarterSettings } from '~/starter/settings.server'
import { RequestSentNext } from '~/starter/ui/nothing-fits-panel'
import { fieldErrors } from '~/utils/field-errors'
import { keepRetryAfter, Refusal, refusalInit } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

type FormValues = ReturnType<typeof gapRequestFormValues> & { returnTo: string }

export async function loader({ request }: LoaderFunctionArgs) {
  const { domains, languageName } = getStarterSettings()
  // Arriving from the finder's link, the background it already knows is filled in.
  const params = readQuery(request)
  const values: FormValues = {
    languageLevel: params.get(FINDER_PARAMS.level) ?? '',
    domains: params.getAll(FINDER_PARAMS.knownDomains).filter((domain) => domains.includes(domain)),
    time: params.get(FINDER_PARAMS.time) ?? '',
    wantsMentor: params.get(FINDER_PARAMS.wantsMentor) ? 'on' : '',
    note: '',
    returnTo: safeReturnTo(params.get('returnTo'), '/starter/nothing-fits'),
  }
  const user = await getCurrentUser(request)
  return json({
    domains,
    languageName,
    values,
    isSignedIn: user !== null,
    isDemo: user?.isDemo ?? false,
    isSent: params.get(GAP_SENT_PARAM) === 'sent',
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readForm(request)
  const values: FormValues = {
    ...gapRequestFormValues(formData),
    returnTo: safeReturnTo(formData.get('returnTo'), '/starter/nothing-fits'),
  }
  const parsed = gapRequestInputSchema(getStarterSettings().domains).safeParse(values)
  if (!parsed.success) {
    return json(
      {
        message: 'Nothing was sent: please check the fields marked below.',
        errors: fieldErrors(parsed.error),
        values,
      },
      { status: 400 },
    )
  }
  try {
    await enforceWriteLimit(user, 'gap-request')
    await createGapRequest(parsed.data, user)
  } catch (error) {
    if (error instanceof Refusal) {
      return json({ message: error.message, errors: {}, values }, refusalInit(error))
    }
    throw error
  }
  const back = new URL(values.returnTo, 'http://board.invalid')
  back.searchParams.set(GAP_SENT_PARAM, 'sent')
  return redirect(`${back.pathname}${back.search}`)
}

export const headers = keepRetryAfter

export default function NothingFitsRoute() {
  const {
    domains,
    languageName,
    values: initial,
    isSignedIn,
    isDemo,
    isSent,
  } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const values = result?.values ?? initial
  const errors: Record<string, string> = result?.errors ?? {}
  const errorId = (field: string) => (errors[field] ? `${field}-error` : undefined)
  // Once sent, the form starts afresh (a new key remounts it): a note left filled in invites a
  // duplicate request.
  const location = useLocation()
  const formKey = isSent ? location.key : 'draft'
  // Signing in comes back here with the background the finder filled in.
  const signIn = `/login?returnTo=${encodeURIComponent(`/starter/nothing-fits${location.search}`)}`

  return (
    <div className="max-w-2xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Nothing fits me</h1>
      <p className="mt-1 text-slate-700">
        Tell the maintainers what you know and what you are looking for. They read every request and
        use them to decide which starter projects to write next.
      </p>

      {isSent ? (
        <Notice tone="success" className="mt-4">
          Thank you: your request was sent, and the maintainers will see it.{' '}
          <RequestSentNext isDemo={isDemo} />
        </Notice>
      ) : null}
      {result?.message ? (
        <Notice tone="error" className="mt-4">
          {result.message}
        </Notice>
      ) : null}
      {!isSignedIn ? (
        <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <Link to={signIn} className="font-medium underline">
            Sign in
          </Link>{' '}
          to send a request, so maintainers can answer you.
        </p>
      ) : null}

      <Form key={formKey} method="post" className="mt-6" noValidate>
        <input type="hidden" name="returnTo" value={values.returnTo} />
        {/* Signed out, the form shows what will be asked but takes nothing: sending it would only
            answer "Sign in first" and lose what was typed. */}
        <fieldset disabled={!isSignedIn} className="min-w-0 space-y-5 disabled:opacity-60">
          <fieldset aria-describedby={errorId('languageLevel')}>
            <legend className="font-medium">{languageLevelQuestion(languageName)}</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              {LANGUAGE_LEVELS.map((level) => (
                <label key={level} className="flex items-center gap-1">
                  <input
                    type="radio"
                    name="languageLevel"
                    value={level}
                    defaultChecked={values.languageLevel === level}
                    required
                  />
                  {LANGUAGE_LEVEL_LABELS[level]}
                </label>
              ))}
            </div>
            <FieldError field="languageLevel" message={errors.languageLevel} />
          </fieldset>

          <fieldset aria-describedby={errorId('domains')}>
            <legend className="font-medium">Domains you already know</legend>
            <div className="mt-1 grid grid-cols-2 gap-1 text-sm sm:grid-cols-3">
              {domains.map((domain) => (
                <label key={domain} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    name="domains"
                    value={domain}
                    defaultChecked={values.domains.includes(domain)}
                  />
                  {domain}
                </label>
              ))}
            </div>
            <FieldError field="domains" message={errors.domains} />
          </fieldset>

          <label className="block text-sm">
            <span className="font-medium">Time you have</span>
            <select
              name="time"
              defaultValue={values.time}
              aria-describedby={errorId('time')}
              className="mt-1 block rounded border border-slate-300 bg-white px-2 py-1"
            >
              <option value="">Not sure</option>
              {TIME_AVAILABLE.map((time) => (
                <option key={time} value={time}>
                  {TIME_LABELS[time]}
                </option>
              ))}
            </select>
            <FieldError field="time" message={errors.time} />
          </label>

          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="wantsMentor" defaultChecked={values.wantsMentor !== ''} />I
            would like a mentor
          </label>
          <FieldError field="wantsMentor" message={errors.wantsMentor} />

          <label className="block text-sm">
            <span className="font-medium">Anything else?</span>{' '}
            <span className="text-slate-500">(optional, up to {GAP_NOTE_MAX} characters)</span>
            <textarea
              name="note"
              rows={4}
              maxLength={GAP_NOTE_MAX}
              defaultValue={values.note}
              aria-describedby={errorId('note')}
              placeholder="What you would like to work on, what you have done before…"
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
            />
            <FieldError field="note" message={errors.note} />
          </label>
        </fieldset>

        {isSignedIn ? (
          <button
            type="submit"
            className="mt-5 rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800"
          >
            Send to the maintainers
          </button>
        ) : (
          <Link
            to={signIn}
            className="mt-5 inline-block rounded bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800"
          >
            Sign in to send it
          </Link>
        )}
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Nothing fits me · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
