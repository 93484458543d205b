import { Form, Link } from '@remix-run/react'
import { useState } from 'react'

import type { ActionResult } from '~/roadmap/actions.server'
import { parseDateInput, roundNameForOpening } from '~/roadmap/dates'
import { DOT_BUDGET_MAX, SHORTLIST_MIN } from '~/roadmap/limits'
import { plusOnesText } from '~/roadmap/plus-ones'
import { formatDate } from '~/utils/format'

import type { Deferral } from '../deferred-in.server'

import { Card } from './card'
import { DateField } from './date-field'
import { DeferredIn } from './deferred-in'
import { FormResult } from './form-result'
import { buttonClass, inputClass } from './form-styles'

// A maintainer opens a round (or the one proposed when the last closed): its name, dates, dot
// budget and a shortlist picked from the ideas in ideation, grouped by area. A refused form comes
// back with what was typed, the reason beside the button and the dates it names marked. The
// button says what it will do with the opening day picked (open now, or schedule for that day),
// and a blank name which name the round will get: both as served, and as the day changes.

/**
 * The open-round button's words for the "Opens on" text: a day still to come schedules the round
 * (voting starts that day, midnight UTC), today or a day past opens it at once.
 */
export function openRoundButtonText(opensOn: string, now: Date) {
  const opensAt = parseDateInput(opensOn)
  if (!opensAt) return 'Open the round'
  return opensAt > now ? `Schedule the round for ${formatDate(opensAt)}` : 'Open the round now'
}

/** What a blank name stands for, said under the field: the name `openRound` will give. */
export function blankNameHelp(opensOn: string, takenNames: readonly string[]) {
  const opensAt = parseDateInput(opensOn)
  return opensAt
    ? `Empty: named after its opening day, “${roundNameForOpening(opensAt, takenNames)}”.`
    : 'Empty: named after its opening day.'
}

/** Under the dots field: where the number it starts with comes from, and what 0 means. */
export function dotsHelp(defaults: { dotBudget: number; dotsFrom: string | null }) {
  if (defaults.dotsFrom === null) return '0: no temperature check.'
  return `${defaults.dotBudget}, as in ${defaults.dotsFrom}, this target’s last round. 0: no temperature check.`
}

export function OpenRoundForm({
  targetId,
  targetSlug,
  hasAreas = true,
  proposed,
  openIdeas,
  defaults,
  now,
  takenNames,
  failed,
}: {
  targetId: number
  /** Its ideas page, where a shortlist too short to open grows. */
  targetSlug: string
  /** Whether the target has areas of focus: without one no idea can be proposed yet. */
  hasAreas?: boolean
  /** The round proposed when the previous one closed, opened instead of a new one. */
  proposed: { id: number } | undefined
  openIdeas: {
    id: number
    title: string
    plus_one_count: number
    demo_plus_one_count: number
    area_name: string
    deferred_in: Deferral | null
  }[]
  /** From openRoundDefaults (app/roadmap/forms.ts), the proposed round's where there is one. */
  defaults: {
    name: string
    opensOn: string
    closesOn: string
    dotBudget: number
    /** The round whose dots `dotBudget` is, the target's last one opened; null for none. */
    dotsFrom: string | null
  }
  /** The loader's clock: whether the day picked is still to come. */
  now: string
  /** The names of the target's other rounds, which a blank name does not take (roundNameForOpening). */
  takenNames: readonly string[]
  /** The refused submission of this form, if that is what the action answered. */
  failed: ActionResult | undefined
}) {
  // openRound refuses a shortlist of fewer ideas (a ranking of one decides nothing), and only
  // ideas in ideation can be shortlisted: with too few, say so instead of a button that fails.
  if (openIdeas.length < SHORTLIST_MIN) {
    return (
      <Card className="mt-2">
        <p className="text-sm text-slate-700">
          A round ranks a shortlist of at least {SHORTLIST_MIN} ideas in ideation, and{' '}
          {openIdeas.length === 0
            ? 'there are none yet'
            : `there ${openIdeas.length === 1 ? 'is' : 'are'} only ${openIdeas.length} so far`}
          .{' '}
          {hasAreas
            ? 'Once there are more on the '
            : 'Ideas are proposed in areas of focus: add the first one below, then ideas on the '}
          <Link to={`/roadmap/ideas?target=${targetSlug}`} className="text-blue-700 underline">
            ideas page
          </Link>
          {hasAreas ? ', a round can open here' : ''}.
        </p>
      </Card>
    )
  }
  return (
    <ShortlistedForm {...{ targetId, proposed, openIdeas, defaults, now, takenNames, failed }} />
  )
}

