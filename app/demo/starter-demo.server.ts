import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Database } from '../../db/client.server'
import { starterProjectInputSchema } from '../starter/project-input'
import { createStarterProject } from '../starter/project.server'
import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'

/** One project as scripts/convert-pioneer-projects.ts writes it. */
type StarterProjectSeed = {
  key: string
  title: string
  summary: string
  primaryDomain: string
  secondaryDomains: string[]
  languageStars: null | 1 | 2 | 3
  domainStars: null | 1 | 2 | 3
  size: null | 'day' | 'week' | 'month' | 'elastic'
  status: 'open' | 'done' | 'inactive'
  mentors: string[]
  repos: string[]
  relatedIssues: string[]
  readFirst: string
  legacyNote: string | null
  createdAt: string
}

/**
 * Loads the 48 MirageOS Pioneer Projects as starter projects, through the same validation as
 * the tagging form (with the MirageOS domains, whatever STARTER_DOMAINS says). Projects already
 * loaded (by source key) are left alone, so a maintainer's later edits survive a re-seed.
 */
export async function loadDemoStarterProjects(db: Database, dir: string) {
  const seeds = JSON.parse(
    await readFile(path.join(dir, 'starter-projects.json'), 'utf8'),
  ) as StarterProjectSeed[]
  const known = new Set(
    (await db.selectFrom('starter_project').select('source_key').execute()).map(
      (row) => row.source_key,
    ),
  )
  const schema = starterProjectInputSchema(DEFAULT_STARTER_DOMAINS)
  let created = 0
  for (const seed of seeds) {
    if (known.has(seed.key)) continue
    const input = schema.parse({
      ...seed,
      languageStars: seed.languageStars === null ? 'unrated' : String(seed.languageStars),
      domainStars: seed.domainStars === null ? 'unrated' : String(seed.domainStars),
      size: seed.size ?? '',
      mentors: seed.mentors.join('\n'),
      repos: seed.repos.join('\n'),
      relatedIssues: seed.relatedIssues.join('\n'),
    })
    await createStarterProject(input, null, db, {
      sourceKey: seed.key,
      legacyNote: seed.legacyNote,
      createdAt: new Date(seed.createdAt),
    })
    created++
  }
  return created
}
