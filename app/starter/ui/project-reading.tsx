import { READING_WHILE_WORKING } from '../next-step'

// A project's reading guide ("Read first" on the tagging form). Someone choosing a project is
// told to read it, or where to ask, before she starts; whoever works on it has started, so she
// sees it as her reading, and where to turn when stuck, never "before you start".

export function ProjectReading({
  readFirstHtml,
  isWorkingOnIt,
  ask,
  className = 'mt-6',
}: {
  /** The guide rendered from markdown, or null when none is listed. */
  readFirstHtml: string | null
  /** The viewer holds a running claim on the project. */
  isWorkingOnIt: boolean
  /** Where to ask (`askBeforeStarting`, or `askWhileWorking` for her), or null. */
  ask: string | null
  className?: string
}) {
  return (
    <section aria-labelledby="read-first-heading" className={className}>
      <h2 id="read-first-heading" className="font-semibold">
        {isWorkingOnIt ? READING_WHILE_WORKING : 'Read first'}
      </h2>
      {readFirstHtml ? (
        <div
          className="markdown-body mt-2 rounded border border-slate-200 bg-white p-4"
          dangerouslySetInnerHTML={{ __html: readFirstHtml }}
        />
      ) : (
        <p className="mt-1 text-sm text-slate-500">
          {isWorkingOnIt
            ? 'Nothing listed yet: the summary above explains the project.'
            : 'Nothing listed yet.'}
          {ask ? ` ${ask}` : ''}
        </p>
      )}
    </section>
  )
}
