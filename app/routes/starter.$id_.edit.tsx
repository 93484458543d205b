import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { errorTitle, GeneralErrorBoundary } from '~/components/error-boundary'
import { LinkedText } from '~/components/linked-text'
import { Notice } from '~/components/notice'
import { pageTitle } from '~/setup/board-name'
import { listOpenMentorOffers } from '~/starter/mentor-offer.server'
import { getProjectVersion } from '~/starter/project-version.server'
import { getStarterProject } from '~/starter/project.server'
import { getRubric } from '~/starter/rubric'
import { getStarterSettings } from '~/starter/settings.server'
import { taggingDoneHref } from '~/starter/tagging-done'
import { submitTaggingForm, taggingFormValuesOf } from '~/starter/tagging.server'
import { EditConflict } from '~/starter/ui/edit-conflict'
import { OpenMentorOffers } from '~/starter/ui/mentor-offers'
import { StarterProjectForm } from '~/starter/ui/project-form'
import { parseId } from '~/utils/id'
import { readForm } from '~/utils/request-input.server'

// `$id_`: /starter/:id/edit is its own page, not nested inside the project page's layout.

function projectId(param: string | undefined) {
  const id = parseId(param)
  if (id === null) {
    throw new Response(`"${param}" is not a starter project number.`, { status: 404 })
  }
  return id
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireMaintainer(request)
  const id = projectId(params.id)
  const project = await getStarterProject(id)
  if (!project) throw new Response('There is no such starter project.', { status: 404 })
  const { domains, languageName } = getStarterSettings()
  return json({
    id,
    domains,
    languageName,
    rubric: getRubric(languageName, domains),
    values: taggingFormValuesOf(project),
    // The version a save must still find: someone else's save in between is refused, not lost.
    version: await getProjectVersion(id),
    legacyNote: project.legacy_note,
    viewerLogin: user.login,
    // Settled here too (posted to the project page): she is naming mentors on this page.
    openMentorOffers: project.status === 'open' ? await listOpenMentorOffers(id) : [],
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const id = projectId(params.id)
  const result = await submitTaggingForm(
    await readForm(request),
    { id },
    user,
    getStarterSettings().domains,
  )
  if (result.ok) return redirect(taggingDoneHref(id, 'edited'))
  const { ok: _, status, ...failure } = result
  return json(failure, { status })
}

export default function EditStarterProjectRoute() {
  const {
    id,
    domains,
    languageName,
    rubric,
    values,
    version,
    legacyNote,
    viewerLogin,
    openMentorOffers,
  } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  // A refused save keeps the version it was posted with (after a conflict, the one it was shown):
  // the reloaded page's would silently overwrite whatever happened in between.
  const formVersion = failure?.version ?? version
  return (
    <div className="max-w-3xl">
      <p className="text-sm">
        <Link to={`/starter/${id}`} className="text-blue-700 underline">
          Back to the project
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">Edit “{values.title}”</h1>
      <p className="mt-1 text-sm text-slate-600">
        Rating changes are recorded with your name and the time, and shown on the project page.
      </p>
      {legacyNote ? (
        <p className="mt-3 whitespace-pre-line rounded border border-slate-200 bg-slate-100 p-2 text-sm">
          <span className="font-medium">Historical note (kept as it was written):</span>{' '}
          <LinkedText text={legacyNote} />
        </p>
      ) : null}
      <OpenMentorOffers projectId={id} offers={openMentorOffers} />
      {failure?.conflict ? (
        <EditConflict
          message={failure.message}
          conflict={failure.conflict}
          languageName={languageName}
          reloadTo={`/starter/${id}/edit`}
        />
      ) : failure ? (
        <Notice tone="error">{failure.message}</Notice>
      ) : null}
      <StarterProjectForm
        // Drawn afresh from the loaded project when the person drops their changes (the fields
        // start from their values, so the same form would keep what was typed).
        key={failure ? `typed@${formVersion}` : `loaded@${version}`}
        version={formVersion}
        rubric={rubric}
        languageName={languageName}
        domains={domains}
        values={failure?.values ?? values}
        errors={failure?.errors ?? {}}
        submitLabel="Save changes"
        viewerLogin={viewerLogin}
        cancelTo={`/starter/${id}`}
      />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => [
  {
    title: pageTitle(
      data ? `Edit ${data.values.title} · Pioneer Board` : errorTitle(error),
      matches,
    ),
  },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
