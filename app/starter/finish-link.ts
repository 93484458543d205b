import { GITHUB_FULL_NAME } from '../utils/github-names'
import { MAX_INTEGER } from '../utils/id'

// What a newcomer may give when she says she finished a starter project: the pull request (or
// issue) that did it, as she copies it from GitHub, so whoever reads "finished" can see the work
// rather than take her word alone. Only github.com addresses and `owner/repo#N` are accepted:
// anything else (another site, a `javascript:` address) could be shown as a link to everyone.

/** Longer than any real pull request's address; a cap so a huge post is refused, not stored. */
export const FINISH_LINK_MAX = 200

export type FinishLink = {
  fullName: string
  number: number
  /** From the address; the short form does not say, and GitHub sends /issues/N on to a PR. */
  kind: 'pull' | 'issues' | null
}

const URL_FORM =
  /^https:\/\/(?:www\.)?github\.com\/([^/\s]+\/[^/\s]+)\/(pull|issues)\/(\d+)(?:\/[a-z]*)?\/?(?:[?#][^\s]*)?$/i
const SHORT_FORM = /^([^/\s#]+\/[^/\s#]+)#(\d+)$/

export const FINISH_LINK_EXAMPLE = 'https://github.com/owner/repo/pull/123 or owner/repo#123'

/**
 * The link a finisher typed, or why it is refused (words completing "Your link …"). Empty is
 * no link: giving one stays optional.
 */
export function parseFinishLink(
  input: string,
): { link: FinishLink | null; problem: null } | { link: null; problem: string } {
  const text = input.trim()
  if (text === '') return { link: null, problem: null }
  if (text.length > FINISH_LINK_MAX) {
    return { link: null, problem: `is too long: at most ${FINISH_LINK_MAX} characters` }
  }
  // A NUL or a line break is never part of an address someone copied; said plainly, not as
  // "not a GitHub pull request".
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return { link: null, problem: 'has a control character in it: paste the address alone' }
  }
  const url = URL_FORM.exec(text)
  const short = url ? null : SHORT_FORM.exec(text)
  const [, fullName, kind, digits] = url ?? (short ? [short[0], short[1], null, short[2]] : [])
  if (!fullName || !digits || !GITHUB_FULL_NAME.test(fullName)) {
    return {
      link: null,
      problem: `is not a GitHub pull request or issue: give its address or owner/repo#number, like ${FINISH_LINK_EXAMPLE}`,
    }
  }
  const number = Number(digits)
  if (!Number.isSafeInteger(number) || number < 1 || number > MAX_INTEGER) {
    return { link: null, problem: `has no such number: #${digits} is not a GitHub number` }
  }
  return {
    link: {
      fullName,
      number,
      kind: kind ? (kind.toLowerCase() as 'pull' | 'issues') : null,
    },
    problem: null,
  }
}

/** How a link is stored and shown in full: its address when one was given, else owner/repo#N. */
export function formatFinishLink(link: FinishLink) {
  return link.kind
    ? `https://github.com/${link.fullName}/${link.kind}/${link.number}`
    : finishLinkRef(link)
}

/** The short name people read: owner/repo#N. */
export function finishLinkRef(link: FinishLink) {
  return `${link.fullName}#${link.number}`
}

/** On GitHub: /issues/N for the short form, which GitHub sends on to a pull request. */
export function finishLinkOnGitHub(link: FinishLink) {
  return `https://github.com/${link.fullName}/${link.kind ?? 'issues'}/${link.number}`
}
