import { DemoBadge } from '../../components/demo-badge'

/**
 * A mentor as the pages show them: a GitHub login links to the profile; a demo person's account
 * is nobody on GitHub, so it links nowhere and says it is a demo account.
 */
export function MentorName({
  mentor,
}: {
  mentor: { name: string; githubLogin: string | null; isDemo: boolean }
}) {
  if (mentor.isDemo) {
    return (
      <>
        {mentor.name}
        <DemoBadge>demo account</DemoBadge>
      </>
    )
  }
  if (!mentor.githubLogin) return <>{mentor.name}</>
  return (
    <a
      href={`https://github.com/${encodeURIComponent(mentor.githubLogin)}`}
      className="text-blue-700 underline"
      rel="noreferrer"
    >
      {mentor.name}
    </a>
  )
}
