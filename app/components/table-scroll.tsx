import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * A table (or a block of code) wider than a phone scrolls inside its own box instead of the whole
 * page; the box is focusable so keyboard users can scroll it too. It is `relative` so that what is
 * positioned inside it (an `sr-only` header text) is clipped with the table, not placed against
 * the page, where it widened the whole page past the screen.
 *
 * A box cut at the screen's edge looked whole (a column wholly out of sight, nothing to say so):
 * the side with more to show is shaded (`scroll-shadows`, pure CSS, so in the server's HTML too),
 * and once the page runs, a line over the box says it scrolls, only while it does. What it holds
 * must be see-through (no background of its own) for the shade to show: give the box the colour
 * instead, `--scroll-cover` with it (the page's slate-50 unless told).
 */
export function TableScroll({
  children,
  className = '',
}: {
  children: ReactNode
  className?: string
}) {
  const boxRef = useRef<HTMLDivElement>(null)
  // Which way there is more to see: none while it all fits.
  const [more, setMore] = useState<'none' | 'right' | 'left'>('none')
  useEffect(() => {
    const box = boxRef.current
    if (!box || typeof ResizeObserver === 'undefined') return
    const measure = () =>
      setMore(
        box.scrollWidth <= box.clientWidth + 1
          ? 'none'
          : box.scrollLeft + box.clientWidth < box.scrollWidth - 1
            ? 'right'
            : 'left',
      )
    // The box narrows with the screen; what it holds widens with its rows.
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    for (const child of box.children) observer.observe(child)
    box.addEventListener('scroll', measure, { passive: true })
    return () => {
      observer.disconnect()
      box.removeEventListener('scroll', measure)
    }
  }, [])
  return (
    <>
      {more !== 'none' ? (
        // Said for the eyes: a screen reader reads the table cell by cell, whatever its width.
        <p aria-hidden="true" className="mt-2 text-right text-xs text-slate-600">
          {more === 'right' ? 'Scroll sideways for more →' : '← Scroll sideways for more'}
        </p>
      ) : null}
      <div
        ref={boxRef}
        className={`scroll-shadows relative max-w-full overflow-x-auto ${className}`}
        tabIndex={0}
      >
        {children}
      </div>
    </>
  )
}
