import { countOf } from '../utils/format'

// Who voted in a round, knowing which voters were demo people: a demo person's ballot is a demo
// action, and every page and API answer listing the voters says so (docs/decisions/012).

export type Voter = { login: string; isDemo: boolean }

/** A decision's voters (the logins it recorded), with `demo_voter_logins` from round.server.ts. */
export function decisionVoters(decision: {
  voter_logins: string[]
  demo_voter_logins: string[]
}): Voter[] {
  const demo = new Set(decision.demo_voter_logins.map((login) => login.toLowerCase()))
  return decision.voter_logins.map((login) => ({ login, isDemo: demo.has(login.toLowerCase()) }))
}

/**
 * How many maintainers voted, out of how many could when that is known: "1 of 4 maintainers
 * voted". `eligible` is null where the board does not know it (a closed round: who could vote
 * when it closed is not recorded), and the line then counts the voters alone rather than guess.
 */
export function votedCount(voted: number, eligible: number | null) {
  if (eligible === null) return `${countOf(voted, 'maintainer')} voted`
  return `${voted} of ${countOf(eligible, 'maintainer')} voted`
}
