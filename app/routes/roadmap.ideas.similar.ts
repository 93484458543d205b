import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { getCurrentUser } from '~/accounts/auth.server'
import { listSimilarIdeas, markOwnIdeas } from '~/roadmap/similar.server'
import { answerOnlyGet, refuseOptions } from '~/utils/http.server'
import { readQuery } from '~/utils/request-input.server'

// The ideas closest to what someone is typing as a proposal (`?q=`), fetched with a debounce by
// the propose form so a duplicate can be +1'd instead of born.

const QUERY_MAX = 2000

export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const q = readQuery(request).get('q') ?? ''
  if (q.length > QUERY_MAX) {
    throw new Response(`The text is longer than ${QUERY_MAX} characters.`, { status: 400 })
  }
  const user = await getCurrentUser(request)
  return json({ ideas: await markOwnIdeas(await listSimilarIdeas(q), user?.id ?? null) })
}

export const action = answerOnlyGet
