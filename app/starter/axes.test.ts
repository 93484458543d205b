import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { expect, test } from 'vitest'

import { labelReasons } from '../labels/plan/plan'
import { defaultScheme, describeValue, resolveScheme } from '../labels/scheme/scheme'

import { axisName, axisNameInSentence } from './axes'
import { projectFieldLabels } from './project-input'
import { getRubric } from './rubric'
import { missingPieces } from './triage.server'
import { starsLabel } from './ui/stars'
import { triageShortcuts } from './ui/triage-shortcuts'

// The two difficulty axes once had three sets of names (triage, the label scheme page, the label
// plan's "Why" lines). Every place that names an axis takes the name from axes.ts; a language
// other than OCaml shows the names are derived, not typed again.

const LANGUAGE = 'Reason'

test('the axes are named "<language> difficulty" and "Domain difficulty"', () => {
  expect(axisName('language', LANGUAGE)).toBe('Reason difficulty')
  expect(axisName('domain', LANGUAGE)).toBe('Domain difficulty')
  expect(axisNameInSentence('domain', LANGUAGE)).toBe('domain difficulty')
})

test('the rubric, the project form, triage and the stars name the axes alike', () => {
  const rubric = getRubric(LANGUAGE, ['web'])
  expect(rubric.axes.map((axis) => axis.title)).toEqual(['Reason difficulty', 'Domain difficulty'])
  const labels = projectFieldLabels(LANGUAGE)
  expect([labels.languageStars, labels.domainStars]).toEqual([
    'Reason difficulty',
    'Domain difficulty',
  ])
  expect(
    missingPieces(
      {
        language_stars: null,
        domain_stars: null,
        size: 'day',
        hasMentorContact: false,
        mentors: [{ name: '@hannesm', account_id: null }],
      },
      LANGUAGE,
    ),
  ).toEqual(['Reason difficulty', 'domain difficulty'])
  const shortcuts = triageShortcuts(LANGUAGE).map((shortcut) => shortcut.does)
  expect(shortcuts).toContain('Reason difficulty 1★, 2★, 3★ (0: unrated)')
  expect(shortcuts).toContain('Domain difficulty 1★, 2★, 3★ (Shift+0: unrated)')
  expect(starsLabel('domain', 2, LANGUAGE)).toBe('Domain difficulty: 2 of 3 stars')
})

test('the label scheme and the plan’s "Why" lines name the axes as the rubric does', () => {
  const defaults = defaultScheme(LANGUAGE)
  expect(describeValue('language:2', LANGUAGE)).toBe('Reason difficulty 2★')
  expect(describeValue('domain-level:3', LANGUAGE)).toBe('domain difficulty 3★')
  // Written to GitHub: the description follows the name, the label's own name does not.
  expect(defaults.fixed['language:1']).toMatchObject({
    name: 'lang/1★',
    description: "Reason difficulty 1 of 3 (see the board's rubric)",
  })
  expect(defaults.fixed['domain-level:1']).toMatchObject({
    name: 'domain-level/1★',
    description: "Domain difficulty 1 of 3 (see the board's rubric)",
  })
  const scheme = resolveScheme(defaults, {}, { domains: ['networking'], areas: [] })
  const reasons = labelReasons(
    {
      starter: {
        primary_domain: 'networking',
        language_stars: 2,
        domain_stars: 1,
        size: null,
        has_mentor: false,
        source: { id: 7, title: 'A project', fields: {} },
      },
      roadmap: [],
    },
    scheme,
  )
  expect(reasons.get('lang/2★')?.map((reason) => reason.field)).toEqual(['Reason difficulty'])
  expect(reasons.get('domain-level/1★')?.map((reason) => reason.field)).toEqual([
    'domain difficulty',
  ])
})

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []
  })
}

test('no page or message uses a retired name for an axis, or spells a name outside axes.ts', () => {
  const retired = [
    /knowledge rating/i,
    /expertise rating/i,
    /language difficulty/i,
    /\$\{languageName\} (difficulty|rating)/,
    /'domain rating'|'Domain difficulty'|`Domain difficulty/,
    /Harder axis/,
  ]
  const app = path.join(__dirname, '..')
  const offenders = sourceFiles(app)
    .filter((file) => !file.endsWith(path.join('starter', 'axes.ts')))
    .flatMap((file) => {
      // Comments may say "language difficulty" to a developer; what pages show may not.
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      return retired
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${path.relative(app, file)}: ${pattern}`)
    })
  expect(offenders).toEqual([])
})
