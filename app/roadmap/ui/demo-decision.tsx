import { DemoBadge } from '~/components/demo-badge'

/** On a decision a demo person recorded: the demo's rounds are never the community's. */
export function DemoDecisionBadge() {
  return <DemoBadge>demo decision: a demo action, not a MirageOS decision</DemoBadge>
}

/** On a round a demo person opened (or proposed): the demo's rounds are never the community's. */
export const DEMO_ROUND = 'opened by a demo person: a demo action, not a MirageOS round'
