import { NavLink } from '@remix-run/react'

export type Section = { to: string; label: string; end?: boolean }

/** The tabs under a part of the board (starter projects, roadmap), each a thumb tall (40 px). */
export function SectionNav({ label, sections }: { label: string; sections: Section[] }) {
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul className="flex flex-wrap gap-x-5 text-sm">
        {sections.map((section) => (
          <li key={section.to}>
            <NavLink
              to={section.to}
              end={section.end}
              className={({ isActive }) =>
                `-mb-px inline-flex min-h-10 items-end whitespace-nowrap border-b-2 pb-2 ${isActive ? 'border-blue-700 font-semibold text-blue-700' : 'border-transparent text-slate-700 hover:text-blue-700'}`
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
