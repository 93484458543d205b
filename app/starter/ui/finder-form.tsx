import { Form } from '@remix-run/react'

import { axisName } from '../axes'
import {
  DEFAULT_FINDER_LIMIT,
  FINDER_PARAMS,
  FINDER_SEARCH_EXAMPLE,
  MAX_FINDER_QUERY_LENGTH,
  FINDER_SIZES,
  LANGUAGE_LEVEL_LABELS,
  LANGUAGE_LEVELS,
  languageLevelQuestion,
  LEVEL_MAX_LANGUAGE_STARS,
  TIME_AVAILABLE,
  TIME_LABELS,
  type FinderBackground,
  type FinderFilters,
} from '../finder'
import { SIZE_LABELS } from '../project-input'

// The finder's form: "your background" (what you know, your time, whether you want a mentor) and
// plain filters, sent as a GET so every result page has an address to share. The parameter names
// and what they mean are finder.ts's. Once a background is given the form folds into a <details>
// (no JavaScript needed) whose summary says what was chosen, so on a phone the first result shows
// without scrolling past every checkbox.

/** "Save this background", outside the form, submits it by this id. */
export const FINDER_FORM_ID = 'finder-form'

export function FinderForm({
  domains,
  languageName,
  background,
  filters,
  pageSize,
  isOpen,
}: {
  domains: string[]
  languageName: string
  background: FinderBackground
  filters: FinderFilters
  pageSize: number
  /** Unfolded: nothing told yet, or nothing found for what was told. */
  isOpen: boolean
}) {
  return (
    <Form
      id={FINDER_FORM_ID}
      method="get"
      aria-label="Your background and filters"
      className="text-sm"
    >
      <details open={isOpen} className="group">
        <summary className="cursor-pointer rounded border border-slate-200 bg-white px-3 py-2">
          <span className="font-semibold">Your background and filters</span>{' '}
          <span className="text-slate-600">
            ({describeBackground(background, languageName)}){' '}
            <span className="text-blue-700 underline group-open:hidden">change</span>
          </span>
        </summary>
        <div className="mt-3 space-y-5">
          <fieldset className="min-w-0 space-y-3 rounded border border-slate-200 bg-white p-3">
            <legend className="px-1 font-semibold">Your background</legend>
            <fieldset>
              <legend className="font-medium">{languageLevelQuestion(languageName)}</legend>
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
                {domains.map((domain) => (
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
            {/* Here, not among the folded filters: the results' notes tell her to tick it. */}
            <Checkbox
              name={FINDER_PARAMS.showAboveLevel}
              checked={filters.showAboveLevel}
              label="Show projects above my level"
            />
          </fieldset>

          {/* Folded until one is set: on a first visit (a phone above all) "Find projects" comes
              right after her background, not after ten controls she does not need yet. */}
          <details
            open={hasFilterSet(filters)}
            className="rounded border border-slate-200 bg-white"
          >
            <summary className="cursor-pointer px-3 py-2.5 sm:py-2">
              <span className="font-semibold">More filters</span>{' '}
              <span className="text-slate-600">(search, repository, domain, difficulty, size)</span>
            </summary>
            <fieldset className="min-w-0 space-y-3 border-t border-slate-200 p-3">
              <legend className="sr-only">Filters</legend>
              <label className="flex flex-col">
                <span className="font-medium">Search</span>
                <input
                  type="search"
                  name={FINDER_PARAMS.q}
                  defaultValue={filters.q ?? ''}
                  maxLength={MAX_FINDER_QUERY_LENGTH}
                  placeholder={`e.g. ${FINDER_SEARCH_EXAMPLE}`}
                  aria-describedby="finder-search-syntax"
                  className="mt-1 rounded border border-slate-300 px-2 py-1"
                />
                <span id="finder-search-syntax" className="mt-0.5 text-xs text-slate-500">
                  Titles, summaries and repositories. Words match their beginnings; &quot;a
                  phrase&quot;; -word leaves out.
                </span>
              </label>
              <label className="flex flex-col">
                <span className="font-medium">Repository</span>
                <input
                  type="text"
                  name={FINDER_PARAMS.repo}
                  defaultValue={filters.repo ?? ''}
                  placeholder="owner/name"
                  className="mt-1 rounded border border-slate-300 px-2 py-1"
                />
              </label>
              <Select
                name={FINDER_PARAMS.domain}
                label="Domain"
                value={filters.domain ?? ''}
                options={[['', 'Any domain'], ...domains.map((d) => [d, d] as const)]}
              />
              <div className="grid grid-cols-2 gap-2">
                <Select
                  name={FINDER_PARAMS.maxLanguageStars}
                  label={`${axisName('language', languageName)} at most`}
                  value={String(filters.maxLanguageStars ?? '')}
                  options={STAR_OPTIONS}
                />
                <Select
                  name={FINDER_PARAMS.maxDomainStars}
                  label={`${axisName('domain', languageName)} at most`}
                  value={String(filters.maxDomainStars ?? '')}
                  options={STAR_OPTIONS}
                />
              </div>
              <Select
                name={FINDER_PARAMS.size}
                label="Size"
                value={filters.size ?? ''}
                options={[
                  ['', 'Any size'],
                  ...FINDER_SIZES.map((s) => [s, SIZE_LABELS[s]] as const),
                ]}
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
                name={FINDER_PARAMS.unratedOnly}
                checked={filters.unratedOnly}
                label="Not rated yet"
              />
            </fieldset>
          </details>
          {pageSize !== DEFAULT_FINDER_LIMIT ? (
            <input type="hidden" name={FINDER_PARAMS.limit} value={pageSize} />
          ) : null}
          <button
            type="submit"
            className="w-full rounded bg-blue-700 px-3 py-2 font-semibold text-white hover:bg-blue-800"
          >
            Find projects
          </button>
        </div>
      </details>
    </Form>
  )
}

/** Whether any of the folded filters narrows the list: they then show unfolded. */
export function hasFilterSet(filters: FinderFilters) {
  return (
    filters.q !== null ||
    filters.repo !== null ||
    filters.domain !== null ||
    filters.maxLanguageStars !== null ||
    filters.maxDomainStars !== null ||
    filters.size !== null ||
    filters.hasMentor ||
    filters.unclaimedOnly ||
    filters.unratedOnly
  )
}

/** The summary's short words for a background: "OCaml: new to it · web, storage · a week". */
export function describeBackground(background: FinderBackground, languageName: string) {
  return [
    `${languageName}: ${LANGUAGE_LEVEL_LABELS[background.level].toLowerCase()}`,
    background.knownDomains.length > 0 ? background.knownDomains.join(', ') : 'no domain named',
    background.time === 'any' ? 'any time' : TIME_LABELS[background.time].toLowerCase(),
    ...(background.wantsMentor ? ['with a mentor'] : []),
  ].join(' · ')
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
