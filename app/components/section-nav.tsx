import { NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

export type Section = { to: string; label: string; end?: boolean }

/**
 * The tabs under a part of the board (starter projects, roadmap), each a thumb tall (40 px). One
 * row that scrolls sideways when it is wider than the screen (a maintainer's eight starter tabs on
 * a phone), rather than wrapping a lone tab onto a row of its own. Closer on a phone, so the three
 * tabs everyone sees fit whole at 375 px: a last tab cut mid-word ("Suppl") gave no hint of the
 * scroll.
 */
export function SectionNav({ label, sections }: { label: string; sections: Section[] }) {
  const listRef = useRef<HTMLUListElement>(null)
  const { pathname } = useLocation()
  // On a phone the current tab may be past the right edge: bring it into sight, the row only.
  useEffect(() => {
    const list = listRef.current
    const current = list?.querySelector<HTMLElement>('[aria-current="page"]')
    if (!list || !current) return
    const start = current.offsetLeft
    const end = start + current.offsetWidth
    if (start < list.scrollLeft || end > list.scrollLeft + list.clientWidth) {
      list.scrollLeft = start - (list.clientWidth - current.offsetWidth) / 2
    }
  }, [pathname])
  return (
    <nav aria-label={label} className="mb-6">
      {/* The underline is an inset shadow, not the nav's border under a -1px margin: a scrolling
          row clips what overflows it, the current tab's own border and the focus ring included
          (hence the ring drawn inside the tab). */}
      <ul
        ref={listRef}
        className="relative flex gap-x-3 overflow-x-auto sm:gap-x-5 text-sm shadow-[inset_0_-1px_0_theme(colors.slate.200)] [scrollbar-width:thin]"
      >
        {sections.map((section) => (
          <li key={section.to} className="shrink-0">
            <NavLink
              to={section.to}
              end={section.end}
              className={({ isActive }) =>
                `inline-flex min-h-10 items-end whitespace-nowrap border-b-2 pb-2 focus-visible:ring-inset focus-visible:ring-offset-0 ${isActive ? 'border-blue-700 font-semibold text-blue-700' : 'border-transparent text-slate-700 hover:text-blue-700'}`
              }
            >
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
