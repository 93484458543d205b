import { countOf, listInWords } from '../../utils/format'
import { EASIEST_DOMAINS_ARE, ONE_STAR_ON_BOTH_AXES } from '../supply'

// The home page's one line on the starter supply, for someone looking for a first task: how many
// projects are open and free to take, how many of them 1★ on an axis (each count with its noun:
// "8 projects", never a bare "8" beside the issue count), and in which domains the easiest (1★
// on both axes, `buildSupplyMatrix`'s default view) are: their main domains, the ones the domain
// rating is for. Domains run dry or waiting for a rating are the maintainers' words (the call's
// agenda and the supply page keep them): a newcomer asks where the easy ones are, not where they
// are missing. Then how many were rated by demo people
// (demo actions, docs/decisions/012): of the open ones, not of the 1★ ones, as the sentence says.

export function SupplyLine({
  unclaimed,
  oneStar,
  easiestDomains,
  demoRated,
}: {
  unclaimed: number
  oneStar: number
  easiestDomains: string[]
  demoRated: number
}) {
  const where =
    easiestDomains.length > 0
      ? ` The easiest, ${ONE_STAR_ON_BOTH_AXES}, are in ${listInWords(easiestDomains)} (${EASIEST_DOMAINS_ARE}).`
      : unclaimed > 0
        ? ` None is ${ONE_STAR_ON_BOTH_AXES} yet.`
        : ''
  return (
    <>
      {countOf(unclaimed, 'project')} open and free to take, of which {countOf(oneStar, 'project')}{' '}
      {oneStar === 1 ? 'is' : 'are'} rated 1★ (the easiest) on at least one axis.
      {where}
      {demoRated > 0 ? ` ${demoRatedNote(demoRated, unclaimed)}` : ''}
    </>
  )
}

/** "26 of the 34 were rated by demo people: demo actions.", or all of them, said as such. */
function demoRatedNote(demoRated: number, unclaimed: number) {
  if (demoRated >= unclaimed) {
    if (unclaimed === 1) return 'It was rated by a demo person: a demo action.'
    return `${unclaimed === 2 ? 'Both' : `All ${unclaimed}`} were rated by demo people: demo actions.`
  }
  return demoRated === 1
    ? `1 of the ${unclaimed} was rated by a demo person: a demo action.`
    : `${demoRated} of the ${unclaimed} were rated by demo people: demo actions.`
}
