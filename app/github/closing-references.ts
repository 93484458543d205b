// Which issues a pull request says it closes, read from its body the way GitHub reads closing
// keywords ("Fixes #12", "closes owner/name#12", "Resolves https://github.com/owner/name/issues/12").
// The finder shows a starter project's attached issue with its open pull requests, so a newcomer
// sees that someone is already at work on it. Only references to the pull request's own repository
// count: the mirror joins them by repository and number.

// GitHub's keywords: close, closes, closed, fix, fixes, fixed, resolve, resolves, resolved; an
// optional colon; then the reference.
const CLOSING_REFERENCE =
  /(?<![\w-])(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+(?:(?:https?:\/\/github\.com\/)?([\w.-]+\/[\w.-]+)(?:#|\/issues\/))?#?(\d{1,9})\b/gi

/** The repository's `owner/name` from a GitHub html_url, e.g. of a pull request. */
export function repositoryOfUrl(htmlUrl: string): string | null {
  const match = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\//.exec(htmlUrl)
  return match?.[1] ?? null
}

/** The numbers of the issues in `repoFullName` that `body` says it closes, ascending, once each. */
export function closingReferences(body: string | null, repoFullName: string | null): number[] {
  if (!body) return []
  const numbers = new Set<number>()
  for (const [whole, repo, number] of body.matchAll(CLOSING_REFERENCE)) {
    // A bare number ("fixes 12") is not a reference: GitHub needs the `#` or a repository.
    if (!repo && !whole.includes('#')) continue
    if (repo && repo.toLowerCase() !== repoFullName?.toLowerCase()) continue
    numbers.add(Number(number))
  }
  return [...numbers].sort((a, b) => a - b)
}
