import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'

import { requireMaintainer } from '~/accounts/auth.server'
import { enforceWriteLimit } from '~/accounts/write-limits.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Notice } from '~/components/notice'
import { getLabelWorker } from '~/labels/outbox/runner.server'
import { REPO_FULL_NAME } from '~/labels/plan/review'
import {
  getSchemeSettings,
  listSchemeRepositories,
  previewSchemeChange,
  saveSchemeOverrides,
  type SchemeChange,
  type SchemeChangePreview,
} from '~/labels/scheme/scheme-settings.server'
import {
  ChangePreview,
  DemoCopiesNotice,
  RenamesWaiting,
  SchemeNamesForm,
} from '~/labels/ui/scheme-form'
import { getRepositoryByFullName, holdsDemoRepositories } from '~/mirror/repository.server'
import { pageTitle } from '~/setup/board-name'
import { countOf } from '~/utils/format'
import { keepRetryAfter, Refusal, refusalInit } from '~/utils/refusal'
import { readForm, readQuery } from '~/utils/request-input.server'

const SchemeFormSchema = z.object({
  intent: z.enum(['preview', 'save'], {
    errorMap: () => ({ message: 'Choose "Preview" or "Save and queue renames".' }),
  }),
  repo: z
    .string({ required_error: 'The form did not say which repository.' })
    .trim()
    .regex(REPO_FULL_NAME, 'Pick a repository (owner/name).'),
  // The proposal the maintainer previewed, so a save is exactly what they reviewed.
  previewed: z.string().optional(),
})

/** Form fields holding a value's label: `label:language:1`, `label:domain:networking`... */
const FIELD_PREFIX = 'label:'
/** More fields than any scheme has values: a form that size is not one of ours. */
const MAX_FIELDS = 2000

type PreviewResult = SchemeChangePreview & {
  intent: 'preview'
  ok: boolean
  message: string
  /** The proposal as previewed, sent back with "Save" (see SchemeFormSchema.previewed). */
  proposalKey: string
}
type SaveResult = { intent: 'save'; ok: boolean; message: string; changes: SchemeChange[] }
type FailedResult = { intent: 'invalid'; ok: false; message: string }
type SchemeActionResult = PreviewResult | SaveResult | FailedResult

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  const repo = readQuery(request).get('repo')?.trim() || null
  const [repositories, holdsDemo] = await Promise.all([
    listSchemeRepositories(),
    // The demo's repositories are copies: renames on them are never sent (decision 012).
    holdsDemoRepositories(),
  ])
  const hasWorker = getLabelWorker() !== null
  if (repo === null) return json({ repositories, settings: null, hasWorker, holdsDemo })
  const repository = await getRepositoryByFullName(repo)
  if (!repository) {
    throw new Response(`${repo} is not a mirrored repository: sync it first.`, { status: 404 })
  }
  const settings = await getSchemeSettings(repository.id)
  return json({ repositories, settings, hasWorker, holdsDemo })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const form = await readForm(request)
  const fail = (message: string, status = 400) =>
    json<SchemeActionResult>({ intent: 'invalid', ok: false, message }, { status })
  const parsed = SchemeFormSchema.safeParse({
    intent: form.get('intent'),
    repo: form.get('repo') ?? undefined,
    previewed: form.get('previewed') ?? undefined,
  })
  if (!parsed.success) return fail(parsed.error.issues[0]!.message)
  const proposal: Record<string, string> = {}
  let fields = 0
  for (const [key, value] of form.entries()) {
    if (!key.startsWith(FIELD_PREFIX) || typeof value !== 'string') continue
    if (++fields > MAX_FIELDS) return fail('That form has more fields than any label scheme.', 413)
    proposal[key.slice(FIELD_PREFIX.length)] = value
  }
  const repository = await getRepositoryByFullName(parsed.data.repo)
  if (!repository) return fail(`${parsed.data.repo} is not a mirrored repository.`, 404)

  const proposalKey = JSON.stringify(Object.entries(proposal).sort(([a], [b]) => (a < b ? -1 : 1)))
  const preview = async (message?: string, init: ResponseInit = { status: 200 }) => {
    const result = await previewSchemeChange(repository.id, proposal)
    const ok = result.problems.length === 0 && message === undefined
    return json<SchemeActionResult>(
      {
        intent: 'preview',
        ok,
        message: message ?? previewMessage(result),
        proposalKey,
        ...result,
      },
      { ...init, status: result.problems.length > 0 ? 400 : init.status },
    )
  }
  if (parsed.data.intent === 'preview') return preview()
  if (parsed.data.previewed !== proposalKey) {
    return preview(
      parsed.data.previewed === undefined
        ? 'Preview the change first: check what it does below, then save.'
        : 'The names changed since the preview: check the preview below, then save.',
    )
  }

  try {
    await enforceWriteLimit(user, 'labels')
    const saved = await saveSchemeOverrides(repository.id, proposal, {
      id: user.id,
      login: user.login,
    })
    const worker = getLabelWorker()
    if (saved.queued > 0) worker?.kick()
    const renames = `${saved.queued} ${saved.queued === 1 ? 'rename' : 'renames'} queued`
    const waits = saved.queued > 0 && !worker ? ' (they wait for a GitHub token)' : ''
    return json<SchemeActionResult>({
      intent: 'save',
      ok: true,
      message: `Saved the label names of ${repository.full_name}: ${renames}${waits}${saved.withdrawn > 0 ? `, ${saved.withdrawn} queued ${saved.withdrawn === 1 ? 'rename' : 'renames'} withdrawn` : ''}. Then review the plan at /labels.`,
      changes: saved.changes,
    })
  } catch (error) {
    // Refused (a demo person's renames on a mirror, say): nothing saved, the preview says why.
    if (error instanceof Refusal) return preview(error.message, refusalInit(error))
    throw error
  }
}

