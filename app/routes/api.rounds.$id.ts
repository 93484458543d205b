import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { presentRound } from '~/roadmap/api-shapes.server'
import { getDotTotals } from '~/roadmap/ballot.server'
import { getRound } from '~/roadmap/round.server'
import { answerOnlyGet, serviceUnavailableFor, refuseOptions } from '~/utils/http.server'
import { parseId } from '~/utils/id'

export async function loader({ request, params }: LoaderFunctionArgs) {
  refuseOptions(request)
  const id = parseId(params.id)
  if (id === null) {
    return json({ error: { message: 'A round id is a number.' } }, { status: 404 })
  }
  try {
    const round = await getRound(id)
    if (!round) return json({ error: { message: `There is no round ${id}.` } }, { status: 404 })
    // Dot totals only once the round is closed: until then they would give voters away.
    const dots = round.status === 'closed' && round.dot_budget > 0 ? await getDotTotals(id) : null
    return json(presentRound(round, new Date(), dots))
  } catch (error) {
    const unavailable = serviceUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }
}

export const action = answerOnlyGet
