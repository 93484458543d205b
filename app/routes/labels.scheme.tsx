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
import { LabelChip } from '~/components/label-chip'
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
import { getRepositoryByFullName } from '~/mirror/repository.server'
import { Refused } from '~/roadmap/refused'
import { FormResult } from '~/roadmap/ui/roadmap-ui'

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
  const repo = new URL(request.url).searchParams.get('repo')?.trim() || null
  const repositories = await listSchemeRepositories()
  if (repo === null) {
    return json({ repositories, settings: null, hasWorker: getLabelWorker() !== null })
  }
  const repository = await getRepositoryByFullName(repo)
  if (!repository) {
    throw new Response(`${repo} is not a mirrored repository: sync it first.`, { status: 404 })
  }
  const settings = await getSchemeSettings(repository.id)
  return json({ repositories, settings, hasWorker: getLabelWorker() !== null })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMaintainer(request)
  const form = await request.formData()
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
  const preview = async (message?: string) => {
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
      { status: result.problems.length > 0 ? 400 : 200 },
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

  await enforceWriteLimit(user, 'labels')
  try {
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
    if (error instanceof Refused) return preview(error.message)
    throw error
  }
}

function previewMessage(preview: SchemeChangePreview) {
  if (preview.problems.length > 0) {
    return `Nothing can be saved until ${preview.problems.length === 1 ? 'this problem is' : `these ${preview.problems.length} problems are`} fixed.`
  }
  if (preview.changes.length === 0) return 'Nothing changes: these are the names in use already.'
  return `${preview.changes.length} ${preview.changes.length === 1 ? 'label changes' : 'labels change'}; nothing is saved or sent until you save.`
}

export default function LabelSchemeRoute() {
  const { repositories, settings, hasWorker } = useLoaderData<typeof loader>()
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
            <div role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-2 text-sm">
              <p className="font-medium">
                The stored scheme has problems; no label is sent for {settings.repository.full_name}{' '}
                until they are fixed:
              </p>
              <ul className="ml-5 list-disc">
                {settings.problems.map((problem) => (
                  <li key={problem.message}>{problem.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {settings.openRenames.length > 0 ? (
            <div className="mt-4 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
              <p className="font-medium">Renames waiting to be sent:</p>
              <ul className="ml-5 list-disc">
                {settings.openRenames.map((rename) => (
                  <li key={`${rename.from}→${rename.to}`}>
                    “{rename.from}” → “{rename.to}” ({rename.status})
                  </li>
                ))}
              </ul>
              {!hasWorker ? (
                <p className="mt-1">
                  This server has no GitHub token: they wait until one is configured or someone runs{' '}
                  <code>npm run labels -- apply</code>.
                </p>
              ) : null}
            </div>
          ) : null}

          <FormResult result={result} />
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

          <Form method="post" className="mt-4" key={settings.repository.id}>
            <input type="hidden" name="repo" value={settings.repository.full_name} />
            {preview?.ok ? (
              <input type="hidden" name="previewed" value={preview.proposalKey} />
            ) : null}
            <datalist id="repository-labels">
              {settings.catalogue.map((label) => (
                <option key={label.name} value={label.name} />
              ))}
            </datalist>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-600">
                <tr>
                  <th className="py-1 pr-3 font-medium">Board value</th>
                  <th className="py-1 pr-3 font-medium">Default label</th>
                  <th className="py-1 pr-3 font-medium">Current label</th>
                  <th className="py-1 font-medium">This repository’s name</th>
                </tr>
              </thead>
              <tbody>
                {settings.rows.map((row) => {
                  const errors = problemsByValue.get(row.value) ?? []
                  const inputId = `label-${row.value}`
                  return (
                    <tr key={row.value} className="border-b border-slate-100 align-top">
                      <td className="py-1.5 pr-3">
                        <label htmlFor={inputId}>{row.description}</label>
                      </td>
                      <td className="py-1.5 pr-3">
                        <code>{row.defaultLabel}</code>
                      </td>
                      <td className="py-1.5 pr-3">
                        <LabelChip name={row.currentLabel} color={row.color} />
                        {row.isOnGitHub ? null : (
                          <span className="ml-1 text-xs text-slate-500">not created yet</span>
                        )}
                      </td>
                      <td className="py-1.5">
                        <input
                          id={inputId}
                          name={`label:${row.value}`}
                          defaultValue={row.override ?? ''}
                          placeholder={row.defaultLabel}
                          list="repository-labels"
                          aria-invalid={errors.length > 0 || undefined}
                          aria-describedby={errors.length > 0 ? `${inputId}-errors` : undefined}
                          className={`w-full rounded border px-2 py-1 ${errors.length > 0 ? 'border-red-500' : 'border-slate-300'}`}
                        />
                        {errors.length > 0 ? (
                          <ul id={`${inputId}-errors`} className="mt-1 text-xs text-red-700">
                            {errors.map((error) => (
                              <li key={error}>{error}</li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
            <div className="sticky bottom-0 mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3">
              <button
                type="submit"
                name="intent"
                value="preview"
                disabled={navigation.state !== 'idle'}
                className="rounded border border-slate-300 bg-white px-3 py-1.5 font-semibold hover:bg-slate-100 disabled:opacity-50"
              >
                Preview
              </button>
              {preview?.ok && preview.changes.length > 0 ? (
                <button
                  type="submit"
                  name="intent"
                  value="save"
                  disabled={navigation.state !== 'idle'}
                  className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
                >
                  Save and queue renames
                </button>
              ) : (
                <span className="text-sm text-slate-600">Preview the change before saving it.</span>
              )}
            </div>
          </Form>
        </>
      ) : null}
    </div>
  )
}

const KIND_WORDS: Record<SchemeChange['kind'], string> = {
  rename: 'Renamed on GitHub (PATCH new_name): issues keep the label under its new name.',
  adopt:
    'The repository’s existing label is adopted: nothing is renamed; the next plan adds it to issues, and the old label is left alone.',
  new: 'The old label was never created: nothing to rename; the next plan creates the new one when an issue needs it.',
  withdraw: 'Back to the label’s name on GitHub: the queued rename is withdrawn, nothing is sent.',
}

function ChangePreview({ changes }: { changes: SchemeChange[] }) {
  return (
    <section
      aria-labelledby="scheme-preview-title"
      className="mt-4 rounded border border-slate-200 bg-white p-3 text-sm"
    >
      <h2 id="scheme-preview-title" className="font-semibold">
        What saving does
      </h2>
      <ul className="mt-2 space-y-1.5">
        {changes.map((change) => (
          <li key={change.value}>
            <span className="font-medium">{change.description}</span>: “{change.from}” → “
            {change.to}” — {KIND_WORDS[change.kind]}
            {change.kind === 'rename' && change.onGitHub !== change.from ? (
              <span> (GitHub still calls it “{change.onGitHub}”.)</span>
            ) : null}
            {change.withdraws && change.kind !== 'withdraw' ? (
              <span>
                {' '}
                The queued rename “{change.withdraws.from}” → “{change.withdraws.to}” is withdrawn.
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="mt-2 text-slate-600">
        Renames are sent first; then review the plan at{' '}
        <Link to="/labels" className="text-blue-700 underline">
          /labels
        </Link>{' '}
        for the labels issues gain or lose.
      </p>
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Label scheme · Pioneer Board' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
