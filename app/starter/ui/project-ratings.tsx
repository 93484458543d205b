import { Link } from '@remix-run/react'

import { personName } from '~/accounts/person'
import { TableScroll } from '~/components/table-scroll'

import type { RatingAxis, Stars as StarCount } from '../../../db/schema'
import { capitalise, formatDate } from '../../utils/format'
import { demoReportsNote } from '../claim-feedback'
import type { Perceived } from '../project.server'

import { Stars } from './stars'

// The project page's "Difficulty": the maintainers' rating beside what contributors reported,
// who rated it and when, the audited rating history, and what was learned from GitHub's labels.

export type RatedProject = {
  languageStars: StarCount | null
  domainStars: StarCount | null
  primaryDomain: string
  perceived: Perceived
  ratedAt: string | null
  /** A board account's login, `github:<login>` for a rating learned from GitHub, or null. */
  ratedBy: string | null
  /** The demo person who rated it (a demo action), or null for a real rating. */
  demoRater: string | null
  /** Loaded from the MirageOS Pioneer Projects list (the demo), whose stars were one scale. */
  isFromPioneerList: boolean
  ratingHistory: {
    actor_login: string
    axis: RatingAxis
    from_stars: StarCount | null
    to_stars: StarCount | null
    at: string
    /** Made by a demo person: a demo action. */
    is_demo: boolean
  }[]
  learnedFromGitHub: { id: number; outcome: string; text: string }[]
}

function starsText(value: number | null) {
  return value === null ? 'unrated' : `${Math.round(value * 10) / 10}★`
}

/** Both axes, each named: the maintainers' rating and the contributors' reports read alike. */
function axesText(
  languageName: string,
  domain: string,
  stars: { language: number | null; domain: number | null },
) {
  return `${languageName} ${starsText(stars.language)} · ${domain} ${starsText(stars.domain)}`
}

export function ProjectRatings({
  project,
  languageName,
  askWhenUnrated,
  starMeanings,
}: {
  project: RatedProject
  languageName: string
  /** What to do before starting while an axis is unrated, for this project (rubric.ts). */
  askWhenUnrated?: string
  /** What this project's stars mean on each axis, in the rubric's words; null where unrated. */
  starMeanings?: { language: string | null; domain: string | null }
}) {
  const { perceived } = project
  const contributorsText =
    perceived.reports === 0
      ? 'no contributor reports yet'
      : `Contributors found: ${axesText(languageName, project.primaryDomain, { language: perceived.languageStars, domain: perceived.domainStars })} from ${perceived.reports} report${perceived.reports === 1 ? '' : 's'}${demoReportsNote(perceived)}`
  return (
    <section
      aria-labelledby="ratings-heading"
      className="mt-4 rounded border border-slate-200 bg-white p-4"
    >
      <h2 id="ratings-heading" className="font-semibold">
        Difficulty
      </h2>
      {starMeanings ? (
        // A newcomer reads "OCaml ★☆☆" as "easy"; the rubric's sentence says easy for whom. The
        // domain is named, as the line below names it: "Domain ★★☆" read as any domain's.
        <ul className="mt-2 space-y-1" data-testid="star-meanings">
          <li className="text-sm text-slate-700">
            <Stars axis="language" stars={project.languageStars} languageName={languageName} />
            {starMeanings.language ? <> — {starMeanings.language}</> : null}
          </li>
          <li className="text-sm text-slate-700">
            <Stars
              axis="domain"
              stars={project.domainStars}
              languageName={languageName}
              domainName={project.primaryDomain}
            />
            {starMeanings.domain ? <> — {starMeanings.domain}</> : null}
          </li>
          <li className="text-xs">
            <Link to="/starter/rubric" className="text-blue-700 underline">
              How we rate difficulty
            </Link>{' '}
            <span className="text-slate-500">(every level, with examples)</span>
          </li>
        </ul>
      ) : (
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          <Stars axis="language" stars={project.languageStars} languageName={languageName} />
          <Stars axis="domain" stars={project.domainStars} languageName={languageName} />
        </div>
      )}
      {askWhenUnrated && (project.languageStars === null || project.domainStars === null) ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="ask-unrated">
          Unrated: it could be any level. {askWhenUnrated}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-slate-700" data-testid="calibration-line">
        {/* "Maintainers: OCaml 1★" read like a list of people: say it is their rating ("Rated
            by the maintainers: OCaml unrated" would contradict itself). Where the stars are
            shown above with their meanings, the line says whose they are, not the stars again. */}
        {starMeanings ? (
          project.languageStars === null && project.domainStars === null ? (
            capitalise(contributorsText)
          ) : (
            <>The stars above are the maintainers’ rating — {contributorsText}</>
          )
        ) : (
          <>
            The maintainers’ rating:{' '}
            {axesText(languageName, project.primaryDomain, {
              language: project.languageStars,
              domain: project.domainStars,
            })}{' '}
            — {contributorsText}
          </>
        )}
      </p>
      <p className="mt-1 text-xs text-slate-500" data-testid="rated-by">
        {!project.ratedAt
          ? 'Not rated yet.'
          : project.demoRater
            ? // The demo name has its own brackets: the date follows a comma, not a second pair.
              `Demo rating by ${project.demoRater}, ${formatDate(project.ratedAt)}: a demo action, not a MirageOS decision${project.isFromPioneerList ? '; the original Pioneer Projects list had no two-axis ratings' : ''}.`
            : `Rated ${formatDate(project.ratedAt)}${project.ratedBy ? ` by ${project.ratedBy}` : ' (demo data)'}.`}
      </p>
      {project.ratingHistory.length > 0 ? (
        <details className="mt-2 text-sm">
          {/* Padded to a thumb's height on a phone; a summary keeps its list-item display (and
              so its disclosure marker) rather than becoming a flex box. */}
          <summary className="cursor-pointer py-2.5 text-slate-700 sm:py-0">
            Rating history ({project.ratingHistory.length})
          </summary>
          {/* In a white card: the scroll shade's cover is white too. */}
          <TableScroll className="mt-2 [--scroll-cover:theme(colors.white)]">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-1 pr-3">When</th>
                  <th className="py-1 pr-3">Who</th>
                  <th className="py-1 pr-3">Axis</th>
                  <th className="py-1 pr-3">From</th>
                  <th className="py-1">To</th>
                </tr>
              </thead>
              <tbody>
                {project.ratingHistory.map((entry, index) => (
                  <tr key={index} className="border-t border-slate-100">
                    <td className="py-1 pr-3">{formatDate(entry.at)}</td>
                    <td className="py-1 pr-3">
                      {entry.is_demo
                        ? // A demo name carries its own brackets: a second pair after it read as a stutter.
                          `${personName({ login: entry.actor_login, isDemo: true })}, a demo rating`
                        : entry.actor_login}
                    </td>
                    <td className="py-1 pr-3">
                      {entry.axis === 'language' ? languageName : 'domain'}
                    </td>
                    <td className="py-1 pr-3">{starsText(entry.from_stars)}</td>
                    <td className="py-1">{starsText(entry.to_stars)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ) : null}
      {project.learnedFromGitHub.length > 0 ? (
        <div className="mt-3 text-sm" data-testid="learned-from-github">
          <h3 className="font-medium text-slate-700">Learned from GitHub</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
            {project.learnedFromGitHub.map((entry) => (
              <li key={entry.id} className={entry.outcome === 'ignored' ? 'text-slate-500' : ''}>
                {entry.text}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}
