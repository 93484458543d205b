import { Form, Link } from '@remix-run/react'

import { FieldError } from '~/components/field-error'
import { PROJECT_SIZES, PROJECT_STATUSES } from '~/starter/project-input'
import type { Rubric, RubricAxis } from '~/starter/rubric'
import type { TaggingFormValues } from '~/starter/tagging.server'

import { Stars } from './stars'

// The maintainers' tagging form, for a new project and for editing one. Works without
// JavaScript; every field shows its error beside it and keeps what was typed. Each star choice
// has the rubric's sentence beside it, so a rating means what the public rubric page says.

type StarterProjectFormProps = {
  rubric: Rubric
  languageName: string
  domains: readonly string[]
  values: TaggingFormValues
  errors: Record<string, string>
  submitLabel: string
  cancelTo: string
  /** Editing: the version of the project the form was loaded with (a save against another is refused). */
  version?: string
  /** The signed-in person's login: the mentors hint's example, a login that exists. */
  viewerLogin: string
}

/**
 * How to name a mentor, with the person's own login as the example (it exists, on any board).
 * Names are accepted too (the old lists wrote them, and the triage form comes filled with them),
 * so the hint says what a name alone costs: newcomers get no way to reach that mentor
 * (next-step.ts canReachMentors).
 */
export function mentorsHint(viewerLogin: string) {
  return `one per line, by login (yours: ${viewerLogin} or @${viewerLogin}): a login links to the person; a name alone, as old lists wrote them, gives newcomers no way to reach them unless a mentor contact is given`
}

const STATUS_LABELS: Record<(typeof PROJECT_STATUSES)[number], string> = {
  open: 'Open',
  done: 'Done',
  inactive: 'Inactive (hidden from newcomers)',
}

const inputClass = 'mt-1 block w-full rounded border border-slate-300 px-2 py-1'

