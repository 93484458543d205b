import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { LinkedText } from './linked-text'

test('a note’s web addresses become links, the rest stays text, escaped', () => {
  const html = renderToStaticMarkup(
    createElement(LinkedText, {
      text: 'Source: a <b>post</b>\n- https://example.org/a_b?x=1. Then (https://example.org/c)',
    }),
  )
  expect(html).toBe(
    'Source: a &lt;b&gt;post&lt;/b&gt;\n- <a href="https://example.org/a_b?x=1" class="break-all text-blue-700 underline" rel="noreferrer">https://example.org/a_b?x=1</a>. Then (<a href="https://example.org/c" class="break-all text-blue-700 underline" rel="noreferrer">https://example.org/c</a>)',
  )
})

test('a javascript: address stays text', () => {
  expect(renderToStaticMarkup(createElement(LinkedText, { text: 'javascript:alert(1)' }))).toBe(
    'javascript:alert(1)',
  )
})
