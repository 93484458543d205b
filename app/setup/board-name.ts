import { listInWords } from '../utils/format'

/**
 * Whose board this is, as the header, every page's title and the home page name it: BOARD_NAME when set,
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

/** The page title with the community's name, when there is one: "Issues · Pioneer Board · mirage". */
export function titleWithBoardName(title: string, boardName: string | null | undefined) {
  return boardName ? `${title} · ${boardName}` : title
}

/**
 * A page's title for its route's `meta`, ending with the community's name as the home page's
 * does, so a tab or the history says whose board it is. The name is the one the root loader read
 * for the header, found among `matches`: no page loads it again. The demo names none, so its
 * titles keep their words.
 */
export function pageTitle(title: string, matches: readonly { id: string; data?: unknown }[]) {
  const root = matches.find((match) => match.id === 'root')?.data
  const boardName =
    typeof root === 'object' && root !== null && 'boardName' in root ? root.boardName : null
  return titleWithBoardName(title, typeof boardName === 'string' ? boardName : null)
}
