import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'
import type { RoundPhase } from '../round-phase'

import { RoundInTheWay } from './round-in-the-way'

const words = async (phase: RoundPhase) =>
  (
    await renderInRouter(
      createElement(RoundInTheWay, {
        round: {
          id: 7,
          name: 'January 2027 round',
          opens_at: '2027-01-05T10:00:00.000Z',
          closes_at: '2027-02-05T10:00:00.000Z',
          phase,
        },
      }),
    )
  ).replace(/<[^>]+>/g, '')

test('a scheduled round is not called open, nor sent to be closed: it says when voting opens', async () => {
  const text = await words('scheduled')
  expect(text).toContain('January 2027 round is scheduled: voting opens on 5 Jan 2027.')
  expect(text).not.toContain('still open')
  expect(text).not.toContain('close it before')
  expect(text).toContain('one round at a time: another can be opened once it has been voted on')
  expect(text).toContain('move it from its page')
})

test('a round being voted on, or whose voting ended, is to be closed before another opens', async () => {
  expect(await words('voting')).toContain(
    'January 2027 round is being voted on until 5 Feb 2027; close it before opening another',
  )
  expect(await words('ended')).toBe(
    'Voting in January 2027 round ended on 5 Feb 2027; close it before opening another.',
  )
})

test('from a proposed round, the round in the way is named against opening this one', async () => {
  const html = await renderInRouter(
    createElement(RoundInTheWay, {
      opening: 'this one',
      round: {
        id: 7,
        name: 'January 2027 round',
        opens_at: '2027-01-05T10:00:00.000Z',
        closes_at: '2027-02-05T10:00:00.000Z',
        phase: 'voting',
      },
    }),
  )
  expect(html.replace(/<[^>]+>/g, '')).toContain('close it before opening this one')
})
