import { formatDate } from '../utils/format'

// When a project was listed, as its page says it. A Pioneer Project whose notes name only an era
// ("2016-2018") keeps the era's first day for ordering, but the page says the era: a made-up
// listing day would be history the source does not hold.

export function listedText(project: { createdAt: Date | string; listedEra: string | null }) {
  return project.listedEra
    ? `Listed in ${project.listedEra} (the notes give no exact date)`
    : `Listed ${formatDate(project.createdAt)}`
}
