import type { Stars } from '../../db/schema'
import { renderAtomFeed } from '../utils/atom'
import { renderMarkdown } from '../utils/markdown.server'

import { feedFilterWords, feedTitle, feedToSearchParams, type FeedQuery } from './feed-query'
import type { FeedProject } from './finder.server'
import { SIZE_LABELS } from './project-input'

// The Atom feed of new starter projects, written by the board's one Atom writer (utils/atom.ts);
// the HTML content is the sanitised markdown summary.

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
  const demo = project.rated_by_demo ? ' (rated by a demo person: a demo action)' : ''
  return `${domains} · ${languageName} ${starsText(project.language_stars)} · ${project.primary_domain} ${starsText(project.domain_stars)}${demo} · ${size}`
}

function entryHtml(project: FeedProject, languageName: string, origin: string) {
  const mentors =
    project.mentors.length > 0
      ? `Mentors: ${project.mentors.map((mentor) => escapeHtml(mentor.name)).join(', ')}`
      : 'No mentor listed'
  // The stars mean what the rubric says: a reader away from the board gets the link, as pages do.
  const rubric = `<a href="${escapeHtml(`${origin}/starter/rubric`)}">How we rate difficulty</a>`
  return `<p>${escapeHtml(projectSummaryLine(project, languageName))}</p><p>${mentors}</p>${renderMarkdown(project.summary)}<p>${rubric}</p>`
}

export function renderStarterFeed({
  projects,
  origin,
  feed,
  languageName,
  now = new Date(),
}: {
  projects: FeedProject[]
  /** Absolute origin of the board, without a trailing slash. */
  origin: string
  /** The feed's background and filters, kept in its own address and said in its title. */
  feed: FeedQuery
  languageName: string
  now?: Date
}) {
  const params = feedToSearchParams(feed)
  const query = params.size > 0 ? `?${params}` : ''
  const filterWords = feedFilterWords(feed, languageName)
  const filtered = filterWords.length > 0 ? ` Only these: ${filterWords.join('; ')}.` : ''
  return renderAtomFeed({
    feedUrl: `${origin}/starter/feed.atom${query}`,
    pageUrl: `${origin}/starter${query}`,
    title: `${feedTitle(feed, languageName)} · Pioneer Board`,
    subtitle: `Projects for newcomers, rated on two axes: ${languageName} and the domain.${filtered}`,
    now,
    entries: projects.map((project) => ({
      url: `${origin}/starter/${project.id}`,
      title: project.title,
      published: project.created_at,
      // Its last known change (finder.server.ts lastChange), never the demo's load time.
      updated: project.last_change,
      categories: [project.primary_domain, ...project.secondary_domains],
      summary: projectSummaryLine(project, languageName),
      contentHtml: entryHtml(project, languageName, origin),
    })),
  })
}
