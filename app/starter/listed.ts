import { formatDate } from '../utils/format'

// When a project was listed, as its page says it. A Pioneer Project whose notes name only an era
// ("2016-2018") keeps the era's first day for ordering, but the page says the era: a made-up
// listing day would be history the source does not hold.

export function listedText(project: { createdAt: Date | string; listedEra: string | null }) {
  return project.listedEra
    ? `Listed in ${project.listedEra} (the notes give no exact date)`
    : `Listed ${formatDate(project.createdAt)}`
}

/**
 * When free-text mentors were named: the list's mentors of 2015 may not mentor now, and the board
 * does not know, so the page says when they were named rather than presenting them as current.
 * Mentors changed since the listing were named then (by a demo person: a demo action).
 */
export function mentorsNamedText(project: {
  createdAt: Date | string
  listedEra: string | null
  mentorsNamedAt: Date | string | null
  mentorsNamedByDemo: boolean
}) {
  if (project.mentorsNamedAt !== null) {
    return `Named on ${formatDate(project.mentorsNamedAt)}${project.mentorsNamedByDemo ? ' by a demo person (a demo action)' : ''}`
  }
  return project.listedEra
    ? `Named when the project was listed, in ${project.listedEra}`
    : `Named when the project was listed, on ${formatDate(project.createdAt)}`
}
