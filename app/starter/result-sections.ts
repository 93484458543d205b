// How one page of the finder's results is headed. The finder ranks every project that fits what
// the person told us before every one that does not (finder.ts, key 1), so a page is at most two
// runs: those that fit, then the rest. Each run gets its own heading, on every page of the cursor,
// so the boundary shows wherever it falls (a later page may start, or lie wholly, in the rest).

export type ResultSection<T> = {
  fits: boolean
  heading: string
  /** Said after the heading in brackets: why these are here, and how many. */
  note: string
  /** The list's accessible name. */
  label: string
  items: T[]
}

/** What a result needs for its section: whether it fits, and what is still unknown about it. */
type Sectioned = {
  fits: boolean
  languageStars: number | null
  domainStars: number | null
  size: string | null
}

/**
 * Whether the board cannot tell yet if a project fits: an axis unrated or its size unknown. Such
 * a project is among the rest, but "these don’t fit what you told us" would say what nobody knows.
 */
function isFitUnknown(item: Sectioned) {
  return item.languageStars === null || item.domainStars === null || item.size === null
}

function othersNote(others: readonly Sectioned[]) {
  const unknown = others.filter(isFitUnknown).length
  const why =
    unknown === 0
      ? 'these don’t fit what you told us'
      : unknown === others.length
        ? 'not rated yet, so nobody knows if they fit'
        : 'outside what you told us, or not rated yet'
  return `${why}; ${others.length} shown`
}

export function resultSections<T extends Sectioned>(
  items: T[],
  {
    isFirstPage,
    isUnratedOnly,
  }: {
    isFirstPage: boolean
    /** Only unrated projects were asked for: none can fit, and all are what was asked. */
    isUnratedOnly: boolean
  },
): ResultSection<T>[] {
  const forYou = (list: T[]): ResultSection<T> => ({
    fits: true,
    heading: 'Projects for you',
    note: list.length === 0 ? 'none yet' : `${list.length} shown`,
    label: 'Starter projects for you',
    items: list,
  })
  if (items.length === 0 || isUnratedOnly) return [forYou(items)]
  const fitting = items.filter((item) => item.fits)
  const others = items.filter((item) => !item.fits)
  const sections = fitting.length > 0 ? [forYou(fitting)] : []
  if (others.length > 0) {
    sections.push({
      fits: false,
      heading: 'Other open projects',
      note:
        isFirstPage && fitting.length === 0
          ? `none fits your background yet; ${others.length} shown`
          : othersNote(others),
      label: 'Other open starter projects',
      items: others,
    })
  }
  return sections
}
