import { Link } from '@remix-run/react'

/** A link to what one follows: an idea, a starter project or a roadmap area, by its name. */
export function SubjectLink({
  subject,
}: {
  subject: { subject_type: string; subject_id: number; title: string | null; link: string }
}) {
  return (
    <Link to={subject.link} className="text-blue-700 underline">
      {subject.title ?? `${subject.subject_type} ${subject.subject_id}`}
    </Link>
  )
}
