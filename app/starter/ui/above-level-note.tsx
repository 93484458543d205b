import { Link } from '@remix-run/react'

// Under the finder's results: how many projects not done yet (open or claimed: "open" alone is
// what the badges and the home page call free to take) the background's level leaves out, with the
// link that lists them too. The home page counts every open project ("34 open and free to take"),
// and the finder, listing 16, said nowhere that the rest were above her level.

export function AboveLevelNote({
  count,
  href,
  isBackgroundChosen,
}: {
  count: number
  href: string
  /** Before she tells her background, the list is the easiest: "your level" is nobody's yet. */
  isBackgroundChosen: boolean
}) {
  if (count === 0) return null
  const one = count === 1
  return (
    <p className="mt-4 text-sm text-slate-700">
      {count} more {one ? 'project' : 'projects'}, open or claimed, {one ? 'is' : 'are'}{' '}
      {isBackgroundChosen ? 'rated above your level' : 'harder than these'}, so{' '}
      {one ? 'it is' : 'they are'} not listed.{' '}
      <Link to={href} className="text-blue-700 underline">
        Show {one ? 'it' : 'them'} too
      </Link>{' '}
      (marked “above your level”).
    </p>
  )
}
