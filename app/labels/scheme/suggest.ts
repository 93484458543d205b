import { STARTER_LABELS } from '../../starter/candidate-score'

import { labelKey, type BoardValue } from './scheme'

// Which of a repository's own labels already stands for a board value, by the names communities
// commonly give them, so a maintainer can keep "good first issue" instead of adding "starter"
// beside it. Only values with settled conventions are guessed: the difficulty axes and sizes are
// not (is "E-easy" about the language or the domain?), nor the roadmap's areas.

/** Names projects give issues that come with a mentor (Rust's E-mentor, "mentored"). */
const MENTOR_LABELS = ['mentored', 'mentor available', 'e-mentor', 'has mentor', 'mentor'] as const

/** `area/networking`, `area: networking`, `A-networking`, `topic-networking`... */
function isDomainLabel(key: string, domain: string) {
  if (key === domain) return true
  const rest = /^[a-z]+\s*[/:-]\s*(.+)$/.exec(key)?.[1]
  return rest === domain
}

/**
 * The repository's label that already means `value`, or null. `catalogue` is the repository's
 * labels as GitHub spells them; the first convention in each list wins, so the answer does not
 * depend on the catalogue's order.
 */
export function suggestRepositoryLabel(
  value: BoardValue,
  catalogue: readonly { name: string }[],
): string | null {
  const byKey = new Map(catalogue.map((label) => [labelKey(label.name), label.name]))
  const firstOf = (names: readonly string[]) =>
    names.map((name) => byKey.get(name)).find((name) => name !== undefined) ?? null
  if (value === 'starter') return firstOf(STARTER_LABELS)
  if (value === 'mentor') return firstOf(MENTOR_LABELS)
  if (value.startsWith('domain:')) {
    const domain = value.slice('domain:'.length)
    const matches = catalogue.filter((label) => isDomainLabel(labelKey(label.name), domain))
    // Two candidates ("networking" and "area/networking"): the prefixed one is the scheme's.
    const names = matches.map((label) => label.name)
    return names.sort((a, b) => b.length - a.length || a.localeCompare(b))[0] ?? null
  }
  return null
}
