import { Link } from '@remix-run/react'

import { SyncOnceAdvice } from './sync-once'

/**
 * What maintainers read on /sync when this server does not sweep: that SYNC_INTERVAL turned it
 * off (another instance on the same database sweeps, or `npm run sync` does), or how to turn it on.
 */
export function SyncOffForOperators({
  isTurnedOff,
  isEmbeddedDatabase,
}: {
  isTurnedOff: boolean
  isEmbeddedDatabase: boolean
}) {
  if (isTurnedOff) {
    return (
      <>
        Scheduled sync is off on this server: <code>SYNC_INTERVAL</code> is <code>off</code>, so it
        leaves sweeping to another server on the same database, or to <code>npm run sync</code>.
        Each repository below is as fresh as its last sync.
      </>
    )
  }
  return (
    <>
      Scheduled sync is off. Install the board as a GitHub App (<code>GITHUB_APP_ID</code>,{' '}
      <code>GITHUB_APP_PRIVATE_KEY</code>; see{' '}
      <Link to="/setup" className="text-blue-700 underline">
        setup
      </Link>
      ) or set <code>BOARD_REPOS</code> and <code>GITHUB_TOKEN</code> to mirror repositories every{' '}
      <code>SYNC_INTERVAL</code>. <SyncOnceAdvice isEmbeddedDatabase={isEmbeddedDatabase} />
    </>
  )
}
