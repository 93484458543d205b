import { Outlet } from '@remix-run/react'

import { useRootData } from '~/accounts/ui/account-menu'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SectionNav } from '~/components/section-nav'
import { starterSections } from '~/starter/ui/starter-sections'

export default function StarterLayoutRoute() {
  const isMaintainer = useRootData()?.user?.role === 'maintainer'
  return (
    <div>
      <SectionNav label="Starter projects" sections={starterSections({ isMaintainer })} />
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
