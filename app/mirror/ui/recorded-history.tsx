import { formatDate } from '~/utils/format'

/**
 * When an item last changed. Where the source records no times of activity (the MirageOS demo's
 * summary: `repository.history_recorded` false) the stored time is only the latest date it shows,
 * so it reads "or later" rather than passing for a fact.
 */
export function ActivityTime({ at, recorded }: { at: string; recorded: boolean }) {
  if (recorded) return <time dateTime={at}>{formatDate(at)}</time>
  return (
    <span title="The demo's source records no times of activity: this is the latest date it shows.">
      <time dateTime={at}>{formatDate(at)}</time> or later
    </span>
  )
}

/** A count the source does not record (the demo's comments and reactions), instead of its 0. */
export function NotRecorded() {
  return (
    <span className="text-slate-500" title="The demo's source records no comments or reactions.">
      not recorded
    </span>
  )
}
