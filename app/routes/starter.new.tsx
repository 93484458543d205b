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
import { getRubric } from '~/starter/rubric'
import { getStarterSettings } from '~/starter/settings.server'
import { EMPTY_TAGGING_FORM, prefillFromIssue, submitTaggingForm } from '~/starter/tagging.server'
import { StarterProjectForm } from '~/starter/ui/project-form'
import { readForm, readQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const { domains, languageName } = getStarterSettings()
  // From the candidates list: ?issue=owner/name#N prefills the form from the mirrored issue.
  const issueRef = readQuery(request).get('issue')
  const prefill = issueRef
    ? await prefillFromIssue(issueRef, domains)
    : { values: EMPTY_TAGGING_FORM, note: null }
  return json({
    domains,
    languageName,
    rubric: getRubric(languageName),
    values: prefill.values,
    note: prefill.note,
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const result = await submitTaggingForm(
    await readForm(request),
    { id: null },
    user,
    getStarterSettings().domains,
  )
  if (result.ok) return redirect(`/starter/${result.id}`)
  const { ok: _, status, ...failure } = result
  return json(failure, { status })
}

export default function NewStarterProjectRoute() {
  const { domains, languageName, rubric, values, note } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link to="/starter" className="text-blue-700 underline">
          Starter projects
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Tag a starter project</h1>
      {note && !failure ? <Notice tone="info">{note}</Notice> : null}
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <StarterProjectForm
        rubric={rubric}
        languageName={languageName}
        domains={domains}
        values={failure?.values ?? values}
        errors={failure?.errors ?? {}}
        submitLabel="Create the project"
        cancelTo="/starter"
      />
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Tag a starter project · Pioneer Board' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
