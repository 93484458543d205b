import { EFFORT_STATUSES, STATUS_WORDS, type EffortStatus } from '../effort-status'

// An area of the roadmap shows a column only for a status it has efforts in; the statuses it has
// none in are named once, in a quiet line. A column of "None." for each read as an area with
// nothing in it, at every width (on a phone, a screen of empty blocks).

/** The statuses an area has efforts in, in the board's order, and those it has none in. */
export function areaStatuses(efforts: readonly { effort: { status: EffortStatus } }[]) {
  const has = (status: EffortStatus) => efforts.some((effort) => effort.effort.status === status)
  return {
    shown: EFFORT_STATUSES.filter(has),
    empty: EFFORT_STATUSES.filter((status) => !has(status)),
  }
}

/** "No effort done or dropped yet.", or null when the area has an effort in every status. */
export function noEffortLine(empty: readonly EffortStatus[]) {
  if (empty.length === 0) return null
  const words = empty.map((status) => STATUS_WORDS[status].toLowerCase())
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
  return `No effort ${list} yet.`
}
