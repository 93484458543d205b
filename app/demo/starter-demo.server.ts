import { readFile } from 'node:fs/promises'
import path from 'node:path'

import type { Database } from '../../db/client.server'
import { starterProjectInputSchema } from '../starter/project-input'
import { createStarterProject } from '../starter/project.server'
import { DEFAULT_STARTER_DOMAINS } from '../utils/env.server'

import { loadDemoTriage, seedFormValues } from './starter-triage-demo.server'

/** One project as scripts/convert-pioneer-projects.ts writes it. */
export type StarterProjectSeed = {
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
  listedEra: string | null
}

/**
 * Loads the 48 MirageOS Pioneer Projects as starter projects, through the same validation as
 * the tagging form (with the MirageOS domains, whatever STARTER_DOMAINS says). Projects already
 * loaded (by source key) are left alone, so a maintainer's later edits survive a re-seed.
 * `triaged`: the demo people then rate, claim and report on the projects this load created
 * (starter-triage-demo.server.ts); without it the projects stay as the 2015 list left them.
 */
export async function loadDemoStarterProjects(
  db: Database,
  dir: string,
  { triaged = true }: { triaged?: boolean } = {},
) {
  const seeds = JSON.parse(
    await readFile(path.join(dir, 'starter-projects.json'), 'utf8'),
  ) as StarterProjectSeed[]
  const known = new Set(
    (await db.selectFrom('starter_project').select('source_key').execute()).map(
      (row) => row.source_key,
    ),
  )
  const schema = starterProjectInputSchema(DEFAULT_STARTER_DOMAINS)
  const created = new Map<string, number>()
  for (const seed of seeds) {
    if (known.has(seed.key)) continue
    const input = schema.parse(seedFormValues(seed))
    const id = await createStarterProject(input, null, db, {
      sourceKey: seed.key,
      legacyNote: seed.legacyNote,
      createdAt: new Date(seed.createdAt),
      listedEra: seed.listedEra,
    })
    created.set(seed.key, id)
  }
  const rated = triaged ? await loadDemoTriage(db, seeds, created) : 0
  return { created: created.size, rated }
}
