import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test, type ExpectStatic } from 'vitest'

import { issuePayload, labelPayload, repositoryPayload } from '../factories'
import { mirror } from '../mirror'

import { hasChromium, launchBrowser, startServer, type RunningServer } from './harness'
import { XSS_VECTORS } from './xss-vectors'

// Every known vector goes into an issue's title and body (and a few into labels) of a mirrored
// repository; then each page is opened in Chromium, once under the real Content-Security-Policy
// and once with it bypassed, so that the sanitiser alone is shown to stop them too.

const REPO = 'xss/corpus'
const repository = repositoryPayload(REPO)
const trapCall = (number: number) => `__xss(${number})`
const issues = XSS_VECTORS.map((vector, index) => {
  const number = index + 1
  const payload = vector.payload(trapCall(number))
  return issuePayload(REPO, number, {
    title: payload,
    body: payload,
    labels:
      index < 10
        ? [
            labelPayload(payload.slice(0, 100), {
              color: `ededed;background:url(javascript:${trapCall(number)})`,
              description: payload,
            }),
          ]
        : [],
  })
})

type Trap = { escaped: string[]; violations: string[] }

/** A page whose every way of running script reports to `trap` instead. */
async function trappedPage(context: BrowserContext, trap: Trap): Promise<Page> {
  const page = await context.newPage()
  await page.exposeFunction('__xss', (what: unknown) => trap.escaped.push(String(what)))
  await page.exposeFunction('__cspViolation', (what: unknown) => trap.violations.push(String(what)))
  await page.addInitScript(() => {
    const report = (window as unknown as { __xss: (what: string) => void }).__xss
    window.alert = (message?: unknown) => report(`alert(${String(message)})`)
    window.confirm = (message?: string) => {
      report(`confirm(${String(message)})`)
      return false
    }
    window.prompt = (message?: string) => {
      report(`prompt(${String(message)})`)
      return null
    }
    document.addEventListener('securitypolicyviolation', (event) => {
      const record = (window as unknown as { __cspViolation: (what: string) => void })
        .__cspViolation
      record(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  page.on('dialog', (dialog) => {
    trap.escaped.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) trap.violations.push(message.text())
  })
  return page
}

/** What the rendered page holds that should never come from an issue's text. */
async function findUnsafeMarkup(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = []
    const describe = (element: Element) => `<${element.tagName.toLowerCase()}>`
    const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
    const URL_ATTRIBUTES = [
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'srcset',
      'poster',
      'background',
      'srcdoc',
    ]
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) {
          problems.push(`${describe(element)} has ${attribute.name}="${attribute.value}"`)
        }
        if (URL_ATTRIBUTES.includes(attribute.name.toLowerCase())) {
          let protocol = 'invalid:'
          try {
            protocol = new URL(attribute.value, document.baseURI).protocol
          } catch {
            // An unparsable URL is reported as such.
          }
          if (!SAFE_PROTOCOLS.has(protocol)) {
            problems.push(`${describe(element)} has ${attribute.name}="${attribute.value}"`)
          }
        }
      }
    }
    for (const script of document.querySelectorAll('script')) {
      if (!script.nonce) problems.push(`a <script> without the nonce: ${script.outerHTML}`)
    }
    for (const element of document.querySelectorAll(
      'iframe, frame, object, embed, base, meta[http-equiv], main style, main link, main svg, main math, main template, main noscript',
    )) {
      problems.push(`${describe(element)} in the page: ${element.outerHTML.slice(0, 200)}`)
    }
    for (const element of document.querySelectorAll(
      '.markdown-body :is(form, button, textarea, select, script, [id], [name], [style], [class]:not(code))',
    )) {
      problems.push(`${describe(element)} from the body: ${element.outerHTML.slice(0, 200)}`)
    }
    // DOM clobbering: named elements must not shadow what the app and Remix rely on.
    const globals = window as unknown as Record<string, unknown>
    if (typeof document.getElementById !== 'function') problems.push('document.getElementById')
    if (typeof document.querySelector !== 'function') problems.push('document.querySelector')
    if (typeof document.cookie !== 'string') problems.push('document.cookie')
    if (!(document.forms instanceof HTMLCollection)) problems.push('document.forms')
    if (!(document.body instanceof HTMLBodyElement)) problems.push('document.body')
    for (const name of ['__remixContext', '__remixManifest', '__remixRouteModules', 'x']) {
      if (globals[name] instanceof Element || globals[name] instanceof HTMLCollection) {
        problems.push(`window.${name} is an element`)
      }
    }
    if (document.baseURI !== location.href) problems.push(`the base URI is ${document.baseURI}`)
    return problems
  })
}

/** Remix hydrated the page: its router is running. */
async function isHydrated(page: Page) {
  return page.evaluate(() => '__remixRouter' in window)
}

