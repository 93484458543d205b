import type { Section } from '../../components/section-nav'

// The tabs under "Starter projects". A newcomer's row holds what a newcomer does: find a project,
// and read how difficulty is rated. The rest are the maintainers' tools; the pages check the role
// themselves, this only keeps them out of everyone else's way. Supply is public data (the finder's
// supply line and the digest link to it) but it answers a maintainer's question, what is missing,
// so it stays reachable by address without taking a newcomer's tab (nor their 360 px).

const NEWCOMER_SECTIONS: Section[] = [
  { to: '/starter', label: 'Find a project', end: true },
  { to: '/starter/rubric', label: 'How we rate difficulty' },
]

const MAINTAINER_SECTIONS: Section[] = [
  { to: '/starter/supply', label: 'Supply' },
  { to: '/starter/triage', label: 'Triage' },
  { to: '/starter/candidates', label: 'Candidates' },
  { to: '/starter/gaps', label: 'Gaps' },
  { to: '/starter/calibration', label: 'Calibration' },
  { to: '/starter/new', label: 'New project' },
]

export function starterSections({ isMaintainer }: { isMaintainer: boolean }): Section[] {
  return isMaintainer ? [...NEWCOMER_SECTIONS, ...MAINTAINER_SECTIONS] : NEWCOMER_SECTIONS
}
