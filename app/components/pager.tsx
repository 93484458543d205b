import { Link } from '@remix-run/react'

/** "First page" and "Next page" links under a keyset-paged list. */
export function Pager({
  isFirstPage,
  firstPage,
  nextPage,
  nextLabel = 'Next page',
}: {
  isFirstPage: boolean
  firstPage: string
  nextPage: string | null
  nextLabel?: string
}) {
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
      {!isFirstPage ? (
        <Link to={firstPage} className="inline-flex min-h-10 items-center text-blue-700 underline">
          ← First page
        </Link>
      ) : null}
      {nextPage ? (
        <Link to={nextPage} className="inline-flex min-h-10 items-center text-blue-700 underline">
          {nextLabel} →
        </Link>
      ) : null}
    </nav>
  )
}
