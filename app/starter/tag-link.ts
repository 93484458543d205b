// The link a maintainer follows to tag an issue as a starter project: the tagging form
// (`/starter/new`, starter.new.tsx reads `issue`), prefilled from the mirrored issue. Built once,
// here and not in a .server module, for the candidates page (a route's component) and the issue
// lists (`issue-status.server.ts`).

/** The tagging form, prefilled from a mirrored issue (`owner/name#123`): a maintainer's. */
export function tagAsStarterProjectHref(repo: string, number: number) {
  return `/starter/new?issue=${encodeURIComponent(`${repo}#${number}`)}`
}
