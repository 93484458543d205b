import { DemoBadge } from '~/components/demo-badge'

/** On a decision a demo person recorded: the demo's rounds are never the community's. */
export function DemoDecisionBadge() {
  return <DemoBadge>demo decision: a demo action, not a MirageOS decision</DemoBadge>
}

/**
 * On a round a demo person opened, or that was proposed when a demo person closed the one before
 * (nobody opened it yet): the demo's rounds are never the community's.
 */
export function demoRoundNote(status: string) {
  return status === 'proposed'
    ? 'proposed when a demo person closed the last round: a demo action, not a MirageOS round'
    : 'opened by a demo person: a demo action, not a MirageOS round'
}