function previewMessage(preview: SchemeChangePreview) {
  if (preview.problems.length > 0) {
    return `Nothing can be saved until ${preview.problems.length === 1 ? 'this problem is' : `these ${preview.problems.length} problems are`} fixed.`
  }
  if (preview.changes.length === 0) return 'Nothing changes: these are the names in use already.'
  return `${countOf(preview.changes.length, 'label')} will change; nothing is saved or sent until you save.`
}

export const headers = keepRetryAfter

export default function LabelSchemeRoute() {
  const { repositories, settings, hasWorker, holdsDemo } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const preview = result?.intent === 'preview' ? result : null
  const problemsByValue = new Map<string, string[]>()
  for (const problem of preview?.problems ?? []) {
    for (const value of problem.values) {
      problemsByValue.set(value, [...(problemsByValue.get(value) ?? []), problem.message])
    }
  }
  const rowValues = new Set<string>(settings?.rows.map((row) => row.value))
  const otherProblems = (preview?.problems ?? []).filter(
    (problem) => !problem.values.some((value) => rowValues.has(value)),
  )
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-bold">Label scheme</h1>
      <p className="mt-1 text-sm text-slate-600">
        The labels the board writes for its values, per repository. Give a value the name the
        repository already uses (<code>E-easy</code>, <code>good first issue</code>,{' '}
        <code>area/net</code>) or leave it blank for the default. A label whose name changes is
        renamed on GitHub with one request, so issues keep it; nothing is deleted.
      </p>
      {holdsDemo ? <DemoCopiesNotice /> : null}

      <Form method="get" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          <span className="font-medium">Repository</span>
          <select
            name="repo"
            defaultValue={settings?.repository.full_name ?? ''}
            className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
          >
            <option value="" disabled>
              Pick a repository
            </option>
            {repositories.map((repository) => (
              <option key={repository.id} value={repository.full_name}>
                {repository.full_name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-100"
        >
          Show
        </button>
      </Form>

      {repositories.length === 0 ? (
        <p className="mt-6 rounded border border-dashed border-slate-300 p-4 text-center text-slate-600">
          No repository is mirrored yet: sync one first.
        </p>
      ) : null}

      {settings ? (
        <>
          {settings.problems.length > 0 ? (
            <Notice tone="error" as="div" className="mt-4">
              <p className="font-medium">
                The stored scheme has problems; no label is sent for {settings.repository.full_name}{' '}
                until they are fixed:
              </p>
              <ul className="ml-5 list-disc">
                {settings.problems.map((problem) => (
                  <li key={problem.message}>{problem.message}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {settings.openRenames.length > 0 ? (
            <RenamesWaiting renames={settings.openRenames} hasWorker={hasWorker} />
          ) : null}

          {result ? <Notice tone={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
          {otherProblems.length > 0 ? (
            <ul role="alert" className="mt-2 ml-5 list-disc text-sm text-red-800">
              {otherProblems.map((problem) => (
                <li key={problem.message}>{problem.message}</li>
              ))}
            </ul>
          ) : null}
          {preview && preview.problems.length === 0 && preview.changes.length > 0 ? (
            <ChangePreview changes={preview.changes} />
          ) : null}
          {result?.intent === 'save' && result.changes.length > 0 ? (
            <p className="mt-2 text-sm">
              <Link to="/labels/log" className="text-blue-700 underline">
                Follow the renames in the log
              </Link>
              , then{' '}
              <Link to="/labels" className="text-blue-700 underline">
                review the plan
              </Link>
              .
            </p>
          ) : null}

          <SchemeNamesForm
            settings={settings}
            problemsByValue={problemsByValue}
            previewedKey={preview?.ok ? preview.proposalKey : null}
            canSave={Boolean(preview?.ok && preview.changes.length > 0)}
            isBusy={navigation.state !== 'idle'}
          />
        </>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle('Label scheme · Pioneer Board', matches) },
]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
