// Limits the forms show and the models enforce; kept out of the .server modules so that pages
// rendered again in the browser see the same numbers.

/** The longest comment on an idea: comments are meant to be brief. */
export const COMMENT_MAX = 1_000
/** The longest reason an idea is declined or deferred for. */
export const OUTCOME_REASON_MAX = 1_000
/** The fewest ideas a round may shortlist: a ranking needs something to compare. */
export const SHORTLIST_MIN = 2
/** The most ideas a round may shortlist: nobody can rank more with care. */
export const SHORTLIST_MAX = 40
/** The largest dot-vote budget a round may give each maintainer. */
export const DOT_BUDGET_MAX = 20
/** The most dots one maintainer may put on one idea. */
export const DOTS_PER_IDEA_MAX = 2
