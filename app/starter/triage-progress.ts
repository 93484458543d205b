import { cappedCount, capitalise } from '../utils/format'

// The triage page's one line of progress, in words a maintainer can act on.

export type TriageCount = { count: number; isCapped: boolean }

/**
 * The open projects the queue holds: `toRate` of them lack a rating on either axis or a size (the
 * queue's first part), the rest only a mentor one can reach.
 */
export type ProjectsToTriage = { total: number; toRate: number }

/** What the queue holds: projects counted in full, candidate issues up to a page (isCapped past it). */
export type TriageContents = { projects: ProjectsToTriage; candidates: TriageCount }

function openProjects(count: number) {
  return `${count.toLocaleString('en')} open starter ${count === 1 ? 'project' : 'projects'}`
}

/**
 * Open projects the queue holds, in the words the maintainers' home list uses too: the two must
 * count the same things the same way, or the queue reads as holding more than it was said to.
 * The two parts are named apart, in the queue's order, so that an old list whose mentors are names
 * alone does not read as a queue where nothing is rated.
 */
export function projectsToTriage({ total, toRate }: ProjectsToTriage) {
  const mentorOnly = total - toRate
  if (mentorOnly === 0) return `${openProjects(toRate)} to rate or size`
  if (toRate === 0) return `${openProjects(mentorOnly)} missing only a mentor one can reach`
  return `${openProjects(total)} to triage: ${toRate.toLocaleString('en')} to rate or size, then ${mentorOnly.toLocaleString('en')} missing only a mentor one can reach`
}

/**
 * What the queue holds and where this item sits in it: skipping moves along the queue, only saving
 * or setting aside shortens it, so the words never count a skipped item as done. The projects and
 * the candidate issues (not starter projects yet) are named apart, as the home page counts only
 * the projects. Candidates are counted only up to a page (the check for linked pull requests is
 * dear), so a capped count says "more than N" rather than "N+", which read as N. Past the cap the
 * counts stand still however much is done, so the line also says how many items this sitting has
 * dealt with.
 */
export function describeQueueProgress(left: TriageCount, contents: TriageContents, doneHere = 0) {
  const { projects, candidates } = contents
  const holds = [
    projects.total > 0 ? projectsToTriage(projects) : null,
    candidates.count > 0
      ? `${cappedCount(candidates)} ${
          candidates.count === 1
            ? 'issue that could become a starter project'
            : 'issues that could become starter projects'
        }`
      : null,
  ]
    .filter(Boolean)
    .join(', and ')
  const after = { count: left.count - 1, isCapped: left.isCapped }
  const text = `${holds} · ${cappedCount(after)} after this one${
    doneHere > 0 ? ` · ${doneHere.toLocaleString('en')} done so far` : ''
  }`
  return capitalise(text)
}

/**
 * How many items this sitting has saved or set aside: carried from page to page in the address
 * (`sitting`), so it costs no query and belongs to no one but the person triaging. Anything that is
 * not a whole number in range reads as 0.
 */
export function parseSittingCount(value: string | null): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return 0
  return Number(value)
}

/**
 * The queue's address, narrowed to `domain` when one is given: the pages that say "waiting for a
 * rating in storage" link here, so the maintainer rates storage's projects without skipping the
 * rest. `extra` carries the position, the outcome and the sitting along.
 */
export function triageHref(domain: string | null, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ ...(domain === null ? {} : { domain }), ...extra }).toString()
  return query ? `/starter/triage?${query}` : '/starter/triage'
}

/**
 * `?domain=`: absent or empty is the whole queue; one of the board's domains (exactly as
 * configured) narrows it; anything else is refused with the domains it could have been.
 */
export function parseTriageDomain(
  value: string | null,
  domains: readonly string[],
): { domain: string | null } | { problem: string } {
  if (value === null || value === '') return { domain: null }
  if (domains.includes(value)) return { domain: value }
  const shown = value.length > 50 ? `${value.slice(0, 50)}…` : value
  return {
    problem: `“${shown}” is not one of this board’s domains (${domains.join(', ')}), so the triage queue cannot be narrowed to it. The whole queue is at /starter/triage.`,
  }
}

/** "3 waiting in storage · 18 in all · 2 after this one": a narrowed queue, and the whole one. */
export function describeNarrowedProgress(
  domain: string,
  left: TriageCount,
  inDomain: number,
  inAll: TriageCount,
  doneHere = 0,
) {
  const after = { count: left.count - 1, isCapped: left.isCapped }
  return [
    `${inDomain.toLocaleString('en')} waiting in ${domain}`,
    `${cappedCount(inAll)} in all`,
    `${cappedCount(after)} after this one`,
    ...(doneHere > 0 ? [`${doneHere.toLocaleString('en')} done so far`] : []),
  ].join(' · ')
}
