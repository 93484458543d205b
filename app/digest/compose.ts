import type { DigestPeriod } from './period'

// The call's agenda, composed from facts the loader read (digest.server.ts). Pure: the same
// facts give the same agenda, so the composition is tested without a database.

export type DigestIdea = {
  id: number
  title: string
  area: string
  plusOnes: number
  createdAt: Date
}
export type DigestRound = {
  id: number
  name: string
  opensAt: Date
  closesAt: Date
  status: string
}
export type DigestDecision = { id: number; roundName: string; decidedAt: Date; agreed: string[] }
export type DigestStaleRepository = { repo: string; staleCount: number; oldestUpdatedAt: Date }
export type DigestGapRequest = { id: number; createdAt: Date; level: string; domains: string[] }

export type DigestFacts = {
  ideas: DigestIdea[]
  rounds: DigestRound[]
  decisions: DigestDecision[]
  staleRepositories: DigestStaleRepository[]
  gapRequests: DigestGapRequest[]
}

export type Digest = {
  period: { since: string; until: string; label: string }
  ideasByArea: { area: string; ideas: { id: number; title: string; plusOnes: number }[] }[]
  roundsOpening: DigestRound[]
  roundsClosing: DigestRound[]
  decisions: DigestDecision[]
  staleRepositories: DigestStaleRepository[]
  unansweredRequests: DigestGapRequest[]
}

const within = (date: Date, period: DigestPeriod) => date >= period.since && date <= period.until

/**
 * What the fortnightly call needs, most pressing first within each section: ideas by area (most
 * +1s first), rounds that opened or close in the period (a round closing soon after `until` is
 * news too: the call is where people are reminded to vote, so the next 14 days count), the
 * decisions taken, repositories by stale work (the most first) and requests nobody answered.
 */
export function composeDigest(facts: DigestFacts, period: DigestPeriod): Digest {
  const byArea = new Map<string, Digest['ideasByArea'][number]['ideas']>()
  for (const idea of facts.ideas) {
    if (!within(idea.createdAt, period)) continue
    const list = byArea.get(idea.area) ?? []
    list.push({ id: idea.id, title: idea.title, plusOnes: idea.plusOnes })
    byArea.set(idea.area, list)
  }
  const ideasByArea = [...byArea.entries()]
    .map(([area, ideas]) => ({
      area,
      ideas: ideas.sort((a, b) => b.plusOnes - a.plusOnes || a.id - b.id),
    }))
    .sort((a, b) => a.area.localeCompare(b.area))
  const closingHorizon: DigestPeriod = {
    ...period,
    until: new Date(period.until.getTime() + 14 * 24 * 60 * 60 * 1000),
  }
  const byDate = (key: 'opensAt' | 'closesAt') => (a: DigestRound, b: DigestRound) =>
    a[key].getTime() - b[key].getTime() || a.id - b.id
  return {
    period: {
      since: period.since.toISOString(),
      until: period.until.toISOString(),
      label: period.label,
    },
    ideasByArea,
    roundsOpening: facts.rounds.filter((r) => within(r.opensAt, period)).sort(byDate('opensAt')),
    roundsClosing: facts.rounds
      .filter((r) => within(r.closesAt, closingHorizon))
      .sort(byDate('closesAt')),
    decisions: facts.decisions
      .filter((d) => within(d.decidedAt, period))
      .sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || a.id - b.id),
    staleRepositories: facts.staleRepositories
      .filter((r) => r.staleCount > 0)
      .sort((a, b) => b.staleCount - a.staleCount || a.repo.localeCompare(b.repo)),
    unansweredRequests: [...facts.gapRequests].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id,
    ),
  }
}

const day = (value: Date | string) => new Date(value).toISOString().slice(0, 10)

/** Markdown ready to paste into the call notes; every section says when it has nothing. */
export function digestMarkdown(digest: Digest): string {
  const lines = [
    `# Call agenda: ${day(digest.period.since)} to ${day(digest.period.until)}`,
    '',
    '## New ideas',
  ]
  if (digest.ideasByArea.length === 0) lines.push('', 'No new ideas.')
  for (const { area, ideas } of digest.ideasByArea) {
    lines.push('', `### ${area}`)
    for (const idea of ideas) lines.push(`- ${idea.title} (idea ${idea.id}, +${idea.plusOnes})`)
  }
  lines.push('', '## Rounds', '')
  if (digest.roundsOpening.length + digest.roundsClosing.length === 0)
    lines.push('No round opens or closes.')
  for (const round of digest.roundsOpening)
    lines.push(`- ${round.name} opened ${day(round.opensAt)}`)
  for (const round of digest.roundsClosing)
    lines.push(`- ${round.name} closes ${day(round.closesAt)}`)
  lines.push('', '## Decisions', '')
  if (digest.decisions.length === 0) lines.push('No decisions.')
  for (const decision of digest.decisions) {
    const agreed = decision.agreed.length > 0 ? decision.agreed.join('; ') : 'nothing agreed'
    lines.push(`- ${decision.roundName}, ${day(decision.decidedAt)}: ${agreed}`)
  }
  lines.push('', '## Stale work (most first)', '')
  if (digest.staleRepositories.length === 0) lines.push('No stale work.')
  for (const repo of digest.staleRepositories)
    lines.push(
      `- ${repo.repo}: ${repo.staleCount} stale, oldest untouched since ${day(repo.oldestUpdatedAt)}`,
    )
  lines.push('', '## Unanswered "nothing fits me" requests', '')
  if (digest.unansweredRequests.length === 0) lines.push('None.')
  for (const request of digest.unansweredRequests) {
    const domains = request.domains.length > 0 ? request.domains.join(', ') : 'any domain'
    lines.push(`- request ${request.id} (${day(request.createdAt)}): ${request.level}, ${domains}`)
  }
  return lines.join('\n') + '\n'
}
