import { useEffect, useRef, type ReactNode } from 'react'

import type { FilterProblem } from '~/utils/parameter-problem'

// The one banner of the board's pages: what an action did, what went wrong, what to know first.
// Errors are alerts (read out at once by screen readers); the other tones are polite statuses.

export type NoticeTone = 'success' | 'error' | 'warning' | 'info'

const TONE_CLASSES: Record<NoticeTone, string> = {
  success: 'border-green-300 bg-green-50',
  error: 'border-red-300 bg-red-50',
  warning: 'border-amber-300 bg-amber-50',
  info: 'border-blue-200 bg-blue-50',
}

export function Notice({
  tone,
  children,
  className = 'mt-3',
  as: Tag = 'p',
}: {
  tone: NoticeTone
  children: ReactNode
  className?: string
  /** `div` when the notice holds blocks (lists, paragraphs). */
  as?: 'p' | 'div'
}) {
  return (
    <Tag
      role={tone === 'error' ? 'alert' : 'status'}
      className={`${className} rounded border p-2 text-sm ${TONE_CLASSES[tone]}`}
    >
      {children}
    </Tag>
  )
}

/** The query parameters a page could not use, each with what was wrong and what it accepts. */
export function IgnoredParameters({
  heading,
  problems,
  className,
}: {
  heading: string
  problems: FilterProblem[]
  className?: string
}) {
  if (problems.length === 0) return null
  return (
    <Notice tone="warning" as="div" className={className}>
      <p className="font-semibold">{heading}</p>
      <ul className="mt-1 list-disc pl-5">
        {problems.map((problem, index) => (
          <li key={index}>
            <code>{problem.parameter}</code>: {problem.message} (expected {problem.allowed})
          </li>
        ))}
      </ul>
    </Notice>
  )
}

/**
 * Holds a form's answer, brought into view each time `answer` changes: the banner sits at the top
 * of its page or form, which may be far above the button that was pressed (on a phone, a report
 * form's button is screens below the page's notice, and the answer stayed out of sight).
 */
export function InView({ answer, children }: { answer: unknown; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    // Only when the answer is not already on screen, so a page that shows it at its top stays put.
    ref.current?.scrollIntoView({ block: 'nearest' })
  }, [answer])
  return (
    <div ref={ref} className="scroll-my-4">
      {children}
    </div>
  )
}
