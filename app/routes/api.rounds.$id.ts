import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { presentRound } from '~/roadmap/api-shapes.server'
import { getRound } from '~/roadmap/round.server'
import { serviceUnavailable } from '~/utils/http.server'
import { parseId } from '~/utils/id'

import { isDatabaseUnavailableError } from '../../db/client.server'

export async function loader({ params }: LoaderFunctionArgs) {
  const id = parseId(params.id)
  if (id === null) {
    return json({ error: { message: 'A round id is a number.' } }, { status: 404 })
  }
  try {
    const round = await getRound(id)
    if (!round) return json({ error: { message: `There is no round ${id}.` } }, { status: 404 })
    return json(presentRound(round, new Date()))
  } catch (error) {
    if (isDatabaseUnavailableError(error)) return serviceUnavailable()
    throw error
  }
}
