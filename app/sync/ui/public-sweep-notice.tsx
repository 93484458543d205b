import type { SweepShortfall } from '~/sync/scheduler.server'
import { countOf } from '~/utils/format'

/**
 * On /sync, for the public: the last sweep failed as a whole (no shortfall to count), or synced
 * some repositories and could not find some names. Only the first is "the last sweep failed".
 */
export function PublicSweepNotice({ shortfall }: { shortfall: SweepShortfall | null }) {
  if (!shortfall || shortfall.unresolved === 0) {
    return (
      <p role="alert" className="mt-1 text-red-700">
        The last sweep failed, so the mirror may be behind GitHub; the maintainers can see why on
        this page.
      </p>
    )
  }
  const { synced, failed, unresolved, isUnreachable } = shortfall
  const repositories =
    failed > 0
      ? `${synced} of ${countOf(synced + failed, 'repository', 'repositories')}`
      : synced === 0
        ? 'no repository'
        : countOf(synced, 'repository', 'repositories')
  const names = unresolved === 1 ? 'one name' : `${unresolved} names`
  return (
    <p role="alert" className="mt-1 text-red-700">
      The last sweep synced {repositories}; {names} it is set to mirror could not be{' '}
      {isUnreachable ? 'looked up (GitHub did not answer)' : 'found on GitHub'}, so{' '}
      {unresolved === 1 ? 'it is' : 'they are'} not mirrored. The maintainers can see which on this
      page.
    </p>
  )
}
