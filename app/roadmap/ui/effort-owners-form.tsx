import { Form } from '@remix-run/react'

import { personName } from '../../accounts/person'

import { inputClass, secondaryButtonClass } from './form-styles'

// An effort's owners, one GitHub login per box, each box offering the people the board knows (a
// datalist: no script needed, the browser filters it as one types). Owners must be accounts, so
// only accounts are offered. A refused list comes back as typed, with the boxes it names marked.

/** Boxes beyond the owners already named, for adding more; saving brings new empty ones. */
const SPARE_BOXES = 2
const MAX_OWNERS = 20

export type OwnerSuggestionView = {
  login: string
  name: string | null
  isDemo: boolean
  worksInArea: boolean
  isMaintainer: boolean
}

/** The logins a submitted owners field holds: split on commas and spaces, as the server reads it. */
export function ownerLogins(value: string) {
  return value.split(/[\s,]+/).filter(Boolean)
}

/** How a suggestion reads in the browser's list: who she is and why she is offered. */
export function suggestionLabel(suggestion: OwnerSuggestionView) {
  const who = suggestion.isDemo
    ? personName({ login: suggestion.login, isDemo: true })
    : (suggestion.name ?? suggestion.login)
  const why = [
    suggestion.worksInArea ? 'works on this area’s issues' : null,
    suggestion.isMaintainer ? 'maintainer' : null,
  ].filter(Boolean)
  return why.length > 0 ? `${who}: ${why.join(', ')}` : who
}

export function EffortOwnersForm({
  owners,
  suggestions,
  refused,
}: {
  owners: readonly string[]
  suggestions: readonly OwnerSuggestionView[]
  /** A refused submission of this form: what was typed, and the logins the refusal named. */
  refused: { typed: string; logins: readonly string[] } | null
}) {
  const values = refused ? ownerLogins(refused.typed) : [...owners]
  const boxes = [...values, ...Array<string>(SPARE_BOXES).fill('')].slice(
    0,
    Math.max(MAX_OWNERS, values.length),
  )
  const wrong = new Set(refused?.logins.map((login) => login.toLowerCase()) ?? [])
  return (
    // A new key after each save or refusal: the boxes show the owners saved, or what was typed.
    <Form method="post" className="mt-3" key={`${values.join(',')}|${refused ? 'refused' : ''}`}>
      <fieldset>
        <legend className="text-sm font-medium">Owners</legend>
        <p id="owners-help" className="text-sm text-slate-600">
          One GitHub login per box, of someone who has signed in to the board
          {suggestions.length > 0 ? ': type or pick from the people the board knows' : ''}. Empty
          boxes are left out; empty them all to clear the owners. Save to get more boxes.
        </p>
        <div className="flex flex-wrap items-end gap-2">
          {boxes.map((value, index) => {
            const isWrong = value !== '' && wrong.has(value.replace(/^@/, '').toLowerCase())
            return (
              <label key={index} className="flex flex-col text-sm">
                <span className="sr-only">Owner {index + 1}</span>
                <input
                  name="owners"
                  defaultValue={value}
                  list="owner-suggestions"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={100}
                  aria-describedby="owners-help"
                  aria-invalid={isWrong || undefined}
                  className={`${inputClass} w-44 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-600`}
                />
              </label>
            )
          })}
          <button type="submit" name="intent" value="owners" className={secondaryButtonClass}>
            Save owners
          </button>
        </div>
        <datalist id="owner-suggestions">
          {suggestions.map((suggestion) => (
            <option key={suggestion.login} value={suggestion.login}>
              {suggestionLabel(suggestion)}
            </option>
          ))}
        </datalist>
      </fieldset>
    </Form>
  )
}
