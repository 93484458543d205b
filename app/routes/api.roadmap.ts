import { json, type LoaderFunctionArgs } from '@remix-run/node'

import { presentRoadmap } from '~/roadmap/api-shapes.server'
import { findReleaseTarget, getPublicRoadmap, listReleaseTargets } from '~/roadmap/roadmap.server'
import {
  answerOnlyGet,
  badRequest,
  serviceUnavailableFor,
  refuseOptions,
} from '~/utils/http.server'
import { publicOrigin } from '~/utils/public-origin.server'
import { readApiQuery } from '~/utils/request-input.server'

const SLUG = /^[a-z0-9-]{1,80}$/

export async function loader({ request }: LoaderFunctionArgs) {
  refuseOptions(request)
  const slug = readApiQuery(request).get('target')?.trim() || null
  if (slug !== null && !SLUG.test(slug)) {
    return badRequest([
      {
        parameter: 'target',
        message: `"${slug}" is not a release target slug`,
        allowed: 'lower-case letters, digits and dashes',
      },
    ])
  }
  try {
    const target = await findReleaseTarget(slug)
    if (!target) {
      return badRequest([
        {
          parameter: 'target',
          message: slug ? `there is no release target "${slug}"` : 'there is no release target yet',
          allowed: 'the slug of a release target',
        },
      ])
    }
    const [roadmap, targets] = await Promise.all([
      getPublicRoadmap(target.id),
      listReleaseTargets(),
    ])
    return json({
      releaseTarget: { slug: target.slug, name: target.name, description: target.description },
      otherReleaseTargets: targets
        .filter((other) => other.id !== target.id)
        .map((other) => ({ slug: other.slug, name: other.name })),
      ...presentRoadmap(roadmap, publicOrigin(request)),
    })
  } catch (error) {
    const unavailable = serviceUnavailableFor(error)
    if (unavailable) return unavailable
    throw error
  }
}

export const action = answerOnlyGet
