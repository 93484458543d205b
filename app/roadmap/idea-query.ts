import type { FilterProblem } from '../utils/parameter-problem'

export const IDEA_QUERY_SORTS = ['newest', 'plus-ones'] as const
export const IDEA_QUERY_STAGES = [
  'ideation',
  'shortlisted',
  'agreed',
  'archived',
  'merged',
] as const

export type IdeaQuery = {
  target: string | null
  area: string | null
  stages: (typeof IDEA_QUERY_STAGES)[number][]
  sort: (typeof IDEA_QUERY_SORTS)[number]
  limit: number
  cursor: string | null
}

const SLUG = /^[a-z0-9-]{1,80}$/
const oneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value)

/**
 * Reads GET /api/ideas parameters. Each invalid value is left out and reported as a problem,
 * so the API can answer 400 naming every one of them.
 */
export function parseIdeaQuery(params: URLSearchParams) {
  const problems: FilterProblem[] = []
  const query: IdeaQuery = {
    target: null,
    area: null,
    stages: [],
    sort: 'newest',
    limit: 50,
    cursor: null,
  }
  for (const name of ['target', 'area'] as const) {
    const value = params.get(name)?.trim()
    if (!value) continue
    if (SLUG.test(value)) query[name] = value
    else {
      problems.push({
        parameter: name,
        message: `"${value}" is not a ${name === 'target' ? 'release target' : 'area'} slug`,
        allowed: 'lower-case letters, digits and dashes, as in the slugs /api/roadmap lists',
      })
    }
  }
  for (const value of params.getAll('stage').flatMap((stage) => stage.split(','))) {
    const stage = value.trim()
    if (!stage) continue
    if (oneOf(IDEA_QUERY_STAGES, stage)) {
      if (!query.stages.includes(stage)) query.stages.push(stage)
    } else {
      problems.push({
        parameter: 'stage',
        message: `"${stage}" is not a stage`,
        allowed: IDEA_QUERY_STAGES.join(', '),
      })
    }
  }
  const sort = params.get('sort')
  if (sort !== null) {
    if (oneOf(IDEA_QUERY_SORTS, sort)) query.sort = sort
    else {
      problems.push({
        parameter: 'sort',
        message: `"${sort}" is not a sort order`,
        allowed: IDEA_QUERY_SORTS.join(', '),
      })
    }
  }
  const limit = params.get('limit')
  if (limit !== null) {
    const value = Number(limit)
    if (/^\d+$/.test(limit) && value >= 1 && value <= 100) query.limit = value
    else problems.push({ parameter: 'limit', message: `"${limit}" is not 1-100`, allowed: '1-100' })
  }
  const cursor = params.get('cursor')
  if (cursor) query.cursor = cursor
  return { query, problems }
}
