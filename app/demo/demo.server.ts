import { readFile } from 'node:fs/promises'
import path from 'node:path'

import { getDb, type Database } from '../../db/client.server'
import {
  mapIssue,
  mapLabel,
  mapRepository,
  type IssuePayload,
  type LabelPayload,
  type RepositoryPayload,
} from '../github/map'
import { upsertIssues } from '../mirror/issue.server'
import { upsertLabels } from '../mirror/label.server'
import {
  countRepositories,
  listRepositoryNamesFrom,
  upsertRepository,
} from '../mirror/repository.server'
import { refuse } from '../utils/refusal'

import { loadDemoRoadmap } from './roadmap-demo.server'
import { loadDemoStarterProjects } from './starter-demo.server'

// GitHub REST-shaped fixtures made by scripts/convert-mirage-issues.ts from real MirageOS issues.
export const DEMO_SEED_DIR = path.resolve('db/seed/mirage')

async function readJson<T>(file: string, dir: string): Promise<T> {
  return JSON.parse(await readFile(path.join(dir, file), 'utf8')) as T
}

/**
 * Loads the MirageOS demo through the same mapping live sync uses, in one transaction. Triaged
 * unless told otherwise (SEED_DEMO=untriaged): the demo people's ratings, claims and reports come
 * with it, as demo actions.
 */
export async function loadDemoData(
  db: Database = getDb(),
  dir = DEMO_SEED_DIR,
  { triaged = true }: { triaged?: boolean } = {},
) {
  const repositories = await readJson<RepositoryPayload[]>('repositories.json', dir)
  const labels = await readJson<Record<string, LabelPayload[]>>('labels.json', dir)
  const issues = await readJson<Record<string, IssuePayload[]>>('issues.json', dir)

  let starterProjects = 0
  let ratedProjects = 0
  await db.transaction().execute(async (trx) => {
    for (const payload of repositories) {
      // The source records no comments, reactions or times of activity (see the converter).
      await upsertRepository({ ...mapRepository(payload), history_recorded: false }, trx)
      await upsertLabels(
        (labels[payload.full_name] ?? []).map((label) => mapLabel(label, payload.id)),
        trx,
      )
      await upsertIssues(
        (issues[payload.full_name] ?? []).map((issue) => mapIssue(issue, payload.id)),
        trx,
      )
    }
    const starter = await loadDemoStarterProjects(trx, dir, { triaged })
    starterProjects = starter.created
    ratedProjects = starter.rated
    await loadDemoRoadmap(trx, path.join(dir, 'roadmap.json'), { triaged })
  })
  return {
    starterProjects,
    ratedProjects,
    repositories: repositories.length,
    issues: Object.values(issues).reduce((sum, list) => sum + list.length, 0),
  }
}

/** Seeds the demo only into a database that mirrors nothing yet, so real data is never mixed in. */
export async function seedDemoIfEmpty(db: Database = getDb(), options: { triaged?: boolean } = {}) {
  if ((await countRepositories(db)) > 0) return null
  return loadDemoData(db, DEMO_SEED_DIR, options)
}

/**
 * `npm run db:seed`: the demo, loaded or reloaded, but never into a database that mirrors GitHub:
 * its repositories bear the real names with made-up ids, so it would fail on the names the mirror
 * holds, or mix demo issues and demo people's ratings into the real board.
 */
export async function seedDemo(db: Database = getDb(), options: { triaged?: boolean } = {}) {
  const mirrored = await listRepositoryNamesFrom('github', db)
  if (mirrored.length > 0) {
    refuse(
      `This database mirrors GitHub (${mirrored.length} ${mirrored.length === 1 ? 'repository' : 'repositories'}: ${mirrored.slice(0, 3).join(', ')}${mirrored.length > 3 ? '…' : ''}): the demo is never loaded into it. Load the demo into a database of its own: a new DATA_DIR folder, or an empty database in DATABASE_URL.`,
    )
  }
  return loadDemoData(db, DEMO_SEED_DIR, options)
}
