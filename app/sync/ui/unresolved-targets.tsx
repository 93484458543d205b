import { formatDateTime } from '~/utils/format'

/**
 * What the last sweep could not find among its targets (a BOARD_REPOS typo, a repository the
 * token cannot see, a GitHub it could not reach): nothing of it is mirrored, so it has no row in
 * the table below to show it. The advice follows the cause: a target GitHub never answered for
 * is no sign that BOARD_REPOS or the token is wrong. When the last sweep failed, the list is the
 * last one that ran through (`olderSweepAt`, when it finished): said so, it is not mistaken for
 * the failed sweep's, whose own report is above it.
 */
export function UnresolvedTargets({
  unresolved,
  olderSweepAt = null,
}: {
  unresolved: readonly { target: string; error: string; isUnreachable: boolean }[]
  olderSweepAt?: string | Date | null
}) {
  if (unresolved.length === 0) return null
  const isAnyUnreachable = unresolved.some((entry) => entry.isUnreachable)
  const isAnyMissing = unresolved.some((entry) => !entry.isUnreachable)
  return (
    <div role="alert" className="mt-2 text-sm text-red-700">
      <p>
        {olderSweepAt
          ? `The last sweep that ran through (${formatDateTime(olderSweepAt)})`
          : 'The last sweep'}{' '}
        could not mirror {unresolved.length === 1 ? 'this target' : 'these targets'} (
        {isAnyUnreachable ? (
          <>
            GitHub could not be reached: check <code>GITHUB_API_URL</code> and this machine’s
            network
          </>
        ) : null}
        {isAnyUnreachable && isAnyMissing ? '; ' : null}
        {isAnyMissing ? (
          <>
            check <code>BOARD_REPOS</code> and what the board may read on GitHub (the token’s
            access, or the app’s installations)
          </>
        ) : null}
        ):
      </p>
      <ul className="ml-5 list-disc">
        {unresolved.map((entry) => (
          <li key={entry.target}>
            {entry.target}: {entry.error}
          </li>
        ))}
      </ul>
    </div>
  )
}
