// How one page of the finder's results is headed. The finder ranks every project that fits what
// the person told us before every one that does not (finder.ts, key 1), so a page is at most two
// runs: those that fit, then the rest. Each run gets its own heading, on every page of the cursor,
// so the boundary shows wherever it falls (a later page may start, or lie wholly, in the rest).
// A step up (the link after a finished project, finder.ts `stepUpFrom`) splits those that fit in
// two runs: the ones harder than her last project, then the easier ones, each headed to say why.

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
  /** Fits, but no harder than the project she stepped up from (only with a step up). */
  isEasier: boolean
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
    stepUpFrom = null,
    isBackgroundChosen = true,
  }: {
    isFirstPage: boolean
    /** Only unrated projects were asked for: none can fit, and all are what was asked. */
    isUnratedOnly: boolean
    /** The language stars of the project she stepped up from, when she came by the step up. */
    stepUpFrom?: number | null
    /**
     * Whether she has told us her background. Before that, those that fit the default one (new
     * to the language, no domain) are the easiest rated: "for you" would claim a choice she has
     * not made.
     */
    isBackgroundChosen?: boolean
  },
): ResultSection<T>[] {
  // Only unrated projects asked for are what was asked, not the easiest.
  const forYou = (list: T[]): ResultSection<T> =>
    isBackgroundChosen || isUnratedOnly
      ? {
          fits: true,
          heading: 'Projects for you',
          note: list.length === 0 ? 'none yet' : `${list.length} shown`,
          label: 'Starter projects for you',
          items: list,
        }
      : {
          fits: true,
          heading: 'The easiest projects',
          note: `tell us your background to see those for you; ${list.length === 0 ? 'none yet' : `${list.length} shown`}`,
          label: 'The easiest starter projects',
          items: list,
        }
  if (items.length === 0 || isUnratedOnly) return [forYou(items)]
  const fitting = items.filter((item) => item.fits)
  const others = items.filter((item) => !item.fits)
  const stepUp = fitting.filter((item) => !item.isEasier)
  const easier = fitting.filter((item) => item.isEasier)
  const sections: ResultSection<T>[] = []
  if (stepUpFrom === null) {
    if (fitting.length > 0) sections.push(forYou(fitting))
  } else {
    if (stepUp.length > 0) {
      sections.push({
        fits: true,
        heading: 'A step up from your last project',
        note: `harder than its ${stepUpFrom}★, within what you told us; ${stepUp.length} shown`,
        label: 'Starter projects a step up from your last one',
        items: stepUp,
      })
    }
    if (easier.length > 0) {
      sections.push({
        fits: true,
        heading: 'Easier ones',
        note:
          isFirstPage && stepUp.length === 0
            ? `nothing a step up fits you yet; these are no harder than your last project; ${easier.length} shown`
            : `they fit you, but are no harder than your last project; ${easier.length} shown`,
        label: 'Easier starter projects',
        items: easier,
      })
    }
  }
  if (others.length > 0) {
    sections.push({
      fits: false,
      heading: 'Other projects',
      note:
        isFirstPage && fitting.length === 0 && isBackgroundChosen
          ? `none fits your background yet; ${others.length} shown`
          : othersNote(others),
      label: 'Other starter projects',
      items: others,
    })
  }
  return sections
}
