import type { SerializeFrom } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'

import { Notice } from '~/components/notice'
import { TableScroll } from '~/components/table-scroll'

import { LabelChip } from '../../components/label-chip'
import type { SchemeChange, SchemeSettings } from '../scheme/scheme-settings.server'

// The label scheme page's pieces: the renames still waiting, the table of a repository's label
// names (one field per board value, a blank field meaning the default), and what saving a
// previewed change does. The rules behind a change are in scheme/scheme-settings.server.ts.

type Settings = SerializeFrom<SchemeSettings>

/** Renames queued and not sent yet; without a token they wait for one. */
/**
 * On the demo's copies a rename is queued and logged, never sent: said here as the plan and the
 * log say it, since this page's own words ("renamed on GitHub") describe a real mirror.
 */
export function DemoCopiesNotice() {
  return (
    <Notice tone="warning">
      These are the MirageOS demo’s copies of its repositories: names you save are kept and their
      renames queued and logged, but never sent to GitHub, whatever the token.
    </Notice>
  )
}

export function RenamesWaiting({
  renames,
  hasWorker,
}: {
  renames: Settings['openRenames']
  hasWorker: boolean
}) {
  return (
    <div className="mt-4 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
      <p className="font-medium">Renames waiting to be sent:</p>
      <ul className="ml-5 list-disc">
        {renames.map((rename) => (
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
  )
}

/**
 * The names form. "Save" appears only once the proposal was previewed without problems and
 * changes something; it sends the previewed proposal's key, so a save is what was reviewed.
 */
export function SchemeNamesForm({
  settings,
  problemsByValue,
  previewedKey,
  canSave,
  isBusy,
}: {
  settings: Settings
  /** The preview's problems, by the value whose field they concern. */
  problemsByValue: Map<string, string[]>
  previewedKey: string | null
  canSave: boolean
  isBusy: boolean
}) {
  return (
    <Form method="post" className="mt-4" key={settings.repository.id}>
      <input type="hidden" name="repo" value={settings.repository.full_name} />
      {previewedKey !== null ? <input type="hidden" name="previewed" value={previewedKey} /> : null}
      <datalist id="repository-labels">
        {settings.catalogue.map((label) => (
          <option key={label.name} value={label.name} />
        ))}
      </datalist>
      {/* A table on a wide screen; on a phone each value is a card, its labels and its field
          under its name with their own words: the field, the table's fourth column, was off the
          screen's edge in a box scrolled sideways, away from the value it names. */}
      <TableScroll>
        <table className="block w-full text-left text-sm sm:table">
          <thead className="hidden border-b border-slate-300 text-slate-600 sm:table-header-group">
            <tr>
              <th className="py-1 pr-3 font-medium">Board value</th>
              <th className="py-1 pr-3 font-medium">Default label</th>
              <th className="py-1 pr-3 font-medium">Current label</th>
              <th className="py-1 font-medium">This repository’s name</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {settings.rows.map((row) => (
              <SchemeRow key={row.value} row={row} errors={problemsByValue.get(row.value) ?? []} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      {/* Pinned to the screen's bottom on a wide screen only: on a phone it took a seventh of
          the screen over the fields, more once the keyboard is up; there it ends the form. */}
      <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50 py-3 sm:sticky sm:bottom-0">
        <button
          type="submit"
          name="intent"
          value="preview"
          disabled={isBusy}
          className="rounded border border-slate-300 bg-white px-3 py-1.5 font-semibold hover:bg-slate-100 disabled:opacity-50"
        >
          Preview
        </button>
        {canSave ? (
          <button
            type="submit"
            name="intent"
            value="save"
            disabled={isBusy}
            className="rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
          >
            Save and queue renames
          </button>
        ) : (
          <span className="text-sm text-slate-600">Preview the change before saving it.</span>
        )}
      </div>
    </Form>
  )
}

function SchemeRow({ row, errors }: { row: Settings['rows'][number]; errors: string[] }) {
  const inputId = `label-${row.value}`
  return (
    <tr className="block border-b border-slate-100 py-2 align-top sm:table-row sm:py-0">
      <td className="block py-0.5 font-medium sm:table-cell sm:py-1.5 sm:pr-3 sm:font-normal">
        <label htmlFor={inputId}>{row.description}</label>
      </td>
      <td className="block py-0.5 break-words sm:table-cell sm:py-1.5 sm:pr-3">
        <span className="text-xs font-medium text-slate-600 sm:hidden">Default label </span>
        <code>{row.defaultLabel}</code>
      </td>
      <td className="block py-0.5 sm:table-cell sm:py-1.5 sm:pr-3">
        <span className="text-xs font-medium text-slate-600 sm:hidden">Current label </span>
        <LabelChip name={row.currentLabel} color={row.color} />
        {row.isOnGitHub ? null : (
          <span className="ml-1 text-xs text-slate-500">not created yet</span>
        )}
      </td>
      <td className="block pt-1 sm:table-cell sm:py-1.5">
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
        {row.suggestion ? <SuggestedLabel inputId={inputId} name={row.suggestion} /> : null}
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
}

/**
 * The repository's own label for this value, offered, never filled in: keeping it is the
 * maintainer's choice, and the preview says what it does (an adopted label renames nothing).
 */
function SuggestedLabel({ inputId, name }: { inputId: string; name: string }) {
  return (
    <p className="mt-1 text-xs text-slate-600">
      This repository already has “{name}”.{' '}
      <button
        type="button"
        className="text-blue-700 underline"
        onClick={() => {
          const input = document.getElementById(inputId)
          if (input instanceof HTMLInputElement) input.value = name
        }}
      >
        Use “{name}”
      </button>
    </p>
  )
}

const KIND_WORDS: Record<SchemeChange['kind'], string> = {
  rename: 'Renamed on GitHub (PATCH new_name): issues keep the label under its new name.',
  adopt:
    'The repository’s existing label is adopted: nothing is renamed; the next plan adds it to issues, and the old label is left alone.',
  new: 'The old label was never created: nothing to rename; the next plan creates the new one when an issue needs it.',
  withdraw: 'Back to the label’s name on GitHub: the queued rename is withdrawn, nothing is sent.',
}

/** What saving the previewed proposal does, value by value. */
export function ChangePreview({ changes }: { changes: SchemeChange[] }) {
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
