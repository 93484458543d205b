import { Outlet } from '@remix-run/react'

import { useRootData } from '~/accounts/ui/account-menu'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SectionNav, type Section } from '~/components/section-nav'

const PUBLIC_SECTIONS: Section[] = [
  { to: '/starter', label: 'Find a project', end: true },
  { to: '/starter/rubric', label: 'How we rate difficulty' },
  { to: '/starter/supply', label: 'Supply' },
]

// The maintainers' tools; the pages check the role themselves, this only hides dead ends.
const MAINTAINER_SECTIONS: Section[] = [
  { to: '/starter/triage', label: 'Triage' },
  { to: '/starter/candidates', label: 'Candidates' },
  { to: '/starter/gaps', label: 'Gaps' },
  { to: '/starter/calibration', label: 'Calibration' },
  { to: '/starter/new', label: 'New project' },
]

export default function StarterLayoutRoute() {
  const isMaintainer = useRootData()?.user?.role === 'maintainer'
  return (
    <div>
      <SectionNav
        label="Starter projects"
        sections={isMaintainer ? [...PUBLIC_SECTIONS, ...MAINTAINER_SECTIONS] : PUBLIC_SECTIONS}
      />
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
