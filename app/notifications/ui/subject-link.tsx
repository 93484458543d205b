import { Link } from '@remix-run/react'

/** A link to what one follows: an idea or a starter project, by its title. */
export function SubjectLink({
  subject,
}: {
  subject: { subject_type: 'idea' | 'project'; subject_id: number; title: string | null }
}) {
  return (
    <Link
      to={
        subject.subject_type === 'idea'
          ? `/roadmap/ideas/${subject.subject_id}`
          : `/starter/${subject.subject_id}`
      }
      className="text-blue-700 underline"
    >
      {subject.title ?? `${subject.subject_type} ${subject.subject_id}`}
    </Link>
  )
}
