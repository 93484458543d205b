import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { personName } from '../../accounts/person'
import { DemoBadge } from '../../components/demo-badge'
import { countOf, formatDate } from '../../utils/format'
import type { MentoredProject } from '../claim-answer.server'
import { demoReportsNote } from '../claim-feedback'

import { StatusBadge } from './status-badge'

// My work's "Projects you mentor": who works on each now, answered or not, and how many reports
// wait on the project page, where the mentor reads them (ui/claim-history.tsx).

export function MentoredProjects({ projects }: { projects: SerializeFrom<MentoredProject>[] }) {
  if (projects.length === 0) return null
  return (
    <section aria-labelledby="mentored-heading" className="mt-6">
      <h2 id="mentored-heading" className="text-lg font-semibold">
        Projects you mentor
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Who is working on each now, and the reports contributors sent when they finished or stopped
        (read them on the project’s page).
      </p>
      <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white text-sm">
        {projects.map((project) => (
          <li key={project.id} className="p-3">
            <Link to={`/starter/${project.id}`} className="text-blue-700 underline">
              {project.title}
            </Link>{' '}
            <StatusBadge status={project.status} />
            {project.claims.length === 0 ? (
              <p className="mt-1 text-slate-600">Nobody is working on it now.</p>
            ) : (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {project.claims.map((claim) => (
                  <li key={claim.id}>
                    {personName({ login: claim.login, isDemo: claim.is_demo })}, since{' '}
                    {formatDate(claim.claimed_at)}:{' '}
                    {claim.first_answer
                      ? `answered ${formatDate(claim.first_answer.at)}`
                      : 'nobody has answered yet'}
                    {claim.first_answer?.is_demo ? <DemoBadge>demo answer</DemoBadge> : null}
                    {claim.is_demo ? <DemoBadge>demo claim</DemoBadge> : null}
                  </li>
                ))}
              </ul>
            )}
            {project.reports > 0 ? (
              <p className="mt-1 text-slate-600">
                <Link
                  to={`/starter/${project.id}#claim-history-heading`}
                  className="text-blue-700 underline"
                >
                  {countOf(project.reports, 'report')}
                </Link>
                {demoReportsNote({ reports: project.reports, demoReports: project.demo_reports })}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
