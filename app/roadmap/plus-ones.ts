import { demoActionNote, demoShareNote } from '../accounts/person'

// How a +1 count reads wherever people see it: demo people's +1s are demo actions, so a count
// that holds some says how many (decision 012), never passing them off as the community's.

/** "1 person", "3 people": who +1'd, as the button's name says it. */
export function plusOnePeople(count: number) {
  return `${count} ${count === 1 ? 'person' : 'people'}`
}

/**
 * An idea's +1s where ideation shows them: interest, not a score. "3 people interested, 1 of
 * them a demo action"; null for an idea nobody +1'd yet, which shows no count at all ("0 +1s" and
 * "+0" read as a score at the bottom of a ranking).
 */
export function interestText(total: number, demo = 0) {
  if (total <= 0) return null
  const note = demoShareNote(total, demo)
  return `${plusOnePeople(total)} interested${note ? `, ${note}` : ''}`
}

/** An idea's +1 count as people read it: "3 +1s, 1 of them a demo action". */
export function plusOnesText(total: number, demo: number) {
  const note = demoShareNote(total, demo)
  return `${total} +1${total === 1 ? '' : 's'}${note ? `, ${note}` : ''}`
}

/**
 * What a +1 or its withdrawal answers: the idea's count after it, saying how much of it is demo.
 * Both name the idea's count in full, in a sentence of its own: "(0 left)" read as +1s one had
 * left to give, and a count in brackets after "(a demo action)" read as a stutter.
 */
export function plusOneNotice(
  isOn: boolean,
  byDemoPerson: boolean,
  result: { plusOnes: number; demoPlusOnes: number },
) {
  const count = `The idea now has ${plusOnesText(result.plusOnes, result.demoPlusOnes)}.`
  return isOn
    ? `Your +1 is counted${demoActionNote(byDemoPerson)}. ${count}`
    : `Your +1 is withdrawn. ${count}`
}
