// How the finder orders its results, in words (the rule is finder.ts's), and the same results as
// an Atom feed of new projects (for the same background and filters) and as JSON.

import { axisName, axisNameInSentence } from '../axes'

export function FinderOrderNote({
  languageName,
  feedHref,
  feedTitle,
  query,
}: {
  languageName: string
  /** The feed of new projects for the finder's background and filters (feed-query.ts). */
  feedHref: string
  feedTitle: string
  /** The finder's canonical query string. */
  query: string
}) {
  return (
    <section
      aria-labelledby="order-heading"
      className="mt-6 rounded border border-slate-200 bg-white p-3 text-sm text-slate-700"
    >
      <h2 id="order-heading" className="font-semibold text-slate-900">
        How results are ordered
      </h2>
      {/* The gist in one line; the whole rule folds away (a phone would show twenty lines of it),
          in a native disclosure so it opens without script and reads as "collapsed" aloud. */}
      <p className="mt-1">
        {/* “Open” is what the badges and the home page call free to take: claimed ones are listed
            too, so the list is said as projects not done yet. */}
        Only projects not done yet (open or claimed) within your level are listed, those that fit
        you first; a search only narrows the list.
      </p>
      <details className="mt-1">
        <summary className="cursor-pointer py-2 text-blue-700 sm:py-1">The full rule</summary>
        <p className="mt-1">
          Only projects not done yet (open or claimed) within your level are listed:{' '}
          {axisName('language', languageName)} up to 1★, 2★ or 3★ for your level;{' '}
          {axisNameInSentence('domain', languageName)} up to 3★ in a domain you know and 1★
          elsewhere (tick “Show projects above my level” to see the rest). Projects nobody has rated
          yet are never hidden and never passed off as easy: they say “unrated”. First come the
          projects that fit you: rated on both axes within your level, a size that fits your time,
          in a domain you know (its main domain or one of its others; any domain if you named none).
          They rank above every unrated or unknown-size project. Then, in each of those two groups:
          unclaimed before claimed (someone is working on a claimed one now; an elastic project has
          room for several people), your domains first (a project’s main domain before its other
          domains), mentored first if you want a mentor (one you can reach: a name alone is not),
          sizes that fit your time, rated before unrated, easier first, newest first. A search only
          narrows the list; it never changes the order.
        </p>
      </details>
      <p className="mt-2">
        <a href={feedHref} title={feedTitle} className="text-blue-700 underline">
          Atom feed of new projects for you
        </a>{' '}
        ·{' '}
        <a
          href={`/api/starter-projects${query ? `?${query}` : ''}`}
          className="text-blue-700 underline"
        >
          These results as JSON
        </a>
      </p>
      <p className="mt-1 text-slate-600">
        The feed follows your background and filters above (not the page you are on): it brings the
        new projects this finder would list for them, newest first.
      </p>
    </section>
  )
}
