import type { RatingAxis, Stars as StarCount } from '../../../db/schema'
import { axisName, axisSubject } from '../axes'
import { demoReportsNote } from '../claim-feedback'

// How a starter project's difficulty reads everywhere: one axis at a time, filled and empty stars
// on the 1-3 scale, "unrated" when nobody has rated it (never shown as easy), and a label a
// screen reader says in words.

type StarsProps = {
  axis: RatingAxis
  stars: StarCount | null
  /** The language the first axis measures (the LANGUAGE_NAME setting). */
  languageName?: string
  /**
   * The domain the second axis was rated in (the project's primary domain), where a list shows
   * projects of several domains: "Domain ★☆☆" on a "tooling, networking" card let a networking
   * newcomer read the easy rating as networking's.
   */
  domainName?: string
  className?: string
}

/** "OCaml difficulty: 2 of 3 stars" / "Domain difficulty (tooling): unrated". */
export function starsLabel(
  axis: RatingAxis,
  stars: StarCount | null,
  languageName = 'Language',
  domainName?: string,
) {
  const name = `${axisName(axis, languageName)}${axis === 'domain' && domainName ? ` (${domainName})` : ''}`
  if (stars === null) return `${name}: unrated`
  return `${name}: ${stars} of 3 stars`
}

export function Stars({
  axis,
  stars,
  languageName = 'Language',
  domainName,
  className = '',
}: StarsProps) {
  // Shown before the stars, which say the rest; the full name is what a screen reader hears. A
  // domain named is shown as the compact lines show it ("OCaml 1★ · tooling 1★").
  const name = axis === 'domain' && domainName ? domainName : axisSubject(axis, languageName)
  return (
    <span
      className={`inline-flex items-baseline gap-1 whitespace-nowrap text-sm ${className}`}
      data-axis={axis}
      data-stars={stars ?? 'unrated'}
    >
      <span aria-hidden="true" className="text-slate-600">
        {name}
      </span>
      {stars === null ? (
        <span
          aria-hidden="true"
          className="rounded bg-slate-100 px-1 text-xs font-medium text-slate-600"
        >
          unrated
        </span>
      ) : (
        <span aria-hidden="true" className="tracking-tight text-amber-600">
          {'★'.repeat(stars)}
          <span className="text-slate-300">{'☆'.repeat(3 - stars)}</span>
        </span>
      )}
      <span className="sr-only">{starsLabel(axis, stars, languageName, domainName)}</span>
    </span>
  )
}

/** Both axes side by side, as every list of projects shows them. */
export function RatingPair({
  languageStars,
  domainStars,
  languageName = 'Language',
  domainName,
  className = '',
}: {
  languageStars: StarCount | null
  domainStars: StarCount | null
  languageName?: string
  /** The domain the second axis was rated in: the project's primary domain. */
  domainName?: string
  className?: string
}) {
  return (
    <span className={`inline-flex flex-wrap items-baseline gap-x-3 ${className}`}>
      <Stars axis="language" stars={languageStars} languageName={languageName} />
      <Stars
        axis="domain"
        stars={domainStars}
        languageName={languageName}
        domainName={domainName}
      />
    </span>
  )
}

/** 2 → "2", 2.5 → "2.5", 2.333 → "2.3": averages read at one decimal. */
function formatAverage(value: number) {
  return String(Math.round(value * 10) / 10)
}

/**
 * The calibration badge's words: what contributors reported meeting, each axis by its name, as the
 * project page says it: "Contributors found: OCaml 2.5★ · networking 1★ (2 reports)", with
 * what a screen reader says; null when nobody reported yet.
 */
export function perceivedText(
  perceived: PerceivedStars,
  languageName: string,
  /** The project's primary domain: the domain axis measures that one. */
  domainName: string,
) {
  if (perceived.reports === 0 || perceived.languageStars === null) return null
  const reports = `${perceived.reports} report${perceived.reports === 1 ? '' : 's'}${demoReportsNote(perceived)}`
  const language = formatAverage(perceived.languageStars)
  const domain = perceived.domainStars === null ? null : formatAverage(perceived.domainStars)
  return {
    shown: `Contributors found: ${languageName} ${language}★${domain === null ? '' : ` · ${domainName} ${domain}★`} (${reports})`,
    spoken: `Contributors found ${axisName('language', languageName)} ${language} of 3 stars${domain === null ? '' : ` and ${domainName} difficulty ${domain} of 3 stars`}, from ${reports}`,
  }
}

type PerceivedStars = {
  languageStars: number | null
  domainStars: number | null
  reports: number
  demoReports: number
}

/** The calibration badge: what contributors reported meeting, beside the maintainers' rating. */
export function PerceivedBadge({
  perceived,
  domainName,
  languageName = 'Language',
  className = '',
}: {
  perceived: PerceivedStars
  domainName: string
  languageName?: string
  className?: string
}) {
  const text = perceivedText(perceived, languageName, domainName)
  if (text === null) {
    return (
      <span className={`text-xs text-slate-500 ${className}`}>
        No difficulty reports from contributors yet
      </span>
    )
  }
  return (
    <span className={`text-xs text-slate-600 ${className}`}>
      <span aria-hidden="true">{text.shown}</span>
      <span className="sr-only">{text.spoken}</span>
    </span>
  )
}
