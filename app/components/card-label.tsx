import type { ReactNode } from 'react'

/**
 * A cell's column header, said in the cell of a table that is a card per row below sm: (a
 * phone), where the table's header row is hidden: each figure stays named. Gone from sm: up,
 * where the header is back. Used by /sync and the starter calibration's abandonment table.
 */
export function CardLabel({ children }: { children: ReactNode }) {
  return <span className="mr-1 text-xs font-medium text-slate-600 sm:hidden">{children}</span>
}