/** One browser context, with or without the Content-Security-Policy, and its trapped page. */
type Visitor = {
  mode: string
  isCspEnforced: boolean
  context: BrowserContext
  page: Page
  trap: Trap
}

async function createVisitor(browser: Browser, isCspEnforced: boolean): Promise<Visitor> {
  const context = await browser.newContext({ bypassCSP: !isCspEnforced })
  const trap: Trap = { escaped: [], violations: [] }
  return {
    mode: isCspEnforced ? 'under the CSP' : 'with the CSP bypassed (the sanitiser alone)',
    isCspEnforced,
    context,
    page: await trappedPage(context, trap),
    trap,
  }
}

/** Opens `url` and checks that nothing ran and nothing unsafe was rendered. */
async function expectNothingRuns(
  { mode, isCspEnforced, page, trap }: Visitor,
  url: string,
  expect: ExpectStatic,
) {
  trap.escaped.length = 0
  trap.violations.length = 0
  const response = await page.goto(url)
  expect(response?.status(), mode).toBe(200)
  // Time for late handlers (media errors, meta refresh) and for the trap's reports.
  await page.waitForTimeout(100)
  expect(page.url(), `${mode}: the page went elsewhere`).toBe(url)
  expect(trap.escaped, `${mode}: script ran`).toEqual([])
  expect(await findUnsafeMarkup(page), `${mode}: unsafe markup`).toEqual([])
  if (isCspEnforced) {
    expect(trap.violations, `${mode}: CSP violations`).toEqual([])
    expect(await isHydrated(page), `${mode}: the page did not hydrate`).toBe(true)
  }
}

/** Vectors checked at once: each lane is one pair of visitors, so the cases' waits overlap. */
const LANES = 4

/** Pairs of visitors, lent to one case at a time. */
function createLanes(pairs: Visitor[][]) {
  const idle = [...pairs]
  const waiting: ((pair: Visitor[]) => void)[] = []
  return {
    all: () => pairs.flat(),
    async use<T>(check: (visitors: Visitor[]) => Promise<T>): Promise<T> {
      const pair = idle.pop() ?? (await new Promise<Visitor[]>((resolve) => waiting.push(resolve)))
      try {
        return await check(pair)
      } finally {
        const next = waiting.shift()
        if (next) next(pair)
        else idle.push(pair)
      }
    },
  }
}

describe.skipIf(!hasChromium())('known XSS vectors in mirrored issues, in Chromium', () => {
  let server: RunningServer
  let browser: Browser
  let lanes = createLanes([])

  beforeAll(async () => {
    // Chromium starts while the server does.
    const [started, launched] = await Promise.allSettled([
      startServer({ SEED_DEMO: 'never' }, { seed: (db) => mirror(db, repository, issues) }),
      launchBrowser(),
    ])
    if (started.status === 'fulfilled') server = started.value
    if (launched.status === 'fulfilled') browser = launched.value
    if (started.status === 'rejected') throw started.reason
    if (launched.status === 'rejected') throw launched.reason
    // Under the real policy, and with it bypassed to show the sanitiser stops everything alone.
    lanes = createLanes(
      await Promise.all(
        Array.from({ length: LANES }, () =>
          Promise.all([createVisitor(browser, true), createVisitor(browser, false)]),
        ),
      ),
    )
  })

  afterAll(async () => {
    await Promise.all(lanes.all().map((visitor) => visitor.context.close()))
    await browser?.close()
    await server?.stop()
  })

  test('the corpus holds at least 50 vectors', () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(50)
  })

  test.concurrent.for(
    XSS_VECTORS.map((vector, index) => ({ name: vector.name, number: index + 1 })),
  )('vector $number ($name) runs nothing on its issue page', async ({ number }, { expect }) => {
    const url = `${server.url}/repos/${REPO}/issues/${number}`
    await lanes.use(async (visitors) => {
      await Promise.all(visitors.map((visitor) => expectNothingRuns(visitor, url, expect)))
      // The title is shown as the text it is.
      const title = issues[number - 1]?.title ?? ''
      const heading = visitors[0]?.page.getByRole('heading', { level: 1 })
      expect(await heading?.textContent()).toContain(title)
    })
  })

  test('the board lists every vector as plain text and runs nothing', async () => {
    const shown: string[] = []
    await lanes.use(async (visitors) => {
      for (const sort of ['newest', 'oldest']) {
        const url = `${server.url}/issues?state=all&limit=100&sort=${sort}`
        await Promise.all(visitors.map((visitor) => expectNothingRuns(visitor, url, expect)))
        const items = visitors[0]?.page.getByRole('list', { name: 'Issues' }).getByRole('listitem')
        shown.push(...((await items?.allTextContents()) ?? []))
      }
    })
    for (const issue of issues) {
      expect(shown.some((text) => text.includes(issue.title))).toBe(true)
    }
  })
})
