/**
 * On /sync, for maintainers: what the last sweep had stored before GitHub stopped answering, and
 * what it did not reach, in `npm run sync`'s words (app/sync/sweep-report.ts). The public learns
 * only that the sweep failed.
 */
export function CutOffSweep({ report }: { report: readonly string[] }) {
  return (
    <div className="mt-1 text-slate-700">
      <p>Before GitHub stopped answering, it had done this:</p>
      {report.map((paragraph) => (
        <p key={paragraph} className="mt-1 whitespace-pre-line">
          {paragraph}
        </p>
      ))}
    </div>
  )
}
