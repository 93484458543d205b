import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { DemoBadge } from '~/components/demo-badge'

import { renderInRouter } from '../../../test/render'

import { demoRoundNote } from './demo-decision'
import { RoundUnderWay } from './round-under-way'
import { VoterNames } from './voter-names'

test('a round proposed when a demo person closed the last one is not said to be opened by them', () => {
  expect(demoRoundNote('proposed')).toBe(
    'proposed when a demo person closed the last round: a demo action, not a MirageOS round',
  )
  for (const status of ['open', 'closed']) {
    expect(demoRoundNote(status)).toBe(
      'opened by a demo person: a demo action, not a MirageOS round',
    )
  }
})

test('a demo tag after a full stop reads as a sentence of its own: capital first, full stop last', async () => {
  const text = (html: string) => html.replace(/<!-- -->/g, '').replace(/<[^>]+>/g, '')
  const card = text(
    await renderInRouter(
      createElement(RoundUnderWay, {
        round: {
          id: 7,
          name: 'Demo round of 8 December 2026',
          opens_at: '2026-12-08T00:00:00Z',
          closes_at: '2026-12-22T00:00:00Z',
          shortlist_count: 5,
          phase: 'voting',
          is_demo: true,
          demo_opener: 'sam-demo',
        },
        targetSlug: 'mirageos-3-0',
      }),
    ),
  )
  expect(card).toMatch(
    /become efforts here\. Opened by [^:]+: a demo action, not a MirageOS round\.Meanwhile/,
  )
  const voters = text(
    renderToStaticMarkup(
      createElement(VoterNames, {
        voters: [
          { login: 'kai-demo', isDemo: true },
          { login: 'hannesm', isDemo: false },
        ],
      }),
    ),
  )
  expect(voters).toMatch(/hannesm\. A demo vote: a demo action, not a MirageOS vote\.$/)
  // Where it follows a name, not a sentence, it keeps its words as they are.
  expect(text(renderToStaticMarkup(createElement(DemoBadge, null, 'a demo action')))).toBe(
    ' a demo action',
  )
})
