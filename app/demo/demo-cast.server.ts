import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { demoActorLogin } from '../accounts/account.server'
import { DEMO_PEOPLE, DEMO_SEED_PEOPLE, personName, roleLabel } from '../accounts/person'
import { listInWords } from '../utils/format'

import { DEMO_EFFORT_LINKS } from './roadmap-demo.server'
import { DEMO_MENTORS, DEMO_RATINGS } from './starter-triage-demo.server'

// Who is who in the demo, for the sign-in page: pages credit the loaded demo actions to Sam, Kai,
// Lee and Rin, whom nobody can sign in as (app/accounts/person.ts says why), so the page where a
// visitor picks whom to be is where she learns who they are and what the demo did as them.

type SeededId = (typeof DEMO_SEED_PEOPLE)[number]['id']

const firstName = (id: string) =>
  [...DEMO_PEOPLE, ...DEMO_SEED_PEOPLE].find((person) => person.id === id)!.name.split(' (')[0]!

const ratedBy = (id: SeededId) => DEMO_RATINGS.filter((rating) => rating.by === id).length

/**
 * What the demo does as each seeded person when it loads (starter-triage-demo.server.ts,
 * roadmap-demo.server.ts), in a line; the counts come from the same lists the load reads.
 */
export const SEEDED_DEEDS: Record<SeededId, string> = {
  'seed-maintainer': `rated ${ratedBy('seed-maintainer')} Pioneer Projects (naming ${listInWords([...new Set(DEMO_MENTORS.map((entry) => firstName(entry.mentor)))])} mentors of ${DEMO_MENTORS.length}), answered one of ${firstName('seed-newcomer')}’s requests and welcomed her on its project, linked MirageOS issues to ${DEMO_EFFORT_LINKS.length} agreed efforts and opened the demo round`,
  'seed-maintainer-2': `rated ${ratedBy('seed-maintainer-2')} Pioneer Projects and voted in the demo round`,
  'seed-contributor':
    'finished part of one project, stopped another and asked for a platform project',
  'seed-newcomer':
    'is working on one project, finished part of another and asked twice for a first step',
}

/**
 * What each person one can be shows of the board, in a plain line: a newcomer sent to sign in
 * reads whom to pick, not a tour script.
 */
export const WHAT_THEY_SHOW: Record<(typeof DEMO_PEOPLE)[number]['id'], string> = {
  newcomer:
    'A first visit: find a starter project in a domain you know, claim it, then say how hard it really was; or tell the maintainers nothing fits.',
  contributor:
    'A regular contributor: propose ideas on the roadmap, +1 and comment on others, take starter projects.',
  maintainer: 'A maintainer: rate starter projects, answer claims and run a prioritisation round.',
  'maintainer-2': 'A second maintainer: vote in a prioritisation round beside Dana.',
}

/** Newcomers and contributors first: the sign-in page is where "Sign in to work on this" leads. */
const VISITOR_ORDER: readonly (typeof DEMO_PEOPLE)[number]['id'][] = [
  'newcomer',
  'contributor',
  'maintainer',
  'maintainer-2',
]

export type DemoCast = Awaited<ReturnType<typeof getDemoCast>>

/**
 * The demo people a visitor can be, each with the demo's doings that concern them (the projects a
 * seeded maintainer named them mentor of, which tell them of claims), and the seeded people the
 * demo acted as, with what it did as them: only those this board's demo was loaded with
 * (SEED_DEMO=untriaged loads none).
 */
export async function getDemoCast(db: Database = getDb()) {
  const seededLogins: string[] = DEMO_SEED_PEOPLE.map((person) => person.login)
  const [present, mentored] = await Promise.all([
    db
      .selectFrom('account')
      .select(sql<string>`lower(login)`.as('login'))
      .where('demo_role', 'is not', null)
      .where(sql<string>`lower(login)`, 'in', seededLogins)
      .execute(),
    db
      .selectFrom('starter_project_mentor as m')
      .innerJoin('starter_project as p', 'p.id', 'm.project_id')
      .innerJoin('account as a', 'a.id', 'm.account_id')
      .select((eb) => [
        sql<string>`lower(a.login)`.as('login'),
        'p.title',
        demoActorLogin(eb.ref('p.mentors_named_by')).as('named_by'),
      ])
      .where('a.demo_role', 'is not', null)
      .orderBy('p.id')
      .execute(),
  ])
  const loaded = new Set(present.map((row) => row.login))
  return {
    visitors: VISITOR_ORDER.map((id) => DEMO_PEOPLE.find((person) => person.id === id)!).map(
      ({ id, login, name, role }) => {
        // Only what the demo did as a seeded person: what visitors did as one another is theirs.
        const named = mentored.filter(
          (row) => row.login === login && seededLogins.includes(row.named_by ?? ''),
        )
        const titles = named.map((row) => `“${row.title}”`)
        return {
          id,
          login,
          name,
          role: roleLabel({ login, role, isDemo: true }),
          note:
            named.length > 0
              ? `${WHAT_THEY_SHOW[id]} Mentor of ${listInWords(titles)}, named so by ${personName({ login: named[0]!.named_by!, isDemo: true })}: a demo action.`
              : WHAT_THEY_SHOW[id],
        }
      },
    ),
    seeded: DEMO_SEED_PEOPLE.filter((person) => loaded.has(person.login)).map(
      ({ id, login, name, role }) => ({
        id,
        name,
        role: roleLabel({ login, role, isDemo: true }),
        deeds: SEEDED_DEEDS[id],
      }),
    ),
  }
}
