import { Link } from '@remix-run/react'

import { Notice } from '~/components/notice'

/**
 * Above what the mirror lists, while repositories have not finished their first sync: empty
 * lists and zero counts then mean "not read yet", not "there are none".
 */
export function FirstSyncNotice({
  progress,
  className,
}: {
  /** countRepositoriesAwaitingFirstSync's answer. */
  progress: { awaiting: number; total: number }
  className?: string
}) {
  const { awaiting, total } = progress
  if (awaiting === 0) return null
  const which =
    awaiting < total
      ? `${awaiting} of the ${total} repositories`
      : total === 1
        ? 'the repository'
        : `any of the ${total} repositories`
  return (
    <Notice tone="info" className={className}>
      The first sync from GitHub has not finished for {which} yet, so{' '}
      {awaiting === 1 ? 'its' : 'their'} issues are not all here:{' '}
      <Link to="/sync" className="font-medium text-blue-700 underline">
        see how the sync is going
      </Link>
      .
    </Notice>
  )
}
