import { Outlet } from '@remix-run/react'

import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SectionNav, type Section } from '~/components/section-nav'

// The two stages side by side but apart: the roadmap and its ideas, rounds and process. "Rounds",
// the page's heading says "Prioritisation rounds": the long name cut "How we plan" to "How we" at
// 375 px, with no hint that the row scrolls.
const SECTIONS: Section[] = [
  { to: '/roadmap', label: 'Roadmap', end: true },
  { to: '/roadmap/ideas', label: 'Ideas' },
  { to: '/roadmap/rounds', label: 'Rounds' },
  { to: '/roadmap/how-we-plan', label: 'How we plan', end: true },
]

export default function RoadmapLayoutRoute() {
  return (
    <div>
      <SectionNav label="Roadmap" sections={SECTIONS} />
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
