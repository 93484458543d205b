import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { sql } from 'kysely'

import type { Database } from '../../db/client.server'
import { ensureDemoAccount } from '../accounts/account.server'
import { DEMO_SEED_PEOPLE } from '../accounts/person'
import { castBallot } from '../roadmap/ballot.server'
import { roundNameForDay } from '../roadmap/dates'
import { recordCallDecision } from '../roadmap/decision.server'
import { linkEffortIssues } from '../roadmap/effort.server'
import { createIdea } from '../roadmap/idea.server'
import { parseIdeaLink } from '../roadmap/links'
import { createArea, createReleaseTarget, findAreaByName, slugify } from '../roadmap/roadmap.server'
import { openRound } from '../roadmap/round.server'

// The roadmap demo made by scripts/convert-mirage-roadmap.ts from the MirageOS 3.0 planning
// material; its header comment says how each item was converted.
export const DEMO_ROADMAP_FILE = path.resolve('db/seed/mirage/roadmap.json')

type DemoRoadmap = {
  releaseTarget: { name: string; description: string }
  areas: { name: string; originalNames: string[] }[]
  processNotes: {
    key: string
    kind: 'summary' | 'history'
    date: string | null
    body: string
    attribution: string | null
    sourceUrl: string | null
  }[]
  ideas: {
    key: string
    title: string
    description: string
    area: string
    originalArea: string
    attribution: string | null
    date: string
    isVerbatim: boolean
    links: string[]
    sourceUrl: string | null
  }[]
  callDecisions: {
    key: string
    name: string
    date: string
    sourceUrl: string | null
    rationale: string
    outcomes: {
      idea: string
      outcome: 'agreed' | 'declined' | 'deferred'
      disposition: 'roadmap' | 'ideation' | 'archived'
      reason: string | null
    }[]
  }[]
}

const atNoon = (date: string) => new Date(`${date}T12:00:00Z`)

/**
 * Issues a seeded demo maintainer (Sam) links to the efforts the 2015 calls agreed, so their status
 * and burn-up come from real MirageOS issues: a demo action, shown as such wherever the link is
 * (the 2015 notes linked none of these). The rest stay unlinked, hence planned.
 */
export const DEMO_EFFORT_LINKS: { idea: string; links: string[] }[] = [
  // "Improving library quality, i.e. better tests": tcpip's parser fixes and tests, and a
  // TCP deadlock still open.
  {
    idea: 'rm-22',
    links: ['mirage/mirage-tcpip#305', 'mirage/mirage-tcpip#307', 'mirage/mirage-tcpip#340'],
  },
  // "3.0 as the production-ready release": logging for 3.0 and the 3.0.0 announcement.
  { idea: 'rm-25', links: ['mirage/mirage#754', 'mirage/mirage-www#525'] },
]

/**
 * The prioritisation round a seeded demo maintainer (Sam) opens at load, so a visiting maintainer
 * has a round to vote in from her first minutes: a shortlist of open ideas, one per area, none
 * that the 2015 calls decided (the calls ranked nothing; the demo invents no 2015 ranking). Kai,
 * the second seeded maintainer, casts one ballot, so the page shows a vote in and the round can
 * be closed. All demo actions, dated at load (decision 012).
 */
export const DEMO_ROUND = {
  shortlist: ['rm-23', 'rm-21', 'rm-27', 'rm-15', 'rm-32'],
  days: 14,
  dotBudget: 5,
  // Kai's ranking: 1 first; the idea left out counts as tied last.
  ballot: [
    { idea: 'rm-23', rank: 1 },
    { idea: 'rm-21', rank: 2 },
    { idea: 'rm-15', rank: 3 },
    { idea: 'rm-27', rank: 4 },
  ],
}

/**
 * Loads the roadmap demo (ideas, areas, "How we plan" notes and the decisions taken on calls)
 * inside the caller's transaction, and, `triaged`, the demo maintainer's links to the agreed
 * efforts and the open round. Idempotent: whatever is already there, by name or by source key, is left alone, so
 * running it twice adds nothing.
 */
