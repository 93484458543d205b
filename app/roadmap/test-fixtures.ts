import { sql } from 'kysely'

import type { Database } from '../../db/client.server'
import type { Role } from '../accounts/account.server'

import { closeRound } from './decision.server'
import { createIdea } from './idea.server'
import { createArea, createReleaseTarget } from './roadmap.server'
import { openRound, type OpenRoundInput } from './round.server'

// Shared set-up for the roadmap's tests (imported by *.test.ts files only).

export const ROADMAP_TABLES = [
  'release_target',
  'roadmap_area',
  'idea',
  'idea_link',
  'idea_plus_one',
  'idea_comment',
  'idea_area_suggestion',
  'idea_event',
  'process_note',
  'round',
  'round_shortlist',
  'ballot',
  'ballot_rank',
  'dot_vote',
  'decision',
  'decision_outcome',
] as const

/** Every row of every roadmap table, in a stable order: equal snapshots mean nothing changed. */
export async function snapshotRoadmap(db: Database) {
  const snapshot: Record<string, string[]> = {}
  for (const table of ROADMAP_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      db,
    )
    snapshot[table] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return snapshot
}

export type TestPerson = { id: number; login: string; role: Role }

export async function makePerson(db: Database, login: string, role: Role = 'contributor') {
  const row = await db
    .insertInto('account')
    .values({ login, name: login, demo_role: role })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, login, role } satisfies TestPerson
}

/** A release target with two areas, "Quality and testing" and "Docs and onboarding". */
export async function makeTarget(db: Database, name = 'MirageOS 3.0') {
  const targetId = await createReleaseTarget({ name }, db)
  const quality = await createArea({ releaseTargetId: targetId, name: 'Quality and testing' }, db)
  const docs = await createArea({ releaseTargetId: targetId, name: 'Docs and onboarding' }, db)
  return { targetId, areas: { quality, docs } }
}

let ideaClock = Date.UTC(2020, 0, 1)

/** An idea in ideation; each one a minute newer than the last, so "newest" is predictable. */
export async function makeIdea(
  db: Database,
  target: { targetId: number; areas: { quality: number } },
  title: string,
  overrides: { areaId?: number; authorId?: number | null; links?: string[] } = {},
) {
  ideaClock += 60_000
  return createIdea(
    {
      releaseTargetId: target.targetId,
      areaId: overrides.areaId ?? target.areas.quality,
      title,
      description: `About ${title}.`,
      authorId: overrides.authorId ?? null,
      createdAt: new Date(ideaClock),
    },
    (overrides.links ?? []).map((ref) => {
      const [repo, number] = ref.split('#') as [string, string | undefined]
      return { ref, repo, number: number ? Number(number) : null }
    }),
    db,
  )
}

/**
 * A round Dana, a demo maintainer, opens on a new target, shortlisting two new ideas: "Better
 * tests" and "Doc days".
 */
export async function openRoundOfTwo(
  db: Database,
  round: Omit<OpenRoundInput, 'releaseTargetId' | 'shortlist'>,
  openedAt = new Date(),
) {
  const target = await makeTarget(db)
  const dana = await makePerson(db, 'dana', 'maintainer')
  const tests = await makeIdea(db, target, 'Better tests')
  const docs = await makeIdea(db, target, 'Doc days')
  const roundId = await openRound(
    { ...round, releaseTargetId: target.targetId, shortlist: [tests, docs] },
    dana,
    openedAt,
    db,
  )
  return { target, dana, tests, docs, roundId }
}

export const DAY_MS = 86_400_000

/**
 * Closes a round agreeing its top idea. The order is secret until the close, so every shortlisted
 * idea comes with the reason it goes back to ideation should it not be agreed.
 */
export function closeOnTopIdea(
  db: Database,
  roundId: number,
  shortlist: number[],
  actor: Parameters<typeof closeRound>[2],
  at: Date,
  words: { rationale: string; reason: string },
) {
  return closeRound(
    roundId,
    {
      method: 'top-n',
      topN: 1,
      rationale: words.rationale,
      others: shortlist.map((ideaId) => ({
        ideaId,
        outcome: 'deferred' as const,
        disposition: 'ideation' as const,
        reason: words.reason,
      })),
    },
    actor,
    at,
    db,
  )
}
