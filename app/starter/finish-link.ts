import { GITHUB_FULL_NAME } from '../utils/github-names'
import { parseId } from '../utils/id'

// What a newcomer may give when she says she finished a starter project: the pull request (or
// issue) that did it, its address as she copies it from GitHub, so whoever reads "finished" can
// see the work rather than take her word alone. Only https://github.com/OWNER/REPO/pull/N or
// /issues/N is accepted, read with the URL class (not a pattern over the text: a URL's host,
// scheme and user part are where hostile addresses hide), or `owner/repo#N` as GitHub writes
// references, which is turned into a github.com address by construction. Anything else (another
// site, http:, a `javascript:` address) could be shown as a link to everyone.

/** Longer than any real pull request's address; a cap so a huge post is refused, not stored. */
export const FINISH_LINK_MAX = 200

export type FinishLink = {
  fullName: string
  number: number
  /** From the address; `owner/repo#N` does not say, and GitHub sends /issues/N on to a PR. */
  kind: 'pull' | 'issues' | null
}

export const FINISH_LINK_EXAMPLE = 'https://github.com/owner/repo/pull/123'

const NOT_A_LINK = `is not a GitHub pull request or issue: paste its address, like ${FINISH_LINK_EXAMPLE}, or write owner/repo#123`

const SHORT_FORM = /^([^/\s#]+\/[^/\s#]+)#(\d+)$/

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
  const short = SHORT_FORM.exec(text)
  if (short) {
    const [, fullName = '', digits = ''] = short
    if (!GITHUB_FULL_NAME.test(fullName)) return { link: null, problem: NOT_A_LINK }
    return numbered(fullName, digits, null)
  }
  // The URL class forgives what no copied address has (a backslash for a slash, spaces inside):
  // such text is refused before it can be read as github.com.
  if (/[\s\\]/.test(text)) return { link: null, problem: NOT_A_LINK }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { link: null, problem: NOT_A_LINK }
  }
  if (url.protocol === 'http:' && url.host === 'github.com') {
    return { link: null, problem: 'starts with http://: GitHub’s addresses start with https://' }
  }
  // `url.host` holds any port: github.com:8443 is not GitHub's page. A user part
  // (https://github.com@evil.example/…, https://me@github.com/…) is never in GitHub's addresses.
  if (
    url.protocol !== 'https:' ||
    url.host !== 'github.com' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    return { link: null, problem: NOT_A_LINK }
  }
  // /OWNER/REPO/pull/N, maybe a tab after it (/files) or a trailing slash; the query and an
  // anchor to a comment are dropped.
  const [, owner, repo, kind, digits, tab, ...rest] = url.pathname.split('/')
  const fullName = `${owner}/${repo}`
  if (
    (kind !== 'pull' && kind !== 'issues') ||
    !GITHUB_FULL_NAME.test(fullName) ||
    !digits ||
    !/^\d+$/.test(digits) ||
    (tab !== undefined && !/^[a-z]*$/.test(tab)) ||
    rest.some((part) => part !== '')
  ) {
    return { link: null, problem: NOT_A_LINK }
  }
  return numbered(fullName, digits, kind)
}

function numbered(fullName: string, digits: string, kind: FinishLink['kind']) {
  const number = parseId(digits.replace(/^0+(?=\d)/, ''))
  if (number === null) {
    return { link: null, problem: `has no such number: #${digits} is not a GitHub number` }
  }
  return { link: { fullName, number, kind }, problem: null }
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
