import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { pageTitle } from '~/setup/board-name'
import { GAP_ANSWERED_PARAM, GAP_ANSWERS_PARAM } from '~/starter/gap-request-input'
import { getRubric } from '~/starter/rubric'
import { getStarterSettings } from '~/starter/settings.server'
import { isRatingOnDefaultAxes } from '~/starter/supply.server'
import { taggingDoneHref } from '~/starter/tagging-done'
import {
  EMPTY_TAGGING_FORM,
  prefillForRequest,
  prefillFromIssue,
  submitTaggingForm,
  taggingFormValuesFrom,
} from '~/starter/tagging.server'
import { DefaultAxesNotice } from '~/starter/ui/default-axes-notice'
import { StarterProjectForm } from '~/starter/ui/project-form'
import { parseId } from '~/utils/id'
import { readForm, readQuery } from '~/utils/request-input.server'

const notARequest = (text: string) => `“${text}” is not a request number.`

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireMaintainer(request)
  const { domains, languageName } = getStarterSettings()
  const params = readQuery(request)
  const base = {
    domains,
    languageName,
    rubric: getRubric(languageName, domains),
    viewerLogin: user.login,
    isOnDefaultAxes: await isRatingOnDefaultAxes(),
  }
  // From the gap dashboard: ?answers=N ties the new project to "nothing fits me" request N.
  const answers = params.get(GAP_ANSWERS_PARAM)
  if (answers !== null) {
    const requestId = parseId(answers)
    const prefill =
      requestId === null
        ? {
            values: EMPTY_TAGGING_FORM,
            error: `${notARequest(answers)} This form will not answer a request.`,
          }
        : await prefillForRequest(requestId, domains, languageName)
    return json({
      ...base,
      values: prefill.values,
      note: 'note' in prefill ? prefill.note : null,
      error: 'error' in prefill ? prefill.error : null,
    })
  }
  // From the candidates list: ?issue=owner/name#N prefills the form from the mirrored issue.
  const issueRef = params.get('issue')
  const prefill = issueRef
    ? await prefillFromIssue(issueRef, domains)
    : { values: EMPTY_TAGGING_FORM, note: null }
  return json({
    ...base,
    values: prefill.values,
    note: prefill.note,
    error: null,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const formData = await readForm(request)
  // The form posts back to its own URL, so a request being answered rides along in the query.
  const answers = readQuery(request).get(GAP_ANSWERS_PARAM)
  const answersRequest = answers === null ? null : parseId(answers)
  if (answers !== null && answersRequest === null) {
    return json(
      {
        message: `Nothing was saved: ${notARequest(answers)}`,
        errors: {},
        values: taggingFormValuesFrom(formData),
      },
      { status: 400 },
    )
  }
  const result = await submitTaggingForm(
    formData,
    { id: null, answersRequest },
    user,
    getStarterSettings().domains,
  )
  if (result.ok) {
    return redirect(
      answersRequest === null
        ? taggingDoneHref(result.id, 'created')
        : `/starter/${result.id}?${GAP_ANSWERED_PARAM}=${answersRequest}`,
    )
  }
  const { ok: _, status, ...failure } = result
  return json(failure, { status })
}

export default function NewStarterProjectRoute() {
  const { domains, languageName, rubric, values, note, error, viewerLogin, isOnDefaultAxes } =
    useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Tag a starter project</h1>
      {isOnDefaultAxes ? <DefaultAxesNotice languageName={languageName} domains={domains} /> : null}
      {note && !failure ? <Notice tone="info">{note}</Notice> : null}
      {error && !failure ? <Notice tone="error">{error}</Notice> : null}
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <StarterProjectForm
        rubric={rubric}
        languageName={languageName}
        domains={domains}
        values={failure?.values ?? values}
        errors={failure?.errors ?? {}}
        submitLabel="Create the project"
        cancelTo="/starter"
        viewerLogin={viewerLogin}
      />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Tag a starter project · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
