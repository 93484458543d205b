import { existsSync, readFileSync } from 'node:fs'

import { expect, test } from 'vitest'

import {
  checkSource,
  convert,
  DEFAULT_OUTPUT_PATH,
  DEFAULT_SOURCE_PATH,
  titleFor,
  type DemoRoadmap,
  type Source,
} from './convert-mirage-roadmap'

const committed = JSON.parse(readFileSync(DEFAULT_OUTPUT_PATH, 'utf8')) as DemoRoadmap
const hasSource = existsSync(DEFAULT_SOURCE_PATH)
const source = hasSource ? (JSON.parse(readFileSync(DEFAULT_SOURCE_PATH, 'utf8')) as Source) : null

test.skipIf(!hasSource)(
  'the committed demo is what the converter makes of the source today',
  () => {
    expect(checkSource(source!)).toEqual([])
    expect(convert(source!)).toEqual(committed)
  },
)

test.skipIf(!hasSource)(
  'every one of the 36 items becomes exactly one idea or process note',
  () => {
    const keys = [...committed.ideas, ...committed.processNotes].map((entry) => entry.key)
    expect(source!.items).toHaveLength(36)
    expect(keys.filter((key) => key !== 'process').sort()).toEqual(
      source!.items.map((item) => item.id).sort(),
    )
    for (const item of source!.items) {
      const idea = committed.ideas.find((candidate) => candidate.key === item.id)
      if (!idea) continue
      expect(idea).toMatchObject({
        description: item.idea,
        originalArea: item.area,
        attribution: item.attribution,
        date: item.date,
        isVerbatim: item.verbatim,
        phase: item.phase,
      })
    }
  },
)

test('areas are normalised, keeping the verbatim names they gather', () => {
  const docs = committed.areas.find((area) => area.name === 'Docs and onboarding')
  expect(docs?.originalNames.sort()).toEqual([
    'documentation',
    'documentation/onboarding',
    'onboarding',
  ])
  expect(committed.ideas.find((idea) => idea.key === 'rm-12')).toMatchObject({
    area: 'Quality and testing',
    originalArea: 'quality/testing',
    isVerbatim: true,
    attribution: 'call attendees (listed jointly, not individually attributed)',
  })
})

test('process items go to the "How we plan" notes, prioritisation items to call decisions', () => {
  expect(committed.processNotes.map((note) => note.key)).toEqual([
    'process',
    'rm-09',
    'rm-10',
    'rm-11',
    'rm-36',
  ])
  expect(
    committed.callDecisions.map((call) => [
      call.date,
      call.outcomes.map((outcome) => `${outcome.idea}:${outcome.outcome}`),
    ]),
  ).toEqual([
    ['2015-03-25', ['rm-22:agreed']],
    ['2015-04-23', ['rm-24:agreed']],
    ['2015-05-20', ['rm-25:agreed']],
    ['2015-09-30', ['rm-28:agreed']],
    ['2016-02-03', ['rm-34:deferred']],
  ])
})

test('titles are the short text itself, else its first clause, else cut at a word', () => {
  expect(titleFor('Javascript', true)).toBe('Javascript')
  expect(titleFor('Investigate high memory use in ocaml-git/Irmin when cloning.', false)).toBe(
    'Investigate high memory use in ocaml-git/Irmin when cloning',
  )
  expect(
    titleFor(
      'Irmin: make the JS bindings consistent (repos/branches vs stores), remove `create`, add push/pull to the Irmin web server.',
      false,
    ),
  ).toBe('Irmin: make the JS bindings consistent')
  expect(titleFor(`${'word '.repeat(30)}end`, false)).toMatch(/^word( word)+…$/)
})

test('an unknown area, phase or malformed reference is reported by item id', () => {
  const item = {
    id: 'rm-99',
    date: '2015-13-45',
    area: 'astrology',
    idea: 'x',
    verbatim: false,
    attribution: null,
    phase: 'dreaming' as never,
    related_issues: ['mirage'],
    source_url: null,
  }
  expect(checkSource({ ...source!, items: [item] } as Source)).toEqual([
    'rm-99: unknown area "astrology"',
    'rm-99: unknown phase "dreaming"',
    'rm-99: malformed date "2015-13-45"',
    'rm-99: issue "mirage" is not owner/repo#N',
  ])
})
