import { Form } from '@remix-run/react'

import { interestText, plusOnePeople } from '../plus-ones'

// An idea's +1s in the list of ideas: how many people +1'd it, in words, and for someone signed in
// the button that gives or withdraws theirs. A bare "0" over "+1" read as a score or a fraction,
// beside a second "+1" that was the button; "0 +1s" on every row still read as a score column.
// The count is interest, not a rank: said as interest ("3 people interested"), only where someone
// gave one, and ideation orders nothing by it (the list keeps its order, newest first).

export function PlusOneControl({
  idea,
  hasPlusOne,
  isSignedIn,
  isOwnIdea = false,
}: {
  idea: { id: number; title: string; plus_one_count: number }
  hasPlusOne: boolean
  isSignedIn: boolean
  /** The viewer proposed it: it takes no +1 of hers (one she already gave can be withdrawn). */
  isOwnIdea?: boolean
}) {
  const interest = interestText(idea.plus_one_count)
  const canPress = isSignedIn && (!isOwnIdea || hasPlusOne)
  // Signed out, an idea nobody +1'd has nothing here: no button and no count.
  if (!canPress && !interest) return null
  return (
    <div className="flex w-20 shrink-0 flex-col items-center gap-1 text-center">
      {canPress ? (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="ideaId" value={idea.id} />
          <input type="hidden" name="value" value={hasPlusOne ? 'off' : 'on'} />
          {/* One name in both states, the state told by aria-pressed; the visible "+1" is in it. */}
          <button
            type="submit"
            name="intent"
            value="plus-one"
            aria-pressed={hasPlusOne}
            aria-label={`+1 ${idea.title} (${plusOnePeople(idea.plus_one_count)})`}
            className={`min-h-10 min-w-16 whitespace-nowrap rounded border px-2 text-sm font-semibold ${hasPlusOne ? 'border-blue-700 bg-blue-700 text-white hover:bg-blue-800' : 'border-slate-400 bg-white text-slate-800 hover:bg-slate-100'}`}
          >
            {hasPlusOne ? '✓ +1' : '+1'}
          </button>
        </Form>
      ) : null}
      {/* Said once: the button's name already holds the count. */}
      {interest ? (
        <span aria-hidden={canPress || undefined} className="text-xs text-slate-600">
          {interest}
          {isSignedIn && hasPlusOne ? <span className="block">incl. you</span> : null}
        </span>
      ) : null}
    </div>
  )
}
