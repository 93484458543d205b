import type { ReactNode } from 'react'

/**
 * A table wider than a phone scrolls inside its own box instead of the whole page; the box is
 * focusable so keyboard users can scroll it too. It is `relative` so that what is positioned
 * inside it (an `sr-only` header text) is clipped with the table, not placed against the page,
 * where it widened the whole page past the screen.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
      {children}
    </div>
  )
}
