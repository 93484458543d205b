/**
 * Links from an idea to GitHub: "owner/name#12" (an issue or pull request), "owner/name" (a
 * repository), or the same as a github.com address. Stored in the short form so that they can
 * be matched against the mirror, whatever the case or form they were typed in.
 */
export type IdeaLinkRef = { ref: string; repo: string; number: number | null }

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}'
const SHORT = new RegExp(`^(${NAME})(?:#(\\d{1,9}))?$`)
const URL_FORM = new RegExp(
  `^https?://(?:www\\.)?github\\.com/(${NAME}?)(?:/(?:issues|pull)/(\\d{1,9}))?/?(?:[?#].*)?$`,
  'i',
)

export function parseIdeaLink(text: string): IdeaLinkRef | null {
  const value = text.trim()
  const match = SHORT.exec(value) ?? URL_FORM.exec(value)
  if (!match) return null
  const repo = match[1]!.replace(/\.git$/, '')
  const number = match[2] ? Number(match[2]) : null
  if (number === 0) return null
  return { ref: number === null ? repo : `${repo}#${number}`, repo, number }
}

/** Splits a text area of links (one per line or comma-separated) into links and problems. */
export function parseIdeaLinks(text: string) {
  const links: IdeaLinkRef[] = []
  const problems: string[] = []
  for (const part of text.split(/[\n,]+/)) {
    if (!part.trim()) continue
    const link = parseIdeaLink(part)
    if (!link) {
      problems.push(
        `"${part.trim()}" is not a GitHub issue or repository (write owner/name#123 or owner/name).`,
      )
    } else if (!links.some((other) => other.ref.toLowerCase() === link.ref.toLowerCase())) {
      links.push(link)
    }
  }
  return { links, problems }
}

export function githubUrlFor(link: { repo: string; number: number | null }) {
  return link.number === null
    ? `https://github.com/${link.repo}`
    : `https://github.com/${link.repo}/issues/${link.number}`
}