export function StarterProjectForm({
  rubric,
  languageName,
  domains,
  values,
  errors,
  submitLabel,
  cancelTo,
  version,
  viewerLogin,
}: StarterProjectFormProps) {
  const errorId = (field: string) => (errors[field] ? `${field}-error` : undefined)
  const invalid = (field: string) => (errors[field] ? true : undefined)

  return (
    <Form method="post" className="mt-6 space-y-6" noValidate>
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <TextField
        name="title"
        label="Title"
        value={values.title}
        error={errors.title}
        required
        maxLength={200}
      />

      <label className="block text-sm">
        <span className="font-medium">Summary</span>{' '}
        <span className="text-slate-500">(markdown)</span>
        <textarea
          name="summary"
          rows={6}
          defaultValue={values.summary}
          aria-invalid={invalid('summary')}
          aria-describedby={errorId('summary')}
          className={inputClass}
        />
        <FieldError field="summary" message={errors.summary} />
      </label>

      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">Primary domain</span>
          <select
            name="primaryDomain"
            defaultValue={values.primaryDomain}
            required
            aria-invalid={invalid('primaryDomain')}
            aria-describedby={errorId('primaryDomain')}
            className={`${inputClass} bg-white`}
          >
            <option value="">Choose a domain…</option>
            {domains.map((domain) => (
              <option key={domain} value={domain}>
                {domain}
              </option>
            ))}
          </select>
          <FieldError field="primaryDomain" message={errors.primaryDomain} />
        </label>
        <fieldset
          className="text-sm"
          aria-invalid={invalid('secondaryDomains')}
          aria-describedby={errorId('secondaryDomains')}
        >
          <legend className="font-medium">Secondary domains</legend>
          <div className="mt-1 grid grid-cols-2 gap-1">
            {domains.map((domain) => (
              <label key={domain} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  name="secondaryDomains"
                  value={domain}
                  defaultChecked={values.secondaryDomains.includes(domain)}
                />
                {domain}
              </label>
            ))}
          </div>
          <FieldError field="secondaryDomains" message={errors.secondaryDomains} />
        </fieldset>
      </div>

      <p className="text-sm text-slate-600">
        Rate each axis on its own, with the rubric beside each choice (the same words as the public{' '}
        <Link to="/starter/rubric" className="text-blue-700 underline">
          How we rate difficulty
        </Link>{' '}
        page). Leave an axis <em>unrated</em> rather than guess.
      </p>
      {rubric.axes.map((axis) => (
        <StarsChoice
          key={axis.axis}
          axis={axis}
          name={axis.axis === 'language' ? 'languageStars' : 'domainStars'}
          value={axis.axis === 'language' ? values.languageStars : values.domainStars}
          error={axis.axis === 'language' ? errors.languageStars : errors.domainStars}
          languageName={languageName}
        />
      ))}

      <fieldset aria-invalid={invalid('size')} aria-describedby={errorId('size')}>
        <legend className="text-sm font-medium">Size</legend>
        <div className="mt-1 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
          {rubric.sizes.map((size) => (
            <label key={size.size} className="flex items-start gap-2 p-2">
              <input
                type="radio"
                name="size"
                value={size.size}
                defaultChecked={values.size === size.size}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{size.label}</span>
                <span className="block text-slate-600">{size.description}</span>
              </span>
            </label>
          ))}
          <label className="flex items-start gap-2 p-2">
            <input
              type="radio"
              name="size"
              value=""
              defaultChecked={!(PROJECT_SIZES as readonly string[]).includes(values.size)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">Unknown</span>
              <span className="block text-slate-600">{rubric.unknownSize}</span>
            </span>
          </label>
        </div>
        <FieldError field="size" message={errors.size} />
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          name="mentors"
          label="Mentors"
          hint={mentorsHint(viewerLogin)}
          value={values.mentors}
          error={errors.mentors}
          rows={3}
        />
        <label className="flex flex-col text-sm">
          <span className="font-medium">Mentor contact</span>
          <span className="text-xs text-slate-600">
            a chat room, mailing list or web address; shown to signed-in people only
          </span>
          <input
            type="text"
            name="mentorContact"
            defaultValue={values.mentorContact}
            maxLength={300}
            aria-invalid={errors.mentorContact ? true : undefined}
            className="mt-1 rounded border border-slate-300 px-2 py-1"
          />
          <FieldError field="mentorContact" message={errors.mentorContact} />
        </label>
        <TextField
          name="repos"
          label="Repositories"
          hint="owner/name, one per line"
          value={values.repos}
          error={errors.repos}
          rows={3}
        />
        <TextField
          name="relatedIssues"
          label="Related issues"
          hint="owner/name#number, one per line"
          value={values.relatedIssues}
          error={errors.relatedIssues}
          rows={3}
        />
        <div className="space-y-4">
          <TextField
            name="issue"
            label="Attached GitHub issue"
            hint="owner/name#number; its open/closed state then decides the project's"
            value={values.issue}
            error={errors.issue}
          />
          <label className="block text-sm">
            <span className="font-medium">Status</span>
            <select
              name="status"
              defaultValue={values.status}
              aria-invalid={invalid('status')}
              aria-describedby={errorId('status')}
              className={`${inputClass} bg-white`}
            >
              {PROJECT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
            <FieldError field="status" message={errors.status} />
          </label>
        </div>
      </div>

      <TextField
        name="readFirst"
        label="Read first"
        hint="skills and links to read before starting; markdown"
        value={values.readFirst}
        error={errors.readFirst}
        rows={4}
      />

      <div className="flex items-center gap-4">
        <button
          type="submit"
          className="rounded bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800"
        >
          {submitLabel}
        </button>
        <Link to={cancelTo} className="text-sm text-blue-700 underline">
          Cancel
        </Link>
      </div>
    </Form>
  )
}

function StarsChoice({
  axis,
  name,
  value,
  error,
  languageName,
}: {
  axis: RubricAxis
  name: string
  value: string
  error: string | undefined
  languageName: string
}) {
  const choices = [
    ...axis.levels.map((level) => ({
      value: String(level.stars),
      stars: level.stars,
      text: level.description,
      examples: level.examples,
    })),
    { value: 'unrated', stars: null, text: axis.unrated, examples: [] as string[] },
  ]
  const checked = choices.some((choice) => choice.value === value) ? value : 'unrated'
  return (
    <fieldset
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend className="text-sm font-medium">{axis.title}</legend>
      <p className="text-sm text-slate-600">{axis.measures}</p>
      <div className="mt-1 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
        {choices.map((choice) => (
          <label key={choice.value} className="flex items-start gap-2 p-2">
            <input
              type="radio"
              name={name}
              value={choice.value}
              defaultChecked={checked === choice.value}
              className="mt-1"
            />
            <span className="grid gap-1 sm:grid-cols-[9rem_1fr] sm:gap-3">
              <Stars axis={axis.axis} stars={choice.stars} languageName={languageName} />
              <span>
                {choice.text}
                {choice.examples.length > 0 ? (
                  <span className="block text-slate-500">e.g. {choice.examples.join('; ')}</span>
                ) : null}
              </span>
            </span>
          </label>
        ))}
      </div>
      <FieldError field={name} message={error} />
    </fieldset>
  )
}

/** A labelled text input, or a text area when given `rows`, with its hint and its error. */
function TextField({
  name,
  label,
  hint,
  value,
  error,
  required,
  maxLength,
  rows,
}: {
  name: string
  label: string
  hint?: string
  value: string
  error: string | undefined
  required?: boolean
  maxLength?: number
  rows?: number
}) {
  const control = {
    name,
    defaultValue: value,
    required,
    maxLength,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${name}-error` : undefined,
    className: inputClass,
  }
  return (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      {hint ? <span className="text-slate-500"> ({hint})</span> : null}
      {rows ? <textarea rows={rows} {...control} /> : <input {...control} />}
      <FieldError field={name} message={error} />
    </label>
  )
}
