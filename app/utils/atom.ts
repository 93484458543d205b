// The board's one Atom writer (RFC 4287): a feed's head and its entries as XML, everything from
// people escaped. The starter projects' feed and the roadmap's decisions feed both go through it;
// each says what its entries are.

// Characters XML 1.0 forbids outright; a title pasted from a terminal could hold one.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

export function escapeXml(text: string) {
  return text
    .replace(FORBIDDEN_IN_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

export type AtomEntry = {
  /** Absolute address of the entry's page; also its id. */
  url: string
  title: string
  published: Date
  updated: Date
  categories?: string[]
  summary: string
  /** Sanitised HTML, escaped once more as the feed's text. */
  contentHtml: string
}

export function renderAtomFeed({
  feedUrl,
  pageUrl,
  title,
  subtitle,
  entries,
  now = new Date(),
}: {
  feedUrl: string
  pageUrl: string
  title: string
  subtitle: string
  entries: AtomEntry[]
  /** The feed's date when it has no entry. */
  now?: Date
}) {
  // The feed changed when its newest entry did; an empty feed says "now".
  const updated = entries.reduce<Date | null>(
    (latest, entry) => (!latest || entry.updated > latest ? entry.updated : latest),
    null,
  )
  const body = entries.map((entry) => {
    const categories = (entry.categories ?? []).map(
      (name) => `\n    <category term="${escapeXml(name)}"/>`,
    )
    return `  <entry>
    <id>${escapeXml(entry.url)}</id>
    <title type="text">${escapeXml(entry.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>
    <published>${entry.published.toISOString()}</published>
    <updated>${entry.updated.toISOString()}</updated>${categories.join('')}
    <summary type="text">${escapeXml(entry.summary)}</summary>
    <content type="html">${escapeXml(entry.contentHtml)}</content>
  </entry>`
  })
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feedUrl)}</id>
  <title type="text">${escapeXml(title)}</title>
  <subtitle type="text">${escapeXml(subtitle)}</subtitle>
  <updated>${(updated ?? now).toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(pageUrl)}"/>
  <author><name>Pioneer Board</name></author>
  <generator>Pioneer Board</generator>
${body.join('\n')}
</feed>
`
}
