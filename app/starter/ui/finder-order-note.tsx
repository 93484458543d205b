// How the finder orders its results, in words (the rule is finder.ts's), and the same results as
// an Atom feed of new projects and as JSON.

export function FinderOrderNote({
  languageName,
  domain,
  query,
}: {
  languageName: string
  /** The domain filter, if any: the feed follows it. */
  domain: string | null
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
      <p className="mt-1">
        Only open projects within your level are listed: {languageName} difficulty up to 1★, 2★ or
        3★ for your level; domain difficulty up to 3★ in a domain you know and 1★ elsewhere (tick
        “Show projects above my level” to see the rest). Projects nobody has rated yet are never
        hidden and never passed off as easy: they say “unrated”. First come the projects that fit
        you: rated on both axes within your level, a size that fits your time, in a domain you know
        (its main domain or one of its others; any domain if you named none). They rank above every
        unrated or unknown-size project. Then, in each of those two groups: your domains first (a
        project’s main domain before its other domains), unclaimed before claimed (an elastic
        project has room for several people), mentored first if you want a mentor, sizes that fit
        your time, rated before unrated, easier first, newest first. A search only narrows the list;
        it never changes the order.
      </p>
      <p className="mt-2">
        <a
          href={`/starter/feed.atom${domain ? `?domain=${encodeURIComponent(domain)}` : ''}`}
          className="text-blue-700 underline"
        >
          Atom feed of new projects{domain ? ` in ${domain}` : ''}
        </a>{' '}
        ·{' '}
        <a
          href={`/api/starter-projects${query ? `?${query}` : ''}`}
          className="text-blue-700 underline"
        >
          These results as JSON
        </a>
      </p>
    </section>
  )
}
