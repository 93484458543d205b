import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'

import { requireMaintainer } from '~/accounts/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SectionNav, type Section } from '~/components/section-nav'

// Label write-back is the maintainers' part of the board: the plan, the outbox's log, the scheme.
const SECTIONS: Section[] = [
  { to: '/labels', label: 'Plan', end: true },
  { to: '/labels/log', label: 'Log' },
  { to: '/labels/scheme', label: 'Scheme' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMaintainer(request)
  return json({})
}

export default function LabelsLayoutRoute() {
  return (
    <div>
      <SectionNav label="Labels" sections={SECTIONS} />
      <Outlet />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
