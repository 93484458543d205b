// Limits the forms show and the models enforce; kept out of the .server modules so that pages
// rendered again in the browser see the same numbers.

/** The longest comment on an idea: comments are meant to be brief. */
export const COMMENT_MAX = 1_000
/** The largest dot-vote budget a round may give each maintainer. */
export const DOT_BUDGET_MAX = 20
/** The most dots one maintainer may put on one idea. */
export const DOTS_PER_IDEA_MAX = 2