export async function loadDemoRoadmap(
  db: Database,
  file = DEMO_ROADMAP_FILE,
  { triaged = true }: { triaged?: boolean } = {},
) {
  const demo = JSON.parse(await readFile(file, 'utf8')) as DemoRoadmap
  const existingTarget = await db
    .selectFrom('release_target')
    .select('id')
    .where('slug', '=', slugify(demo.releaseTarget.name))
    .executeTakeFirst()
  const releaseTargetId =
    existingTarget?.id ??
    (await createReleaseTarget(
      { name: demo.releaseTarget.name, description: demo.releaseTarget.description },
      db,
    ))

  const areaIds = new Map<string, number>()
  for (const area of demo.areas) {
    const existing = await findAreaByName(releaseTargetId, area.name, db)
    areaIds.set(
      area.name,
      existing?.id ??
        (await createArea(
          { releaseTargetId, name: area.name, originalNames: area.originalNames },
          db,
        )),
    )
  }

  const known = async (table: 'idea' | 'process_note' | 'round', key: string) =>
    (await db.selectFrom(table).select('id').where('source_key', '=', key).executeTakeFirst())?.id

  for (const note of demo.processNotes) {
    if (await known('process_note', note.key)) continue
    await db
      .insertInto('process_note')
      .values({
        release_target_id: releaseTargetId,
        kind: note.kind,
        noted_at: note.date ? atNoon(note.date) : new Date(0),
        body: note.body,
        attribution: note.attribution,
        source_key: note.key,
        source_url: note.sourceUrl,
      })
      .execute()
  }

  const ideaIds = new Map<string, number>()
  for (const idea of demo.ideas) {
    const existing = await known('idea', idea.key)
    ideaIds.set(
      idea.key,
      existing ??
        (await createIdea(
          {
            releaseTargetId,
            areaId: areaIds.get(idea.area)!,
            title: idea.title,
            description: idea.description,
            authorId: null,
            attribution: idea.attribution,
            isVerbatim: idea.isVerbatim,
            originalArea: idea.originalArea,
            sourceKey: idea.key,
            sourceUrl: idea.sourceUrl,
            createdAt: atNoon(idea.date),
          },
          idea.links.flatMap((ref) => parseIdeaLink(ref) ?? []),
          db,
        )),
    )
  }

  for (const call of demo.callDecisions) {
    if (await known('round', call.key)) continue
    await recordCallDecision(
      {
        releaseTargetId,
        name: call.name,
        decidedAt: atNoon(call.date),
        sourceKey: call.key,
        sourceUrl: call.sourceUrl,
        rationale: call.rationale,
        outcomes: call.outcomes.map((outcome) => ({
          ideaId: ideaIds.get(outcome.idea)!,
          outcome: outcome.outcome,
          disposition: outcome.disposition,
          reason: outcome.reason,
        })),
      },
      db,
    )
  }
  if (triaged) {
    await linkDemoEfforts(db, ideaIds)
    await openDemoRound(db, releaseTargetId, ideaIds)
  }
  return { ideas: demo.ideas.length, decisions: demo.callDecisions.length }
}

/** A seeded demo maintainer (DEMO_SEED_PEOPLE), whom nobody signs in as, as the acting person. */
async function seededMaintainer(id: 'seed-maintainer' | 'seed-maintainer-2', db: Database) {
  const spec = DEMO_SEED_PEOPLE.find((candidate) => candidate.id === id)!
  return { id: await ensureDemoAccount(spec, db), login: spec.login, role: spec.role }
}

async function linkDemoEfforts(db: Database, ideaIds: Map<string, number>) {
  // A seeded demo maintainer, not Dana: a visitor signed in as Dana linked nothing.
  const linker = await seededMaintainer('seed-maintainer', db)
  for (const effort of DEMO_EFFORT_LINKS) {
    const ideaId = ideaIds.get(effort.idea)
    if (ideaId === undefined) continue
    const idea = await db
      .selectFrom('idea')
      .select('status')
      .where('id', '=', ideaId)
      .executeTakeFirst()
    const linkedBefore = await db
      .selectFrom('idea_link')
      .select('ref')
      .where('idea_id', '=', ideaId)
      .where('linked_by', 'is not', null)
      .executeTakeFirst()
    // Only an effort still agreed and never linked by a maintainer: a re-seed overrides nobody.
    if (idea?.status !== 'agreed' || linkedBefore) continue
    await linkEffortIssues(ideaId, effort.links.join('\n'), linker, new Date(), db)
  }
}

async function openDemoRound(db: Database, releaseTargetId: number, ideaIds: Map<string, number>) {
  // Only on a target whose maintainers never ran a round of their own: a re-seed opens nothing
  // beside one (one open round per target) nor after one (it would undo nobody's, but add noise).
  const ballotRound = await db
    .selectFrom('round')
    .select('id')
    .where('release_target_id', '=', releaseTargetId)
    .where('kind', '=', 'ballot')
    .executeTakeFirst()
  if (ballotRound) return
  const shortlist = DEMO_ROUND.shortlist.flatMap((key) => ideaIds.get(key) ?? [])
  if (shortlist.length !== DEMO_ROUND.shortlist.length) return
  // An idea merged or decided since an earlier load cannot be shortlisted: open none then.
  const open = await db
    .selectFrom('idea')
    .select('id')
    .where('id', 'in', shortlist)
    .where('status', '=', 'open')
    .execute()
  if (open.length !== shortlist.length) return
  // The database's clock, as the demo's other actions (decision 012): opened now, never backdated.
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db)
  const now = new Date(rows[0]!.now)
  // Closing at the start of the day two weeks on, as the round forms' days do.
  const closesAt = new Date(now.getTime() + DEMO_ROUND.days * 86_400_000)
  closesAt.setUTCHours(0, 0, 0, 0)
  const sam = await seededMaintainer('seed-maintainer', db)
  const kai = await seededMaintainer('seed-maintainer-2', db)
  const roundId = await openRound(
    {
      releaseTargetId,
      name: roundNameForDay(now).replace(/^Round/, 'Demo round'),
      opensAt: now,
      closesAt,
      shortlist,
      dotBudget: DEMO_ROUND.dotBudget,
    },
    sam,
    now,
    db,
  )
  await castBallot(
    roundId,
    kai,
    DEMO_ROUND.ballot.map(({ idea, rank }) => ({ id: ideaIds.get(idea)!, rank })),
    now,
    db,
  )
}
