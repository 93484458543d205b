import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { callLoader } from '../../test/route-requests'
import { loadDemoData } from '../demo/demo.server'

import { loader } from './roadmap.decisions[.]atom'

const getDb = setupTestDatabase()

async function get(query = '') {
  const response = await callLoader(loader, `/roadmap/decisions.atom${query}`)
  return { response, text: await response.text() }
}

test('the decisions feed is valid Atom, newest decision first, with what each agreed and why', async () => {
  await loadDemoData(getDb())
  const { response, text } = await get()
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
  expect(XMLValidator.validate(text)).toBe(true)
  const feed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => name === 'entry' || name === 'link' || name === 'category',
    textNodeName: '#text',
    alwaysCreateTextNode: true,
  }).parse(text).feed as {
    title: { '#text': string }
    entry: { title: { '#text': string }; summary: { '#text': string }; id: { '#text': string } }[]
  }
  expect(feed.title['#text']).toBe('Roadmap decisions: MirageOS 3.0 · Pioneer Board')
  expect(feed.entry).toHaveLength(5)
  expect(feed.entry[0]!.title['#text']).toBe('Call of 3 February 2016 (MirageOS 3.0): 1 deferred')
  expect(feed.entry[1]!.title['#text']).toBe('Call of 30 September 2015 (MirageOS 3.0): 1 agreed')
  expect(feed.entry[1]!.summary['#text']).toBe(
    'Agreed: Irmin roadmap: the most important open problem is garbage collection.',
  )
  // A question as the last title keeps its own mark, without a full stop after it.
  expect(feed.entry[0]!.summary['#text']).toBe(
    'Deferred: Should the configuration be adjusted now to support Solo5 and other backends?',
  )
  expect(feed.entry[1]!.id['#text']).toMatch(/^http:\/\/localhost\/roadmap\/rounds\/\d+$/)
})

test('a malformed target is a 400 and an unknown one a 404, each with the reason', async () => {
  await loadDemoData(getDb())
  const bad = await get('?target=Not%20a%20slug')
  expect(bad.response.status).toBe(400)
  expect(bad.text).toMatch(/is not a release target slug/)
  const unknown = await get('?target=mirageos-4')
  expect(unknown.response.status).toBe(404)
  expect(unknown.text).toBe('There is no release target "mirageos-4".\n')
})
