/**
 * The header's link home: the board's name and, on a community's own board, whose board it is
 * (app/setup/board-name.ts), so a page reached from a link says it.
 */
export function SiteName({ boardName }: { boardName: string | null }) {
  return (
    <a
      href="/"
      className="order-1 inline-flex min-h-10 items-center whitespace-nowrap text-lg font-bold tracking-tight text-slate-900"
    >
      Pioneer Board
      {boardName ? (
        // Cut short rather than wrapped: the header keeps one row on a phone. The title shows it whole.
        <span
          title={boardName}
          className="ml-2 max-w-[10rem] truncate font-normal text-slate-600 sm:max-w-[16rem]"
        >
          {boardName}
        </span>
      ) : null}
    </a>
  )
}
