import { createElement } from 'react'
import { expect, test } from 'vitest'

import { renderInRouter } from '../../../test/render'

import { NothingFitsPanel } from './nothing-fits-panel'

test('“Nothing fits me?” says which background it sends, as the finder’s summary words it', async () => {
  const html = await renderInRouter(
    createElement(NothingFitsPanel, {
      isSignedIn: true,
      background: { level: 'some', knownDomains: ['networking'], time: 'week', wantsMentor: true },
      languageName: 'OCaml',
      query: 'level=some&know=networking&time=week&wantsMentor=on',
    }),
  )
  expect(html.replace(/<[^>]+>/g, '')).toContain(
    'Send the maintainers your background (OCaml: some experience · networking · about a week · with a mentor), with a note',
  )
})
