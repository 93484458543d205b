import type { Stars } from '../../db/schema'
import { renderMarkdown } from '../utils/markdown.server'

import type { FeedProject } from './finder.server'
import { SIZE_LABELS } from './project-input'

// The Atom feed of new starter projects (RFC 4287). Everything from people is escaped for XML;
// the HTML content is the sanitised markdown summary, escaped once more as the feed's text.

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

function escapeHtml(text: string) {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

function starsText(stars: Stars | null) {
  return stars === null ? 'unrated' : `${'★'.repeat(stars)}${'☆'.repeat(3 - stars)}`
}

/** One line a feed reader shows under the title. */
export function projectSummaryLine(project: FeedProject, languageName: string) {
  const domains = [project.primary_domain, ...project.secondary_domains].join(', ')
  const size = project.size ? SIZE_LABELS[project.size] : 'size unknown'
  return `${domains} · ${languageName} ${starsText(project.language_stars)} · domain ${starsText(project.domain_stars)} · ${size}`
}

function entryHtml(project: FeedProject, languageName: string) {
  const mentors =
    project.mentors.length > 0
      ? `Mentors: ${project.mentors.map((mentor) => escapeHtml(mentor.name)).join(', ')}`
      : 'No mentor listed'
  return `<p>${escapeHtml(projectSummaryLine(project, languageName))}</p><p>${mentors}</p>${renderMarkdown(project.summary)}`
}

export function renderStarterFeed({
  projects,
  origin,
  domain,
  search = {},
  languageName,
  now = new Date(),
}: {
  projects: FeedProject[]
  /** Absolute origin of the board, without a trailing slash. */
  origin: string
  domain: string | null
  /** The feed's other filters, kept in its own address. */
  search?: { q?: string | null; repo?: string | null; status?: string }
  languageName: string
  now?: Date
}) {
  const params = new URLSearchParams()
  if (domain) params.set('domain', domain)
  if (search.q) params.set('q', search.q)
  if (search.repo) params.set('repo', search.repo)
  if (search.status && search.status !== 'open') params.set('status', search.status)
  const query = params.size > 0 ? `?${params}` : ''
  const feedUrl = `${origin}/starter/feed.atom${query}`
  const pageUrl = `${origin}/starter${query}`
  // The feed changed when its newest entry did; an empty feed says "now".
  const updated = projects.reduce<Date | null>(
    (latest, project) => (!latest || project.updated_at > latest ? project.updated_at : latest),
    null,
  )
  const entries = projects.map((project) => {
    const url = `${origin}/starter/${project.id}`
    const categories = [project.primary_domain, ...project.secondary_domains]
      .map((name) => `    <category term="${escapeXml(name)}"/>`)
      .join('\n')
    return `  <entry>
    <id>${escapeXml(url)}</id>
    <title type="text">${escapeXml(project.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <published>${project.created_at.toISOString()}</published>
    <updated>${project.updated_at.toISOString()}</updated>
${categories}
    <summary type="text">${escapeXml(projectSummaryLine(project, languageName))}</summary>
    <content type="html">${escapeXml(entryHtml(project, languageName))}</content>
  </entry>`
  })
  const title = domain ? `New starter projects in ${domain}` : 'New starter projects'
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(feedUrl)}</id>
  <title type="text">${escapeXml(`${title} · Pioneer Board`)}</title>
  <subtitle type="text">Projects for newcomers, rated on two axes: ${escapeXml(languageName)} and the domain.</subtitle>
  <updated>${(updated ?? now).toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(pageUrl)}"/>
  <author><name>Pioneer Board</name></author>
  <generator>Pioneer Board</generator>
${entries.join('\n')}
</feed>
`
}
