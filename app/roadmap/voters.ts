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
