import type { Actor } from '../app/accounts/person'
import type { StarterProjectInput } from '../app/starter/project-input'
import { createStarterProject } from '../app/starter/project.server'
import type { Database } from '../db/client.server'

// Builders for starter projects and the accounts that act on them, so tests state only what
// matters to them.

let nextTitle = 1

export function starterInput(overrides: Partial<StarterProjectInput> = {}): StarterProjectInput {
  return {
    title: `Starter project ${nextTitle++}`,
    summary: '',
    primaryDomain: 'networking',
    secondaryDomains: [],
    languageStars: 1,
    domainStars: 1,
    size: 'week',
    status: 'open',
    mentors: [],
    repos: [],
    relatedIssues: [],
    readFirst: '',
    issue: null,
    ...overrides,
  }
}

export async function createProject(
  db: Database,
  overrides: Partial<StarterProjectInput> = {},
  actor: Actor | null = null,
  extra: Parameters<typeof createStarterProject>[3] = {},
) {
  return createStarterProject(starterInput(overrides), actor, db, extra)
}

/** An account as demo sign-in makes it (its role is its demo role); returns what the models take as the actor. */
export async function createAccount(
  db: Database,
  login: string,
  role: 'maintainer' | 'contributor' = 'contributor',
) {
  const { id } = await db
    .insertInto('account')
    .values({ login, demo_role: role })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id, login }
}

/** An account as GitHub sign-in makes it: a real person, not a demo one (whose acts are demo actions). */
export async function createGitHubAccount(db: Database, login: string) {
  return db
    .insertInto('account')
    .values({ login })
    .returning(['id', 'login'])
    .executeTakeFirstOrThrow()
}

/**
 * A real maintainer, as GitHub sign-in and a grant make one: unlike a demo maintainer, whose label
 * changes are never sent to GitHub, hers may be queued on a mirror.
 */
export async function createMaintainer(db: Database, login: string) {
  const account = await createGitHubAccount(db, login)
  await db.insertInto('maintainer_grant').values({ login }).execute()
  return account
}