function ShortlistedForm({
  targetId,
  proposed,
  openIdeas,
  defaults,
  now,
  takenNames,
  failed,
}: Omit<Parameters<typeof OpenRoundForm>[0], 'targetSlug' | 'hasAreas'>) {
  const initialOpensOn = (failed ? failed.fields?.opensOn : defaults.opensOn) ?? ''
  const [opensOn, setOpensOn] = useState(initialOpensOn)
  const areaNames = [...new Set(openIdeas.map((idea) => idea.area_name))]
  return (
    <Card className="mt-2">
      <Form method="post" className="space-y-3">
        <input type="hidden" name="releaseTargetId" value={targetId} />
        {proposed ? <input type="hidden" name="proposedRoundId" value={proposed.id} /> : null}
        <div className="flex flex-wrap gap-3">
          <div className="flex flex-col text-sm">
            <label className="flex flex-col">
              <span className="font-medium">Round name</span>
              <input
                name="name"
                maxLength={80}
                defaultValue={failed ? failed.fields?.name : defaults.name}
                aria-describedby="name-help"
                className={inputClass}
              />
            </label>
            <span id="name-help" className="mt-1 max-w-64 text-xs text-slate-500">
              {blankNameHelp(opensOn, takenNames)}
            </span>
          </div>
          <DateField
            name="opensOn"
            label="Opens on"
            required
            defaultValue={initialOpensOn}
            error={failed?.fieldErrors?.opensOn}
            onValueChange={setOpensOn}
          />
          <DateField
            name="closesOn"
            label="Closes on"
            defaultValue={failed ? failed.fields?.closesOn : defaults.closesOn}
            help="Empty: one month after opening."
            error={failed?.fieldErrors?.closesOn}
          />
          <label className="flex flex-col text-sm">
            <span className="font-medium">Dot votes per maintainer</span>
            <input
              name="dotBudget"
              type="number"
              min={0}
              max={DOT_BUDGET_MAX}
              defaultValue={failed ? failed.fields?.dotBudget : defaults.dotBudget}
              aria-describedby="dots-help"
              className={`${inputClass} w-24`}
            />
            <span id="dots-help" className="mt-1 max-w-64 text-xs text-slate-500">
              {dotsHelp(defaults)}
            </span>
          </label>
        </div>
        <fieldset>
          <legend className="text-sm font-medium">
            Shortlist (ideas in ideation, by area, most +1 first)
          </legend>
          {areaNames.map((areaName) => (
            <div key={areaName} className="mt-2">
              <p className="text-sm font-semibold text-slate-700">{areaName}</p>
              <ul className="text-sm">
                {openIdeas
                  .filter((idea) => idea.area_name === areaName)
                  .map((idea) => (
                    <li key={idea.id}>
                      <label className="flex items-baseline gap-2">
                        <input type="checkbox" name="shortlist" value={idea.id} />
                        <span>
                          {idea.title}{' '}
                          <span className="text-slate-500">
                            (idea {idea.id},{' '}
                            {plusOnesText(idea.plus_one_count, idea.demo_plus_one_count)})
                          </span>
                          <DeferredIn deferral={idea.deferred_in} />
                        </span>
                      </label>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </fieldset>
        <FormResult result={failed} />
        <button type="submit" name="intent" value="open-round" className={buttonClass}>
          {openRoundButtonText(opensOn, new Date(now))}
        </button>
      </Form>
    </Card>
  )
}
