import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { PlusOneControl } from './plus-one-control'

const IDEA = { id: 7, title: 'Fuzz the TCP/IP stack', plus_one_count: 3 }

const render = (props: { hasPlusOne: boolean; isSignedIn: boolean; count?: number }) =>
  renderInRouter(
    createElement(PlusOneControl, {
      idea: { ...IDEA, plus_one_count: props.count ?? IDEA.plus_one_count },
      hasPlusOne: props.hasPlusOne,
      isSignedIn: props.isSignedIn,
    }),
  )

test('the +1 button is named for the idea and how many people +1’d it, the same name pressed or not', async () => {
  for (const hasPlusOne of [false, true]) {
    const button = /<button[^>]*>/.exec(await render({ hasPlusOne, isSignedIn: true }))?.[0] ?? ''
    expect(button).toContain('aria-label="+1 Fuzz the TCP/IP stack (3 people)"')
    expect(button).toContain(`aria-pressed="${hasPlusOne}"`)
  }
  const one = await render({ hasPlusOne: true, isSignedIn: true, count: 1 })
  expect(one).toContain('aria-label="+1 Fuzz the TCP/IP stack (1 person)"')
  // Pressed reads as such on screen too, not only to a screen reader.
  expect(one.replace(/<[^>]+>/g, '')).toBe('✓ +11 person interestedincl. you')
})

test('signed out, the count is said as interest, with no button', async () => {
  const html = await render({ hasPlusOne: false, isSignedIn: false })
  expect(html).not.toContain('<button')
  expect(html.replace(/<[^>]+>/g, '')).toBe('3 people interested')
})

test('an idea nobody +1’d shows no count, so the list has no column of noughts to read as scores', async () => {
  expect(await render({ hasPlusOne: false, isSignedIn: false, count: 0 })).toBe('')
  const signedIn = await render({ hasPlusOne: false, isSignedIn: true, count: 0 })
  expect(signedIn).toContain('aria-label="+1 Fuzz the TCP/IP stack (0 people)"')
  expect(signedIn.replace(/<[^>]+>/g, '')).toBe('+1')
})
