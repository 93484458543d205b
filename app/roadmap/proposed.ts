import { demoActionNote } from '~/accounts/person'

// After a proposal the proposer lands on the new idea with what she did (`/roadmap/ideas/12?proposed`),
// so its page can say so, as a comment or a +1 does, and say when it was a demo action.

export const PROPOSED_PARAM = 'proposed'

export function proposedHref(ideaId: number) {
  return `/roadmap/ideas/${ideaId}?${PROPOSED_PARAM}`
}

/** After a proposal, what happens to it: ideation and the rounds' shortlists are separate steps. */
export const WHAT_COMES_NEXT =
  'Next, others can +1 it and comment; maintainers pick each round’s shortlist from the ideas, and you are told if yours is on it.'

/**
 * The idea page's notice for `?proposed`: only its author reads it (a shared link does not tell
 * anyone else they proposed it); null otherwise.
 */
export function proposedNotice(
  params: URLSearchParams,
  viewer: { id: number; isDemo?: boolean } | null,
  authorId: number | null,
) {
  if (!params.has(PROPOSED_PARAM) || !viewer || viewer.id !== authorId) return null
  // What comes next, in her words: a proposer otherwise waits without knowing who acts now.
  return `Idea proposed${demoActionNote(viewer.isDemo)}. You follow it: its news comes to your Inbox. ${WHAT_COMES_NEXT}`
}
