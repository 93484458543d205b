import type { ReactNode } from 'react'

/**
 * A table wider than a phone scrolls inside its own box instead of the whole page; the box is
 * focusable so keyboard users can scroll it too.
 */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    <div className="max-w-full overflow-x-auto" tabIndex={0}>
      {children}
    </div>
  )
}
