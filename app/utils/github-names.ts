// GitHub's rules for the names it gives out, shared by every parser of a name a person typed
// (search filters, sync arguments, mentors), so they all accept and refuse the same names.

/** A user or organisation login: letters, digits and hyphens (not first), at most 39. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

/** A repository's full name, `owner/name`. */
export const GITHUB_FULL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/

// A github.com address: an optional scheme and www, an optional `orgs/`, then the path, without
// a trailing `.git` or slashes.
const GITHUB_URL = /^(?:https?:\/\/)?(?:www\.)?github\.com\/(orgs\/)?([^?#]*?)(?:\.git)?\/*$/i

/**
 * What a github.com address of a repository or organisation names, as a person copies it from
 * the browser (`https://github.com/acme/app`, `github.com/acme/app.git`, `github.com/orgs/acme/`):
 * `owner/name` or `owner`, still to be checked against the rules above. Anything else, null.
 */
export function nameFromGitHubUrl(word: string): string | null {
  const match = GITHUB_URL.exec(word)
  if (!match) return null
  const [, orgs, path = ''] = match
  // `orgs/acme` names an organisation; `orgs/acme/app` is no repository.
  return orgs && path.includes('/') ? null : path
}
