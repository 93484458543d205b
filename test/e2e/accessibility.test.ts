import { createRequire } from 'node:module'

import type { Browser, Page } from 'playwright-core'
import { describe, test } from 'vitest'

import { hasChromium, setupBrowserSuite } from './harness'

// Issue 16: every page passes axe-core with no serious or critical violation, and none scrolls
// sideways on a 390 px wide phone, for a visitor signed out, a contributor and a maintainer.

const AXE_SOURCE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const PHONE = { width: 390, height: 844 }

type Visitor = 'signed out' | 'contributor' | 'maintainer'
const DEMO_PERSON: Record<Exclude<Visitor, 'signed out'>, RegExp> = {
  contributor: /Cam \(demo contributor\)/,
  maintainer: /Dana \(demo maintainer\)/,
}

type Finding = { path: string; problem: string }

/** The first link on `path` whose address matches `pattern`: real ids of the demo data. */
async function firstLink(page: Page, baseUrl: string, path: string, pattern: RegExp) {
  await page.goto(`${baseUrl}${path}`)
  const hrefs = await page.$$eval('a[href]', (links) =>
    links.map((link) => link.getAttribute('href') ?? ''),
  )
  const href = hrefs.find((candidate) => pattern.test(candidate.split('?')[0] ?? ''))
  if (!href) throw new Error(`no link matching ${pattern} on ${path}`)
  return href.split('?')[0] ?? href
}

/** Every page of the board, with the ids of real rows of the demo data. */
async function pagesToWalk(page: Page, baseUrl: string) {
  const project = await firstLink(page, baseUrl, '/starter', /^\/starter\/\d+$/)
  const issue = await firstLink(page, baseUrl, '/issues', /^\/repos\/[^/]+\/[^/]+\/issues\/\d+$/)
  const idea = await firstLink(page, baseUrl, '/roadmap/ideas', /^\/roadmap\/ideas\/\d+$/)
  const round = await firstLink(page, baseUrl, '/roadmap/rounds', /^\/roadmap\/rounds\/\d+$/)
  const effort = await firstLink(page, baseUrl, '/roadmap', /^\/roadmap\/efforts\/\d+$/)
  return [
    '/',
    '/issues',
    '/issues?q=unikernel',
    // The stale filter on: its control, its measure and the closed state it does not offer.
    '/issues?repo=mirage/mirage&stale=true&months=12',
    issue,
    // A body with a GitHub task list: its checkboxes need names.
    '/repos/mirage/mirage/issues/569',
    '/issues/stale',
    '/starter',
    '/starter?level=new&know=networking',
    project,
    `${project}/edit`,
    '/starter/new',
    '/starter/supply',
    '/starter/gaps',
    '/starter/calibration',
    '/starter/candidates',
    '/starter/nothing-fits',
    '/starter/rubric',
    '/roadmap',
    '/roadmap/ideas',
    idea,
    '/roadmap/rounds',
    round,
    effort,
    '/roadmap/how-we-plan',
    '/roadmap/duplicates',
    '/digest',
    '/labels',
    '/labels/log',
    '/labels/scheme',
    '/sync',
    '/setup',
    '/admin/maintainers',
    '/login',
    '/no-such-page',
    '/starter/999999',
  ]
}

/** Serious and critical axe violations, and a page wider than the phone's screen. */
async function problemsOn(page: Page, axeSource: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (options: object) => Promise<AxeResults> } })
      .axe
    type AxeResults = {
      violations: {
        id: string
        impact: string | null
        help: string
        nodes: { target: string[] }[]
      }[]
    }
    const results = await axe.run({ resultTypes: ['violations'] })
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(' '))
            .join(', ')})`,
      )
  })
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  const problems = [...violations]
  if (widths.scroll > widths.client) {
    problems.push(`scrolls sideways: ${widths.scroll} px wide in a ${widths.client} px screen`)
  }
  return problems
}

/**
 * What the page shows, in two parts: its main content (with the title), and the chrome around it
 * (skip link, demo banner, header) that each role sees on every page; scripts and their nonces
 * left out, as they render nothing. Identical markup under the same stylesheet and screen lays
 * out and reads the same, so axe finds the same in it.
 */
async function renderedParts(page: Page) {
  return page.evaluate(() => {
    const html = document.documentElement.cloneNode(true) as HTMLElement
    const body = html.querySelector('body')
    for (const element of body?.querySelectorAll('script, link') ?? []) element.remove()
    for (const element of html.querySelectorAll('[nonce]')) element.removeAttribute('nonce')
    const main = body?.querySelector('main')
    const content = `${document.title}\n${main?.outerHTML ?? ''}`
    main?.remove()
    return { content, chrome: body?.outerHTML ?? '' }
  })
}

/**
 * Axe's findings by rendered main content, shared by the walks: a page whose main content and
 * chrome were both already checked (by any role; the chrome on any page) is not checked again,
 * and gets the findings of its content's check. A page that renders the same for every role is
 * so checked once; a role-specific one, once per role.
 */
type Checks = { byContent: Map<string, Promise<string[]>>; chromes: Set<string> }

async function walk(browser: Browser, baseUrl: string, visitor: Visitor, checks: Checks) {
  const { readFile } = await import('node:fs/promises')
  const axeSource = await readFile(AXE_SOURCE_PATH, 'utf8')
  // The board's CSP forbids inline scripts; axe is injected by the test, not the page.
  const context = await browser.newContext({ viewport: PHONE, bypassCSP: true })
  const page = await context.newPage()
  try {
    if (visitor !== 'signed out') {
      await page.goto(`${baseUrl}/login?returnTo=%2F`)
      await page.getByRole('button', { name: DEMO_PERSON[visitor] }).click()
      await page.waitForURL(`${baseUrl}/`)
    }
    const findings: Finding[] = []
    for (const path of await pagesToWalk(page, baseUrl)) {
      await page.goto(`${baseUrl}${path}`)
      const { content, chrome } = await renderedParts(page)
      let problems = checks.byContent.get(content)
      if (!problems || !checks.chromes.has(chrome)) {
        checks.chromes.add(chrome)
        problems = problemsOn(page, axeSource)
        checks.byContent.set(content, problems)
      }
      for (const problem of await problems) findings.push({ path, problem })
    }
    return findings
  } finally {
    await context.close()
  }
}

describe.skipIf(!hasChromium())('accessibility and small screens in Chromium', () => {
  const suite = setupBrowserSuite()
  const checks: Checks = { byContent: new Map(), chromes: new Set() }

  // The three walks at once, each in its own context: one waits on the server while another runs
  // axe, so the file takes about a third of the time it would one walk after another.
  for (const visitor of ['signed out', 'contributor', 'maintainer'] as const) {
    test.concurrent(
      `every page, ${visitor}: no serious axe violation, no sideways scroll at 390 px`,
      async ({ expect }) => {
        const findings = await walk(suite.browser, suite.server.url, visitor, checks)
        expect(findings.map((finding) => `${finding.path} — ${finding.problem}`)).toEqual([])
      },
      300_000,
    )
  }
})
