/**
 * What the last sweep could not find among its targets (a BOARD_REPOS typo, a repository the
 * token cannot see): nothing of it is mirrored, so it has no row in the table below to show it.
 */
export function UnresolvedTargets({
  unresolved,
}: {
  unresolved: readonly { target: string; error: string }[]
}) {
  if (unresolved.length === 0) return null
  return (
    <div role="alert" className="mt-2 text-sm text-red-700">
      <p>
        The last sweep could not mirror {unresolved.length === 1 ? 'this target' : 'these targets'}{' '}
        (check <code>BOARD_REPOS</code> and the token’s access):
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
