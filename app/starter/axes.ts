import type { RatingAxis } from '../../db/schema'

// The names of the two difficulty axes, written once (docs/decisions/017-difficulty-axis-names.md):
// the rubric titles them, and every page, form, message and label description that names an axis
// takes its words from here, so a maintainer never wonders whether "OCaml knowledge" and
// "language difficulty" are two ratings. The stored names (`language_stars`, `domain_stars`,
// `languageStars` in the API) stay as they are.

/** What the axis is about: the language's name (LANGUAGE_NAME) or "Domain". */
export function axisSubject(axis: RatingAxis, languageName: string) {
  return axis === 'language' ? languageName : 'Domain'
}

/** The axis's name as a title or label: "OCaml difficulty" / "Domain difficulty". */
export function axisName(axis: RatingAxis, languageName: string) {
  return `${axisSubject(axis, languageName)} difficulty`
}

/** The same name inside a sentence: "OCaml difficulty" / "domain difficulty". */
export function axisNameInSentence(axis: RatingAxis, languageName: string) {
  return axis === 'language' ? axisName(axis, languageName) : 'domain difficulty'
}
