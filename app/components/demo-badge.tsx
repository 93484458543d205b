// The marker on a demo person's action (a rating, a claim) wherever it is shown: the demo may
// show the product working, but never as something the community did (docs/decisions/012).

export function DemoBadge({ children }: { children: string }) {
  return <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">{children}</span>
}
