import { personName } from '~/accounts/person'
import { DemoBadge } from '~/components/demo-badge'

/** On a decision a demo person recorded: the demo's rounds are never the community's. */
export function DemoDecisionBadge({ afterSentence = false }: { afterSentence?: boolean }) {
  return (
    <DemoBadge afterSentence={afterSentence}>
      demo decision: a demo action, not a MirageOS decision
    </DemoBadge>
  )
}

/**
 * On a round a demo person opened, or that was proposed when a demo person closed the one before
 * (nobody opened it yet): the demo's rounds are never the community's. The opener is named when
 * known (`demoOpener`, her login), so a visitor reads that the demo's own round was opened by a
 * seeded demo maintainer, not by her.
 */
export function demoRoundNote(status: string, demoOpener?: string | null) {
  if (status === 'proposed') {
    return 'proposed when a demo person closed the last round: a demo action, not a MirageOS round'
  }
  const opener = demoOpener ? personName({ login: demoOpener, isDemo: true }) : 'a demo person'
  return `opened by ${opener}: a demo action, not a MirageOS round`
}
