import type { ReactNode } from 'react'

import { inputClass } from './form-styles'

// One shortlisted idea's row in a round's vote forms (ballot ranks, dots): a hidden `idea` field
// beside each select, so the action pairs every value with its idea, in order.

export function ShortlistedIdeaSelect({
  idea,
  name,
  ariaLabel,
  defaultValue,
  children,
}: {
  idea: { id: number; title: string }
  name: 'rank' | 'dots'
  ariaLabel?: string
  defaultValue: string | number
  /** The select's options. */
  children: ReactNode
}) {
  return (
    <div className="flex items-center gap-3">
      <input type="hidden" name="idea" value={idea.id} />
      <label htmlFor={`${name}-${idea.id}`} className="flex-1 text-sm">
        {idea.title}
      </label>
      <select
        id={`${name}-${idea.id}`}
        name={name}
        aria-label={ariaLabel}
        defaultValue={defaultValue}
        className={inputClass}
      >
        {children}
      </select>
    </div>
  )
}
