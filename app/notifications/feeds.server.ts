import { getDb, type Database } from '../../db/client.server'
import { findReleaseTarget } from '../roadmap/roadmap.server'

/**
 * The board's Atom feeds, offered on My work and the notification settings to whoever would
 * rather follow from a feed reader than come back to look: new starter projects and the newest
 * release target's decisions. The decisions feed answers 404 with no release target, so it is
 * offered only when there is one.
 */
export async function listFeeds(db: Database = getDb()) {
  const target = await findReleaseTarget(null, db)
  return {
    starter: '/starter/feed.atom',
    decisions: target
      ? { href: `/roadmap/decisions.atom?target=${target.slug}`, target: target.name }
      : null,
  }
}

export type Feeds = Awaited<ReturnType<typeof listFeeds>>
