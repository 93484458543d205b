// What My work's "Following" says one hears of without following it: the news of one's own ideas
// (notify.server.ts ideaAudience: an idea's author) and of the projects one mentors
// (projectAudience). "You follow nothing yet" alone told an idea's author she heard of nothing,
// while her idea's page said "Following: news in your Inbox".

const OWN_IDEAS = 'what becomes of the ideas you wrote (listed above, under “My ideas”)'
const MENTORED =
  'when someone claims, finishes or stops a project you mentor (listed above, under “Projects you mentor”)'

/** The sentence, or null when one hears of nothing one does not follow. */
export function heardWithoutFollowing(person: {
  wroteIdeas: boolean
  mentors: boolean
  followsSomething: boolean
}) {
  const heard = [person.wroteIdeas ? OWN_IDEAS : null, person.mentors ? MENTORED : null].filter(
    (part): part is string => part !== null,
  )
  if (heard.length === 0) return null
  const start = person.followsSomething ? 'You also hear' : 'You follow nothing yet, but you hear'
  return `${start} ${heard.join(', and ')}.`
}
