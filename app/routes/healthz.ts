import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { answerOnlyGet, refuseOptions } from '~/utils/http.server'

import { checkDatabase } from '../../db/health.server'

export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const reachable = await checkDatabase()
  return json(
    { status: reachable ? 'ok' : 'unavailable', database: reachable ? 'reachable' : 'unreachable' },
    { status: reachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  )
}

export const action = answerOnlyGet
