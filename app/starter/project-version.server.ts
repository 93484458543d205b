import { sql } from 'kysely'

import { getDb, type Database } from '../../db/client.server'
import { refuse } from '../utils/refusal'

// A starter project's version, so a form that rewrites a project (the triage queue, the edit page)
// can tell that someone else saved it since the form was loaded, instead of overwriting their work.

// Its last change to the microsecond (a JavaScript Date keeps milliseconds, and two saves can fall
// in one).
const VERSION = sql<string>`(extract(epoch from updated_at) * 1000000)::bigint::text`

/** The version a form carries; '' for no such project. */
export async function getProjectVersion(projectId: number, db: Database = getDb()) {
  const row = await db
    .selectFrom('starter_project')
    .select(VERSION.as('version'))
    .where('id', '=', projectId)
    .executeTakeFirst()
  return row?.version ?? ''
}

/** Why a save against a changed project was refused; the caller says what the person can do now. */
export function changedMeanwhile(updatedAt: Date) {
  return `Someone else changed this project since you loaded it (at ${updatedAt.toISOString().slice(11, 19)} UTC); nothing was saved.`
}

/**
 * Locks the project for the rest of the transaction and says whether it is still at `version`
 * (`isCurrent`), with its version now. Refuses a missing project (404) or a form that carries no
 * version (400).
 */
export async function lockProjectVersion(projectId: number, version: string, db: Database) {
  const row = await db
    .selectFrom('starter_project')
    .select(['updated_at', VERSION.as('version')])
    .where('id', '=', projectId)
    .forUpdate()
    .executeTakeFirst()
  if (!row) refuse('There is no such starter project.', 404)
  if (!/^\d{1,20}$/.test(version)) {
    refuse('This form does not say which version of the project it changes: reload the page.')
  }
  return { isCurrent: version === row.version, version: row.version, updatedAt: row.updated_at }
}
