import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { presentIdeas } from '~/roadmap/api-shapes.server'
import { parseIdeaQuery } from '~/roadmap/idea-query'
import { decodeIdeaCursor, encodeIdeaCursor, listIdeas } from '~/roadmap/idea.server'
import { findReleaseTarget, listAreas } from '~/roadmap/roadmap.server'
import {
  answerOnlyGet,
  badRequest,
  serviceUnavailableFor,
  refuseOptions,
} from '~/utils/http.server'
import type { FilterProblem } from '~/utils/parameter-problem'
import { publicOrigin } from '~/utils/public-origin.server'
import { readApiQuery } from '~/utils/request-input.server'

export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const { query, problems } = parseIdeaQuery(readApiQuery(request))
  const cursor = query.cursor === null ? null : decodeIdeaCursor(query.cursor)
  if (query.cursor !== null && cursor === null) {
    problems.push({
      parameter: 'cursor',
      message: 'the cursor is not one this API gave out',
      allowed: 'the nextCursor of the previous answer',
    })
  }
  if (problems.length > 0) return badRequest(problems)
  try {
    const target = await findReleaseTarget(query.target)
    if (!target) return badRequest([unknownTarget(query.target)])
    let areaId: number | null = null
    if (query.area !== null) {
      const area = (await listAreas(target.id)).find((candidate) => candidate.slug === query.area)
      if (!area) {
        return badRequest([
          {
            parameter: 'area',
            message: `"${query.area}" is not an area of ${target.name}`,
            allowed: 'the slug of one of its areas',
          },
        ])
      }
      areaId = area.id
    }
    const page = await listIdeas({
      releaseTargetId: target.id,
      areaId,
      stages: query.stages,
      sort: query.sort,
      limit: query.limit,
      cursor,
    })
    return json({
      releaseTarget: { slug: target.slug, name: target.name },
      items: presentIdeas(page.items, publicOrigin(request)),
      nextCursor: page.nextCursor ? encodeIdeaCursor(page.nextCursor) : null,
    })
  } catch (error) {
    const unavailable = serviceUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }
}

function unknownTarget(slug: string | null): FilterProblem {
  return {
    parameter: 'target',
    message: slug ? `there is no release target "${slug}"` : 'there is no release target yet',
    allowed: 'the slug of a release target',
  }
}

export const action = answerOnlyGet
