import { DemoBadge } from '~/components/demo-badge'

/** On a decision a demo person recorded: the demo's rounds are never the community's. */
export function DemoDecisionBadge() {
  return <DemoBadge>demo decision: a demo action, not a MirageOS decision</DemoBadge>
}
