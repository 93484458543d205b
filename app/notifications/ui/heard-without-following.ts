import { listInWords } from '../../utils/format'

// What My work's "Following" says one hears of without following it: the news of one's own ideas
// (notify.server.ts ideaAudience: an idea's author) and of the projects one mentors
// (projectAudience). "You follow nothing yet" alone told an idea's author she heard of nothing,
// while her idea's page said "Following: news in your Inbox". An author who unfollowed one of her
// ideas hears nothing more of it (`notify` drops a notice whose subject its reader unfollowed,
// decision 016: an unfollow is a choice that stays), so the sentence leaves that idea out by name.

const OWN_IDEAS = 'what becomes of the ideas you wrote (listed above, under “My ideas”)'
const MENTORED =
  'when someone claims, finishes or stops a project you mentor (listed above, under “Projects you mentor”), or it is free again'
/** Titles named before "and N more": the sentence stays a sentence. */
const UNFOLLOWED_NAMED = 3

/** The sentence, or null when one hears of nothing one does not follow. */
export function heardWithoutFollowing(person: {
  /** Her ideas: how many she still hears of, and the titles of those she unfollowed. */
  ownIdeas: { heard: number; unfollowedTitles: readonly string[] }
  mentors: boolean
  followsSomething: boolean
}) {
  const heard = [
    person.ownIdeas.heard > 0 ? ownIdeasPart(person.ownIdeas.unfollowedTitles) : null,
    person.mentors ? MENTORED : null,
  ].filter((part): part is string => part !== null)
  if (heard.length === 0) return null
  const start = person.followsSomething ? 'You also hear' : 'You follow nothing yet, but you hear'
  return `${start} ${heard.join(', and ')}.`
}

function ownIdeasPart(unfollowedTitles: readonly string[]) {
  if (unfollowedTitles.length === 0) return OWN_IDEAS
  const named = unfollowedTitles.slice(0, UNFOLLOWED_NAMED).map((title) => `“${title}”`)
  const more = unfollowedTitles.length - named.length
  const titles = listInWords(more > 0 ? [...named, `${more} more`] : named)
  return `${OWN_IDEAS} except ${titles}, which you unfollowed`
}
