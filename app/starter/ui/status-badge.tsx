// A project's status as people see it (open, claimed, done, inactive), in words and colour.

const COLOURS: Record<string, string> = {
  open: 'bg-green-100 text-green-800',
  // Outlined indigo, not amber: amber fill is the demo badge's ("demo claim" sits right below).
  claimed: 'bg-white text-indigo-900 ring-1 ring-inset ring-indigo-700',
  done: 'bg-purple-100 text-purple-800',
  inactive: 'bg-slate-200 text-slate-700',
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${COLOURS[status] ?? COLOURS.inactive}`}
    >
      {status}
    </span>
  )
}
