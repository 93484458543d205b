import type { Role } from './account.server'

// Who acts on the board, in the two shapes the features need, and how pages name them. Plain
// code, so pure rules and pages can use it too.

/** A signed-in person acting now: always an account (a claim, a ballot, an idea). */
export type Person = { id: number; login: string }

/**
 * Who a recorded change is credited to: a person, or no account at all for changes learned from
 * GitHub (`github:<login>`) and the demo loader's demo actions.
 */
export type Actor = { id: number | null; login: string }

/** A demo account as the demo creates it; `kind` names what she is when her role does not. */
type DemoPersonSpec = { id: string; login: string; name: string; role: Role; kind?: string }

/** The people one can be in demo mode; plainly fictional, so nobody mistakes them for real. */
export const DEMO_PEOPLE = [
  {
    id: 'maintainer',
    login: 'demo-maintainer',
    name: 'Dana (demo maintainer)',
    role: 'maintainer',
  },
  // A second maintainer, so prioritisation rounds (several ballots) can be tried in the demo.
  {
    id: 'maintainer-2',
    login: 'demo-maintainer-2',
    name: 'Ari (second demo maintainer)',
    role: 'maintainer',
  },
  {
    id: 'contributor',
    login: 'demo-contributor',
    name: 'Cam (demo contributor)',
    role: 'contributor',
  },
  // A newcomer is no role of its own: she has a contributor's rights. `kind` is what her name
  // says she is, so the chip beside it says the same (`roleLabel`).
  {
    id: 'newcomer',
    login: 'demo-newcomer',
    name: 'Noor (demo newcomer)',
    role: 'contributor',
    kind: 'newcomer',
  },
] as const satisfies readonly DemoPersonSpec[]

/**
 * The people the demo's loaded actions are by (its ratings, claims, reports, requests and answers,
 * effort links): demo accounts nobody can sign in as, so a visitor signed in as a demo person
 * starts with no history and is never told they did what the loader did ("Answered by you").
 */
export const DEMO_SEED_PEOPLE = [
  {
    id: 'seed-maintainer',
    login: 'demo-seed-maintainer',
    name: 'Sam (seeded demo maintainer)',
    role: 'maintainer',
  },
  {
    id: 'seed-maintainer-2',
    login: 'demo-seed-maintainer-2',
    name: 'Kai (second seeded demo maintainer)',
    role: 'maintainer',
  },
  {
    id: 'seed-contributor',
    login: 'demo-seed-contributor',
    name: 'Lee (seeded demo contributor)',
    role: 'contributor',
  },
  {
    id: 'seed-newcomer',
    login: 'demo-seed-newcomer',
    name: 'Rin (seeded demo newcomer)',
    role: 'contributor',
    kind: 'newcomer',
  },
] as const satisfies readonly DemoPersonSpec[]

/** Every demo person a page may name: those one can sign in as and those the loader acts as. */
const NAMED_DEMO_PEOPLE: readonly { login: string; name: string; kind?: string }[] = [
  ...DEMO_PEOPLE,
  ...DEMO_SEED_PEOPLE,
]

/**
 * The role as shown beside a person's name: the role, or for a demo person whose name says
 * something else ("Noor (demo newcomer)"), both: "newcomer (contributor)".
 */
export function roleLabel(person: { login: string; role: Role; isDemo: boolean }) {
  const login = person.login.toLowerCase()
  const demo = person.isDemo
    ? NAMED_DEMO_PEOPLE.find((candidate) => candidate.login === login)
    : undefined
  return demo?.kind ? `${demo.kind} (${person.role})` : person.role
}

/**
 * How a page names a person: real people by their GitHub login, demo people by their demo name,
 * which says what they are ("Dana (demo maintainer)"), the same on every page. Whether an account
 * is a demo one comes from the database (`isDemoAccount`), never from the login's spelling: a
 * GitHub user may be called demo-maintainer. Logins stay logins in URLs, forms and API fields.
 */
export function personName(person: { login: string; isDemo: boolean }) {
  if (!person.isDemo) return person.login
  const login = person.login.toLowerCase()
  const demo = NAMED_DEMO_PEOPLE.find((candidate) => candidate.login === login)
  return demo ? demo.name : `${person.login} (demo person)`
}

/** What a notice adds after a demo person's write: demo actions say so wherever shown. */
export function demoActionNote(isDemo: boolean | undefined) {
  return isDemo ? ' (a demo action)' : ''
}

/**
 * How many of a count (+1s, claims) are demo actions, in words: "all demo actions", "1 of them a
 * demo action"; null when none is.
 */
export function demoShareNote(total: number, demo: number): string | null {
  if (demo <= 0) return null
  if (demo >= total) {
    if (total === 1) return 'a demo action'
    return total === 2 ? 'both demo actions' : 'all demo actions'
  }
  return demo === 1 ? '1 of them a demo action' : `${demo} of them demo actions`
}
