import { personName } from '~/accounts/person'
import { DemoBadge } from '~/components/demo-badge'
import { formatDate } from '~/utils/format'

// How an idea is named on every roadmap page: its title (quoted when verbatim) and who it came
// from.

/** A verbatim idea is a quotation of what was said, and looks like one. */
export function IdeaTitle({ title, isVerbatim }: { title: string; isVerbatim: boolean }) {
  return isVerbatim ? (
    <q className="italic" title="Quoted verbatim">
      {title}
    </q>
  ) : (
    <>{title}</>
  )
}

/**
 * What a quoted, italic title means, said once above or under a list that holds one: the style
 * alone says nothing, and the title's tooltip is never shown on a phone.
 */
export function VerbatimLegend() {
  return (
    <p className="mt-1 text-sm text-slate-600" data-testid="verbatim-legend">
      A title <q className="italic">in quotation marks and italics</q> is quoted verbatim: the words
      as they were said or written where the idea came from, not reworded as an idea.
    </p>
  )
}

/**
 * Who an idea came from: its attribution ("call attendees") or the account that proposed it. A
 * demo person's proposal is a demo action and says so, as her comments and +1s do (decision 012).
 */
export function Attribution({
  attribution,
  author,
  authorIsDemo,
  date,
}: {
  attribution: string | null
  /** The proposing account's login; a demo person goes by her demo name, as on every page. */
  author: string | null
  authorIsDemo: boolean
  date: string
}) {
  const who = author === null ? null : personName({ login: author, isDemo: authorIsDemo })
  return (
    <span>
      {attribution ?? who ?? 'unknown'} · <time dateTime={date}>{formatDate(date)}</time>
      {attribution === null && who !== null && authorIsDemo ? (
        <DemoBadge>a demo action</DemoBadge>
      ) : null}
    </span>
  )
}
