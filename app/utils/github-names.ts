// GitHub's rules for the names it gives out, shared by every parser of a name a person typed
// (search filters, sync arguments, mentors), so they all accept and refuse the same names.

/** A user or organisation login: alphanumerics and single hyphens, at most 39 characters. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

/** A repository's full name, `owner/name`. */
export const GITHUB_FULL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/
