import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { FinderOrderNote } from './finder-order-note'

const note = () =>
  renderInRouter(
    createElement(FinderOrderNote, {
      languageName: 'OCaml',
      feedHref: '/starter/feed.atom',
      feedTitle: 'New starter projects',
      query: '',
    }),
  )

test('“How results are ordered” says the gist, the whole rule folded in a closed disclosure', async () => {
  const html = await note()
  const [whole = '', attributes = '', inside = ''] =
    /<details([^>]*)>([\s\S]*)<\/details>/.exec(html) ?? []
  // Closed until asked: a phone no longer opens on twenty lines of rule.
  expect(whole).not.toBe('')
  expect(attributes).not.toMatch(/\bopen\b/)
  expect(inside).toMatch(/^<summary[^>]*>The full rule<\/summary>/)
  // Nothing is lost: the whole rule is inside, and the gist outside it.
  const text = (markup: string) => markup.replace(/<[^>]+>/g, '')
  expect(text(inside)).toContain('OCaml difficulty up to 1★, 2★ or 3★ for your level')
  // A claimed project is not free now: it waits behind free ones whatever its domain.
  expect(text(inside)).toMatch(/unclaimed before claimed[^.]*your domains first/)
  expect(text(inside)).toContain('easier first, newest first')
  // "Open" is what the badges and the home page call free to take ("34 open and free to take"):
  // the finder lists claimed ones too, and says so.
  expect(text(html.replace(whole, ''))).toContain(
    'Only projects not done yet (open or claimed) within your level are listed, those that fit you first',
  )
  expect(text(html)).not.toMatch(/open projects/)
})
