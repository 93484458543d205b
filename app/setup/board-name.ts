import { listInWords } from '../utils/format'

/**
 * Whose board this is, as the header and the home page (and its title) name it: BOARD_NAME when set,
 * else the GitHub owners of what it mirrors ("mirage", "mirage and robur"), so a board set up
 * without it still names its community. Null when there is nothing to name (nothing mirrored
 * yet, nothing named in BOARD_REPOS).
 */
export function boardNameOf({ setting, owners }: { setting?: string; owners: readonly string[] }) {
  if (setting) return setting
  // GitHub's names ignore case: "Mirage/a" and "mirage/b" are one owner, named as first written.
  const distinct = owners.filter(
    (owner, index) =>
      owners.findIndex((other) => other.toLowerCase() === owner.toLowerCase()) === index,
  )
  if (distinct.length === 0) return null
  // A header has room for a few names, not a whole list of organisations.
  return distinct.length <= 3
    ? listInWords(distinct)
    : `${distinct.slice(0, 2).join(', ')} and ${distinct.length - 2} more`
}

/** The page title with the community's name, when there is one: "Pioneer Board · mirage". */
export function titleWithBoardName(title: string, boardName: string | null | undefined) {
  return boardName ? `${title} · ${boardName}` : title
}
