import { expect, test } from 'vitest'

import { renderRouteWith } from '../../test/render'

import HowWePlanRoute from './roadmap.how-we-plan'

const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

test('the process says what becomes of an idea a round sent back to ideation, and of an archived one', async () => {
  const html = await renderRouteWith(
    HowWePlanRoute,
    { target: null, notes: [] },
    '/roadmap/how-we-plan',
  )
  // As the idea's page says it, and as the shortlist allows (only ideas in ideation).
  expect(text(html)).toContain(
    'An idea sent back to ideation can be shortlisted again in a later round, and its page says which round sent it back and why; an archived idea is not shortlisted again.',
  )
})
