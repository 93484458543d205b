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
  expect(one.replace(/<[^>]+>/g, '')).toBe('✓ +11 +1incl. yours')
})

test('signed out, the count says what it counts, with no button', async () => {
  const html = await render({ hasPlusOne: false, isSignedIn: false })
  expect(html).not.toContain('<button')
  expect(html.replace(/<[^>]+>/g, '')).toBe('3 +1s')
})
