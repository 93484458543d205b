import { Form, useNavigation } from '@remix-run/react'

import type { RatingAxis } from '../../../db/schema'
import { axisName } from '../axes'
import { FEEDBACK_NOTE_MAX, TIME_TAKEN, TIME_TAKEN_LABELS } from '../claim-feedback'

import { Stars } from './stars'

// "How hard was it really?": the report a contributor gives once their claim has ended, shown
// (averaged) beside the maintainers' rating. claim.server.ts checks it again.

export type FeedbackResult = {
  /** The form the result answers; null when the submission was not understood at all. */
  intent: string | null
  fieldErrors?: Record<string, string>
  values?: Record<string, string>
}

export function FeedbackForm({
  claimId,
  primaryDomain,
  languageName,
  hints,
  result,
}: {
  claimId: number
  primaryDomain: string
  languageName: string
  /** What 1, 2 and 3 stars mean on each axis (the rubric). */
  hints: { language: string[]; domain: string[] }
  /** The page's last action result, if any: a refused report keeps its answers and errors. */
  result: FeedbackResult | undefined
}) {
  const navigation = useNavigation()
  const isOwnResult = result?.intent === null || result?.intent === 'feedback'
  const errors = isOwnResult ? result.fieldErrors : {}
  const values = isOwnResult ? (result.values ?? {}) : {}
  return (
    <Form
      method="post"
      className="mt-4 rounded border border-amber-300 bg-amber-50 p-4 text-sm"
      aria-labelledby="feedback-heading"
    >
      <h3 id="feedback-heading" className="font-semibold">
        How hard was it really?
      </h3>
      <p className="mt-1 text-slate-700">
        Your claim has ended. Tell us what you actually met: contributors’ reports are shown beside
        the maintainers’ rating, and drifting ratings get fixed.
      </p>
      <input type="hidden" name="claimId" value={claimId} />
      <StarChoice
        name="languageStars"
        axis="language"
        legend={`${axisName('language', languageName)} you met`}
        hints={hints.language}
        languageName={languageName}
        error={errors?.languageStars}
        value={values.languageStars}
      />
      <StarChoice
        name="domainStars"
        axis="domain"
        legend={`${axisName('domain', languageName)} you met (${primaryDomain})`}
        hints={hints.domain}
        languageName={languageName}
        error={errors?.domainStars}
        value={values.domainStars}
      />
      <fieldset className="mt-3">
        <legend className="font-medium">Time it took</legend>
        <div className="mt-1 flex flex-wrap gap-x-4">
          {TIME_TAKEN.map((value) => (
            <label key={value} className="flex items-center gap-1">
              <input
                type="radio"
                name="timeTaken"
                value={value}
                defaultChecked={values.timeTaken === value}
                required
              />
              {TIME_TAKEN_LABELS[value]}
            </label>
          ))}
        </div>
        {errors?.timeTaken ? <p className="text-red-700">Time taken: {errors.timeTaken}</p> : null}
      </fieldset>
      <label className="mt-3 flex flex-col">
        <span className="font-medium">A short note (optional)</span>
        <textarea
          name="note"
          defaultValue={values.note ?? ''}
          rows={3}
          maxLength={FEEDBACK_NOTE_MAX}
          className="mt-1 rounded border border-slate-300 bg-white px-2 py-1"
        />
        {errors?.note ? <span className="text-red-700">Note: {errors.note}</span> : null}
      </label>
      <button
        type="submit"
        name="intent"
        value="feedback"
        disabled={navigation.state === 'submitting'}
        className="mt-3 rounded bg-blue-700 px-3 py-1.5 font-semibold text-white hover:bg-blue-800"
      >
        Send my report
      </button>
    </Form>
  )
}

function StarChoice({
  name,
  axis,
  legend,
  hints,
  error,
  value,
  languageName,
}: {
  name: string
  axis: RatingAxis
  legend: string
  hints: string[]
  error: string | undefined
  value: string | undefined
  languageName: string
}) {
  return (
    <fieldset className="mt-3">
      <legend className="font-medium">{legend}</legend>
      <div className="mt-1 space-y-1">
        {([1, 2, 3] as const).map((stars) => (
          <label key={stars} className="flex items-start gap-2">
            <input
              type="radio"
              name={name}
              value={stars}
              defaultChecked={value === String(stars)}
              required
              className="mt-1"
            />
            <span>
              <Stars axis={axis} stars={stars} languageName={languageName} />{' '}
              <span className="text-slate-600">{hints[stars - 1]}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? <p className="text-red-700">{error}</p> : null}
    </fieldset>
  )
}
