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

/**
 * What "or later" means, said on the page once: the tooltip above is out of reach on a phone, and
 * without it "updated 26 May 2024 or later" reads as a riddle.
 */
export function OrLaterNote() {
  return (
    <p className="mt-1 text-sm text-slate-600" data-testid="or-later-note">
      A date followed by “or later”: the demo’s source records no times of activity, so the item may
      have changed since; that is the latest date it shows.
    </p>
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
