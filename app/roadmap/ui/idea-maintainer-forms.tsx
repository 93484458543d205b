import { Form } from '@remix-run/react'

import { plusOnesText } from '~/roadmap/plus-ones'

import { buttonClass, inputClass, secondaryButtonClass } from './form-styles'
import { MaintainerPanel } from './maintainer-panel'

// What maintainers do to an idea from its page: move it to another area, and merge it (while in
// ideation) into the idea it duplicates, found by words of its title: a GET search first (so the
// list has an address and needs no JavaScript), then a choice among the matches to confirm.

export type MergeCandidate = {
  id: number
  title: string
  status: string
  plus_one_count: number
  demo_plus_one_count: number
  area_name: string
}

export function IdeaMaintainerForms({
  ideaTitle,
  plusOnes,
  demoPlusOnes,
  areaId,
  areas,
  canMerge,
  mergeQuery,
  mergeCandidates,
}: {
  ideaTitle: string
  plusOnes: number
  demoPlusOnes: number
  areaId: number
  areas: { id: number; name: string }[]
  canMerge: boolean
  /** What was searched for the idea to merge into (null: no search yet). */
  mergeQuery: string | null
  mergeCandidates: MergeCandidate[]
}) {
  return (
    <MaintainerPanel>
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
        <label className="flex flex-col text-sm">
          <span className="font-medium">Move to area</span>
          <select name="areaId" defaultValue={areaId} className={inputClass}>
            {areas.map((area) => (
              <option key={area.id} value={area.id}>
                {area.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="intent" value="move" className={secondaryButtonClass}>
          Move
        </button>
      </Form>
      {canMerge ? (
        <>
          <Form
            method="get"
            role="search"
            aria-label="Find the idea this one duplicates"
            preventScrollReset
            className="mt-3 flex flex-wrap items-end gap-2"
          >
            <label className="flex flex-col text-sm">
              <span className="font-medium">Merge this duplicate into the idea titled…</span>
              <input
                name="merge"
                type="search"
                required
                maxLength={200}
                defaultValue={mergeQuery ?? ''}
                placeholder="words of its title, or its number"
                className={`${inputClass} w-72 max-w-full`}
              />
            </label>
            <button type="submit" className={secondaryButtonClass}>
              Find ideas
            </button>
          </Form>
          {mergeQuery !== null ? (
            <MergeChoice
              ideaTitle={ideaTitle}
              plusOnes={plusOnes}
              demoPlusOnes={demoPlusOnes}
              query={mergeQuery}
              candidates={mergeCandidates}
            />
          ) : null}
        </>
      ) : null}
    </MaintainerPanel>
  )
}

function MergeChoice({
  ideaTitle,
  plusOnes,
  demoPlusOnes,
  query,
  candidates,
}: {
  ideaTitle: string
  plusOnes: number
  demoPlusOnes: number
  query: string
  candidates: MergeCandidate[]
}) {
  if (candidates.length === 0) {
    return (
      <p role="status" className="mt-2 text-sm text-slate-700">
        No idea of this release target in ideation or on the roadmap has “{query}” in its title.
      </p>
    )
  }
  return (
    <Form method="post" className="mt-2 text-sm">
      <fieldset>
        <legend className="font-medium">
          Merge “{ideaTitle}” into which idea? ({candidates.length} found for “{query}”)
        </legend>
        <ul className="mt-1 space-y-1">
          {candidates.map((candidate, index) => (
            <li key={candidate.id}>
              <label className="flex items-baseline gap-2">
                <input
                  type="radio"
                  name="survivorId"
                  value={candidate.id}
                  required
                  defaultChecked={candidates.length === 1 && index === 0}
                />
                <span>
                  {candidate.title}{' '}
                  <span className="text-slate-600">
                    (idea {candidate.id}, {candidate.area_name}
                    {candidate.status === 'agreed' ? ', on the roadmap' : ''},{' '}
                    {plusOnesText(candidate.plus_one_count, candidate.demo_plus_one_count)})
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="mt-2 text-slate-700">
        This idea&apos;s {plusOnesText(plusOnes, demoPlusOnes)} and its links move to the idea you
        choose, and this page points there. You can undo the merge from this page.
      </p>
      <button type="submit" name="intent" value="merge" className={`${buttonClass} mt-2`}>
        Merge into the chosen idea
      </button>
    </Form>
  )
}

/** On a merged idea's page: puts it back in ideation with its own +1s and links. */
export function UndoMergeForm({ survivorId }: { survivorId: number }) {
  return (
    <Form method="post" className="mt-2">
      <button type="submit" name="intent" value="unmerge" className={secondaryButtonClass}>
        Undo the merge into idea {survivorId}
      </button>
    </Form>
  )
}
