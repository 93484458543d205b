import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { RoundIntro, type RoundViewer } from './round-intro'

const ROUND = {
  opens_at: '2026-12-06T00:00:00.000Z',
  closes_at: '2026-12-20T00:00:00.000Z',
  closed_at: null,
}

const text = (html: string) => html.replace(/<[^>]+>/g, '')

const render = (
  viewer: RoundViewer,
  options: {
    phase?: Parameters<typeof RoundIntro>[0]['phase']
    round?: typeof ROUND | { opens_at: string; closes_at: string; closed_at: string }
    canVote?: boolean
  } = {},
) =>
  renderInRouter(
    createElement(RoundIntro, {
      phase: options.phase ?? 'voting',
      round: options.round ?? ROUND,
      viewer,
      canVote: options.canVote ?? false,
      returnTo: '/roadmap/rounds/6',
    }),
  )

test('a signed-out reader is told what the round is, when voting closes, and what she can do', async () => {
  const html = await render('reader')
  expect(text(html)).toBe(
    'Maintainers vote here on the shortlisted ideas, each ranking them in a secret ballot. Voting closes on 20 Dec 2026. The round then closes with a recorded decision: the ideas it agrees become efforts on the roadmap.' +
      'You can read the shortlist and open any idea on it. Sign in to follow an idea from its page: its decision then comes to your Inbox.',
  )
  expect(html).toContain(`href="/login?returnTo=${encodeURIComponent('/roadmap/rounds/6')}"`)
})

test('someone signed in is offered what her role allows: following for a contributor, her ballot for a maintainer', async () => {
  const contributor = text(await render('contributor'))
  expect(contributor).toContain(
    'Only maintainers vote. You can read the shortlist, open any idea on it and follow it from its page',
  )
  expect(contributor).not.toContain('Sign in')
  expect(text(await render('maintainer', { canVote: true }))).toContain(
    'Your ballot is below; nobody sees how you ranked.',
  )
})

test('the intro says when voting starts, ended or closed, in the tense of the round', async () => {
  expect(text(await render('reader', { phase: 'scheduled' }))).toContain(
    'Voting starts on 6 Dec 2026 and closes on 20 Dec 2026.',
  )
  expect(text(await render('reader', { phase: 'ended' }))).toContain(
    'Voting closed on 20 Dec 2026. A maintainer now closes the round with a recorded decision',
  )
  // Closed early: voting ended when the round closed; closed late: on its planned day.
  const early = { ...ROUND, closed_at: '2026-12-15T10:00:00.000Z' }
  const closed = text(await render('reader', { phase: 'closed', round: early }))
  expect(closed).toContain('Maintainers voted here on the shortlisted ideas')
  expect(closed).toContain('Voting closed on 15 Dec 2026, and the decision below records')
  expect(closed).not.toContain('Sign in')
  const late = { ...ROUND, closed_at: '2026-12-22T10:00:00.000Z' }
  expect(text(await render('reader', { phase: 'closed', round: late }))).toContain(
    'Voting closed on 20 Dec 2026,',
  )
})
