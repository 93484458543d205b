import type { Browser, Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite, waitForHydration } from './harness'

// A first ten minutes on a 375 px touch phone (an iPhone SE/mini), where the desktop walks never
// looked: what a thumb meets before any page's own content.

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
/** The first screen of an iPhone SE and of an iPhone 11: what shows before any scrolling. */
const PHONES = [
  { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { viewport: { width: 414, height: 896 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
]
const MAINTAINER = /Dana \(demo maintainer\)/
const NEWCOMER = /Noor \(demo newcomer\)/
const CLAIM = /^(I’m working on this|Claim it again)$/

/**
 * Each link or button matching `selector` that is cut across lines or shorter than a thumb,
 * among those displayed (the header holds some twice, for phones and for wider screens).
 */
async function crampedTargets(page: Page, selector: string) {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)].flatMap((element) => {
        if (!element.checkVisibility()) return []
        const box = element.getBoundingClientRect()
        const text = document.createRange()
        text.selectNodeContents(element)
        // Boxes that overlap vertically share a line (a glyph from another font sits a pixel off).
        let lines = 0
        let lineBottom = -Infinity
        for (const rect of [...text.getClientRects()].sort((a, b) => a.top - b.top)) {
          if (rect.top >= lineBottom - 1) {
            lines++
            lineBottom = rect.bottom
          } else lineBottom = Math.max(lineBottom, rect.bottom)
        }
        const name = element.textContent?.trim() ?? ''
        const problems = []
        if (lines > 1) problems.push(`"${name}" breaks over ${lines} lines`)
        // 40 px: about the pad of a thumb (Apple asks 44 pt, WCAG 2.2 AA at least 24).
        if (box.height < 40) problems.push(`"${name}" is ${Math.round(box.height)} px tall`)
        return problems
      }),
    selector,
  )
}

const HEADER = 'header nav a, header nav button, header nav summary'

/**
 * The heights of the first displayed demo badge matching `text` wherever its line ends: words
 * are put before it one at a time, so that at some count the line ends inside the badge. Each
 * entry is [words, badge height in px, one line's height], the badge measured by its box.
 */
async function demoBadgeHeights(page: Page, text: string) {
  return page.evaluate((text) => {
    const badge = [...document.querySelectorAll('span.bg-amber-100')].find(
      (element) => element.checkVisibility() && element.textContent?.trim() === text,
    )
    if (!badge) throw new Error(`no demo badge "${text}" on ${location.pathname}`)
    const lineHeight = parseFloat(getComputedStyle(badge).lineHeight)
    const words = document.createTextNode('')
    badge.before(words)
    const heights: [number, number, number][] = []
    // Up to a whole 375 px line of two-letter words: the badge meets every place on the line.
    for (let count = 0; count <= 60; count++) {
      words.textContent = ' ab'.repeat(count)
      heights.push([count, badge.getBoundingClientRect().height, lineHeight])
    }
    words.remove()
    return heights
  }, text)
}

/**
 * The most of the screen any bar pinned over the page's content (sticky or fixed, in main)
 * covers, at the top of the page and halfway down, where a sticky bar at a form's end is pinned
 * to the screen's bottom edge.
 */
async function pinnedCover(page: Page) {
  const covers: number[] = []
  for (const at of [0, 0.5]) {
    covers.push(
      ...(await page.evaluate((at) => {
        const { scrollHeight } = document.documentElement
        window.scrollTo(0, (scrollHeight - window.innerHeight) * at)
        return [...document.querySelectorAll('main *')]
          .filter(
            (element) =>
              element.checkVisibility() &&
              ['sticky', 'fixed'].includes(getComputedStyle(element).position),
          )
          .map((element) => {
            const box = element.getBoundingClientRect()
            return Math.max(0, Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0))
          })
      }, at)),
    )
  }
  return Math.max(0, ...covers)
}

/** Whether the whole page scrolls sideways: wider than the screen. */
async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth)
}

/**
 * How dark the screen is 3 px in from each side of `box` (0 white, 255 black): the median of a
 * column of pixels over its height, so a line of text or a row's border does not count. A scroll
 * shade darkens the side it is on.
 */
async function edgeDarkness(page: Page, box: Locator) {
  await box.scrollIntoViewIfNeeded()
  const rect = (await box.boundingBox())!
  const darkness: Record<'left' | 'right', number> = { left: 0, right: 0 }
  for (const [side, x] of [
    ['left', rect.x + 3],
    ['right', rect.x + rect.width - 4],
  ] as const) {
    const png = await page.screenshot({ clip: { x, y: rect.y, width: 1, height: rect.height } })
    // Decoded by the page's Chromium: a Blob, which the board's CSP has no say over.
    darkness[side] = await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
      const canvas = new OffscreenCanvas(image.width, image.height)
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      const { data } = context.getImageData(0, 0, image.width, image.height)
      const values: number[] = []
      for (let at = 0; at < data.length; at += 4) {
        values.push(255 - (data[at]! + data[at + 1]! + data[at + 2]!) / 3)
      }
      values.sort((a, b) => a - b)
      return values[Math.floor(values.length / 2)]!
    }, png.toString('base64'))
  }
  return darkness
}

/** A page in a fresh phone-sized context (own cookies), closed with the context. */
async function phonePage(browser: Browser, phone: (typeof PHONES)[number]) {
  const context = await browser.newContext(phone)
  return { context, page: await context.newPage() }
}

describe.skipIf(!hasChromium())('a first visit on a phone', () => {
  const suite = setupBrowserSuite()

  /**
   * The signed-in person starts with no history (the demo's claims are its seeded people's), so
   * a test that needs her claim makes one: on an open project nobody works on, unless she has one.
   */
  async function ensureOwnClaim(page: Page) {
    await page.goto(`${suite.server.url}/me`)
    const none = page.getByText(/^You are not working on a starter project/)
    await page.getByRole('heading', { name: 'My claims' }).waitFor()
    if ((await none.count()) === 0) return
    const response = await fetch(`${suite.server.url}/api/starter-projects?limit=50`)
    const { items } = (await response.json()) as {
      items: { id: number; status: string; size: string | null; claims: unknown[] }[]
    }
    const project = items.find(
      (item) => item.status === 'open' && item.size !== 'elastic' && item.claims.length === 0,
    )!
    await page.goto(`${suite.server.url}/starter/${project.id}`)
    await page.getByRole('button', { name: CLAIM }).tap()
    await page.getByText(/^Your claim holds until /).waitFor()
  }

  test('signed out, every header link is one line and a thumb tall', async () => {
    const context = await suite.browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await page.goto(`${suite.server.url}/starter`)
      expect(await crampedTargets(page, HEADER)).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('on a first visit to the finder, “Find projects” follows her background, the filters folded', async () => {
    const context = await suite.browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await page.goto(`${suite.server.url}/starter?fresh`)
      const form = page.getByRole('form', { name: 'Your background and filters' })
      const button = (await form.getByRole('button', { name: 'Find projects' }).boundingBox())!
      const mentor = (await form
        .getByRole('checkbox', { name: 'I would like a mentor' })
        .boundingBox())!
      // Below her background by the folded filters' one line (about 150 px with the level
      // checkbox), not by ten controls (600 px and more).
      expect(button.y - mentor.y).toBeLessThan(200)
      expect(await form.getByRole('searchbox', { name: /^Search/ }).isVisible()).toBe(false)
      // Opened by a tap, the filters are all there.
      await form.locator('summary', { hasText: 'More filters' }).tap()
      expect(await form.getByRole('searchbox', { name: /^Search/ }).isVisible()).toBe(true)
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }))
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
    } finally {
      await context.close()
    }
  })

  test('as a maintainer, every header link and button is one line and a thumb tall', async () => {
    const context = await suite.browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await page.goto(`${suite.server.url}/login?returnTo=%2F`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/`)
      await page.goto(`${suite.server.url}/roadmap`)
      expect(await crampedTargets(page, HEADER)).toEqual([])
      // And the ones folded in the menu, once opened.
      await page.locator('header summary', { hasText: 'Menu' }).tap()
      await page.getByRole('button', { name: 'Sign out' }).waitFor()
      expect(await crampedTargets(page, HEADER)).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('signed in, the header leaves the first screen to the page; the menu holds the rest', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2F`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/`)
      const menu = page.locator('header summary', { hasText: 'Menu' })
      await eventually(async () => expect(await menu.isVisible()).toBe(true))
      // The banner's two lines, the board's name with the inbox and menu, the main links: laid
      // out in full, the maintainer's links, name and sign-out took three more rows (293 px).
      const header = await page.locator('header').boundingBox()
      expect(header!.height).toBeLessThanOrEqual(140)
      // The main links stay one row, also with the current section's link in bold.
      await page.goto(`${suite.server.url}/starter/4`)
      const links = await page.locator('header nav ul').first().boundingBox()
      expect(links!.height).toBeLessThanOrEqual(44)
      await page.goto(`${suite.server.url}/`)
      const main = page.getByRole('navigation', { name: 'Main' })
      expect(await main.getByRole('link', { name: 'Labels', exact: true }).count()).toBe(0)

      await menu.tap()
      expect(await main.getByText(MAINTAINER).filter({ visible: true }).count()).toBe(1)
      // Her work is named in the menu, not behind her name (which is no link).
      const myWork = main.getByRole('link', { name: 'My work', exact: true })
      expect(await myWork.isVisible()).toBe(true)
      expect(await myWork.getAttribute('href')).toBe('/me')
      expect(await main.getByRole('link', { name: MAINTAINER }).count()).toBe(0)
      await main.getByRole('link', { name: 'Labels', exact: true }).tap()
      await page.waitForURL(`${suite.server.url}/labels`)
      // The header stays on screen across the navigation; the menu does not stay open over it.
      await eventually(async () =>
        expect(await main.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false),
      )
    } finally {
      await context.close()
    }
  })

  test('signed in, the demo banner takes two lines and Follow is a thumb tall', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter%2F4`)
      await page.getByRole('button', { name: NEWCOMER }).tap()
      await page.waitForURL(`${suite.server.url}/starter/4`)
      const banner = page.getByRole('note').filter({ hasText: 'Demo mode' })
      // Read once the signed-in page has settled: the URL changes before the root data does.
      await eventually(async () =>
        expect(await banner.innerText()).toMatch(/Nothing is sent to GitHub\. Be someone else$/),
      )
      const lines = await banner.evaluate((element) => {
        const text = document.createRange()
        text.selectNodeContents(element)
        return new Set([...text.getClientRects()].map((rect) => Math.round(rect.bottom))).size
      })
      expect(lines).toBeLessThanOrEqual(2)
      expect(await crampedTargets(page, 'main form[action="/me/settings"] button')).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('at 375x667 a demo tag beside a name is one line, wherever the line ends', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2F`)
      await page.getByRole('button', { name: NEWCOMER }).tap()
      await page.waitForURL(`${suite.server.url}/`)
      await ensureOwnClaim(page)
      await page.goto(`${suite.server.url}/`)
      // Home's "For you", then the claimed project's page, where the claim panel names her.
      const pages = [
        '/',
        (await page
          .locator('section[aria-labelledby="for-you-heading"] a[href^="/starter/"]')
          .first()
          .getAttribute('href'))!,
      ]
      for (const path of pages) {
        await page.goto(`${suite.server.url}${path}`)
        const heights = await demoBadgeHeights(page, 'demo claim')
        // One line tall at every place (it was "demo" above "claim" where the line ended).
        expect(
          heights.filter(([, height, line]) => height > line + 0.5),
          path,
        ).toEqual([])
      }
    } finally {
      await context.close()
    }
  })

  test('the roadmap names an area’s empty statuses in a line, not a block each, on a phone and a wide screen', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/roadmap`)
      const lines = page.locator('main p', { hasText: /^No effort .+ yet\.$/ })
      await expect.poll(() => lines.count()).toBeGreaterThan(0)
      expect(await lines.first().isVisible()).toBe(true)
      const emptyBlocks = page.locator('main section section', { hasText: /\(0\)/ })
      expect(await emptyBlocks.count()).toBe(0)
      // A wide screen too: a column of "None." for each empty status made an area look blank.
      await page.setViewportSize({ width: 1280, height: 800 })
      expect(await lines.first().isVisible()).toBe(true)
      expect(await page.getByText('None.', { exact: true }).count()).toBe(0)
    } finally {
      await context.close()
    }
  })

  test('the roadmap’s effort cards read well on a wide screen, and nothing runs off a phone', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/roadmap`)
      const cards = page.locator('main section section li:has(h5)')
      await expect.poll(() => cards.count()).toBeGreaterThan(0)
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0)
      // At 1280 px, four columns for an area's one or two statuses left each card a strip a
      // quarter of the page wide, its linked issues stacked a word a line, beside empty space.
      await page.setViewportSize({ width: 1280, height: 900 })
      const widths = await cards.evaluateAll((elements) =>
        elements.map((element) => element.getBoundingClientRect().width),
      )
      for (const width of widths) expect(width).toBeGreaterThan(400)
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0)
    } finally {
      await context.close()
    }
  })

  test('the home page’s three figures share a line on a phone, however their labels wrap', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/`)
      const figures = page.locator('main dl dd')
      expect(await figures.count()).toBe(3)
      const tops = await figures.evaluateAll((elements) =>
        elements.map((element) => Math.round(element.getBoundingClientRect().top)),
      )
      expect(new Set(tops).size).toBe(1)
      // No label runs past two lines in a third of a phone's width.
      const heights = await page
        .locator('main dl dt')
        .evaluateAll((elements) =>
          elements.map((element) => element.getBoundingClientRect().height),
        )
      for (const height of heights) expect(height).toBeLessThanOrEqual(2 * 20 + 16)
    } finally {
      await context.close()
    }
  })

  test('the tabs under a section are a thumb tall', async () => {
    const context = await suite.browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await page.goto(`${suite.server.url}/roadmap`)
      expect(await crampedTargets(page, 'main nav[aria-label="Roadmap"] a')).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('at 375 px the tabs under a section stay one row that scrolls sideways, the current tab in sight', async () => {
    /** Where each tab of the named row sits, and whether the row or the page scrolls sideways. */
    const tabRow = (page: Page, label: string) =>
      page.evaluate((label) => {
        const list = document.querySelector(`main nav[aria-label="${label}"] ul`) as HTMLElement
        const current = list.querySelector('[aria-current="page"]') as HTMLElement
        const row = list.getBoundingClientRect()
        const tab = current.getBoundingClientRect()
        return {
          tops: new Set([...list.querySelectorAll('li')].map((item) => item.offsetTop)).size,
          tabs: list.querySelectorAll('li').length,
          rowScrolls:
            list.scrollWidth <= list.clientWidth || getComputedStyle(list).overflowX === 'auto',
          pageScrolls: document.documentElement.scrollWidth > window.innerWidth,
          currentInSight: tab.left >= row.left - 1 && tab.right <= row.right + 1,
        }
      }, label)
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      // Signed out: "Supply" wrapped onto a row of its own (it is now a maintainer's tab).
      await page.goto(`${suite.server.url}/starter`)
      expect(await tabRow(page, 'Starter projects')).toEqual({
        tops: 1,
        tabs: 2,
        rowScrolls: true,
        pageScrolls: false,
        currentInSight: true,
      })
      await page.goto(`${suite.server.url}/roadmap/ideas`)
      expect((await tabRow(page, 'Roadmap')).tops).toBe(1)
      // A maintainer's eight starter tabs (three rows before); the last one's page shows it.
      await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter%2Fnew`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/starter/new`)
      await eventually(async () =>
        expect(await tabRow(page, 'Starter projects')).toEqual({
          tops: 1,
          tabs: 8,
          rowScrolls: true,
          pageScrolls: false,
          currentInSight: true,
        }),
      )
      expect(await crampedTargets(page, 'main nav[aria-label="Starter projects"] a')).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('at 360 px the starter tabs a newcomer sees fit without scrolling, signed out or in, and Supply is only a maintainer’s tab', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    /** The row's tab names, and whether it is wider than its box (then it scrolls, clipped). */
    const tabRow = (page: Page) =>
      page.evaluate(() => {
        const list = document.querySelector(
          'main nav[aria-label="Starter projects"] ul',
        ) as HTMLElement
        return {
          tabs: [...list.querySelectorAll('a')].map((tab) => tab.textContent),
          fits: list.scrollWidth <= list.clientWidth,
        }
      })
    try {
      const page = await context.newPage()
      const newcomerRow = { tabs: ['Find a project', 'How we rate difficulty'], fits: true }
      for (const path of ['/starter', '/starter/rubric', '/starter/supply']) {
        await page.goto(`${suite.server.url}${path}`)
        expect({ path, row: await tabRow(page) }).toEqual({ path, row: newcomerRow })
      }
      await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter`)
      await page.getByRole('button', { name: NEWCOMER }).tap()
      await page.waitForURL(`${suite.server.url}/starter`)
      await eventually(async () => {
        expect(await page.locator('header').textContent()).toMatch(NEWCOMER)
        expect(await tabRow(page)).toEqual(newcomerRow)
      })
      // The supply page is public data: out of the row, still there by its address.
      const supply = await page.goto(`${suite.server.url}/starter/supply`)
      expect(supply?.status()).toBe(200)
      expect(await tabRow(page)).toEqual(newcomerRow)
      // A maintainer's row holds it (and scrolls: eight tabs, checked at 375 px above).
      await context.clearCookies()
      await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/starter`)
      await eventually(async () => expect((await tabRow(page)).tabs).toContain('Supply'))
    } finally {
      await context.close()
    }
  })

  test('at 375 px the tabs everyone sees fit whole, whichever is current: two starter tabs, four roadmap tabs', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      const rows = [
        ['Starter projects', ['/starter', '/starter/rubric', '/starter/supply']],
        // "Prioritisation rounds" cut the last tab to "How we".
        ['Roadmap', ['/roadmap', '/roadmap/ideas', '/roadmap/rounds', '/roadmap/how-we-plan']],
      ] as const
      for (const [label, path] of rows.flatMap(([label, paths]) =>
        paths.map((path) => [label, path] as const),
      )) {
        await page.goto(`${suite.server.url}${path}`)
        // Each tab's right edge within the row: none is cut at the edge ("Suppl").
        const cut = await page.evaluate((label) => {
          const list = document.querySelector(`main nav[aria-label="${label}"] ul`) as HTMLElement
          const row = list.getBoundingClientRect()
          return [...list.querySelectorAll('a')]
            .filter((tab) => {
              const box = tab.getBoundingClientRect()
              return box.left < row.left - 1 || box.right > row.right + 1
            })
            .map((tab) => tab.textContent)
        }, label)
        expect({ path, cut }).toEqual({ path, cut: [] })
      }
    } finally {
      await context.close()
    }
  })

  test('the fields people type in are 16 px, so iOS does not zoom the page in on them', async () => {
    const context = await suite.browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      const small: string[] = []
      for (const path of ['/issues', '/starter', '/roadmap/ideas']) {
        await page.goto(`${suite.server.url}${path}`)
        const sizes = await page.evaluate(() =>
          [
            ...document.querySelectorAll(
              'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]), select, textarea',
            ),
          ].map((field) => [field.getAttribute('name'), getComputedStyle(field).fontSize]),
        )
        for (const [name, size] of sizes) {
          if (parseFloat(size ?? '') < 16) small.push(`${path} ${name}: ${size}`)
        }
      }
      expect(small).toEqual([])
    } finally {
      await context.close()
    }
  })

  for (const phone of PHONES) {
    const { width, height } = phone.viewport

    test(`on the issue board at ${width}x${height}, the first result shows whole on the first screen, under the folded filters`, async () => {
      const { context, page } = await phonePage(suite.browser, phone)
      try {
        await page.goto(`${suite.server.url}/issues`)
        const first = await page
          .getByRole('list', { name: 'Issues' })
          .getByRole('listitem')
          .first()
          .boundingBox()
        expect(first!.y + first!.height).toBeLessThanOrEqual(height)
        const filters = page.locator('form[aria-label="Filter issues"] > details')
        expect(await filters.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false)
        expect(await filters.locator('> summary').textContent()).toBe('▸Filtersnone')
      } finally {
        await context.close()
      }
    })

    test(`for a newcomer at ${width}x${height}, each listed project's claim button shows whole on the first screen, once`, async () => {
      const { context, page } = await phonePage(suite.browser, phone)
      try {
        await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter`)
        await page.getByRole('button', { name: NEWCOMER }).tap()
        await page.waitForURL(`${suite.server.url}/starter`)
        // Read once the signed-in list has rendered: the URL changes before the page does.
        let projects: string[] = []
        await eventually(async () => {
          expect(await page.locator('header').textContent()).toMatch(NEWCOMER)
          projects = await page.$$eval('main a[href^="/starter/"]', (links) => [
            ...new Set(
              links
                .map((link) => link.getAttribute('href') ?? '')
                .filter((href) => /^\/starter\/\d+$/.test(href)),
            ),
          ])
          expect(projects.length).toBeGreaterThan(0)
        })
        let measured = 0
        for (const project of projects) {
          await page.goto(`${suite.server.url}${project}`)
          const claim = page.getByRole('button', { name: CLAIM })
          // One form, read once by a screen reader: moved up, not copied.
          expect(await claim.count()).toBeLessThanOrEqual(1)
          if ((await claim.count()) === 0) continue
          const box = await claim.boundingBox()
          measured += 1
          expect(box!.y + box!.height, project).toBeLessThanOrEqual(height)
        }
        // The demo lists open projects a newcomer can claim: the loop measured some.
        expect(measured).toBeGreaterThan(0)
      } finally {
        await context.close()
      }
    })
  }

  test('on a phone the folded filters open by touch or keyboard, and stay open, summarised, once applied', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/issues`)
      const summary = page.locator('form[aria-label="Filter issues"] > details > summary')
      await summary.focus()
      await page.keyboard.press('Enter')
      const repository = page.getByRole('checkbox', { name: /^mirage\/mirage-www\b/ })
      expect(await repository.isVisible()).toBe(true)
      await repository.tap()
      await page.waitForURL(/repo=mirage%2Fmirage-www/)
      await eventually(async () =>
        expect(await summary.textContent()).toBe('▸Filtersmirage/mirage-www'),
      )
      expect(await repository.isVisible()).toBe(true)
      const repos = await page
        .getByRole('list', { name: 'Issues' })
        .getByRole('listitem')
        .evaluateAll((items) => items.map((item) => item.textContent ?? ''))
      expect(repos.length).toBeGreaterThan(0)
      expect(repos.every((text) => text.includes('mirage/mirage-www'))).toBe(true)

      // Filters that matched nothing are in force too: the line names them, not "none".
      await page.goto(`${suite.server.url}/issues?repo=x/y&author=nobody-here`)
      expect(await summary.textContent()).toBe('▸Filtersx/y · by nobody-here')
    } finally {
      await context.close()
    }
  })

  for (const width of [1200, 1280]) {
    test(`on a ${width} px screen, a maintainer’s whole header is one row: the inbox is not left alone on a second`, async () => {
      const context = await suite.browser.newContext({ viewport: { width, height: 800 } })
      try {
        const page = await context.newPage()
        await page.goto(`${suite.server.url}/login?returnTo=%2Fissues`)
        await page.getByRole('button', { name: MAINTAINER }).click()
        await page.waitForURL(`${suite.server.url}/issues`)
        await page.getByRole('link', { name: /^Inbox/ }).waitFor()
        const rows = await page.evaluate(() => {
          const nav = document.querySelector('header nav[aria-label="Main"]')!
          return [...nav.children]
            .filter((child) => child.checkVisibility()) // the phone's menu is not displayed here
            .map((child) => Math.round(child.getBoundingClientRect().top))
        })
        expect(new Set(rows).size).toBe(1)
        // My work is in that row, named: her name alone did not say it led there.
        const main = page.getByRole('navigation', { name: 'Main' })
        expect(await main.getByRole('link', { name: 'My work', exact: true }).isVisible()).toBe(
          true,
        )
        expect(await crampedTargets(page, HEADER)).toEqual([])
        // Her name folds her role and the sign-out buttons, a thumb tall once opened.
        await page.locator('header summary', { hasText: MAINTAINER }).click()
        await main.getByRole('button', { name: 'Sign out' }).waitFor()
        expect(
          await main.getByText('maintainer', { exact: true }).filter({ visible: true }).count(),
        ).toBe(1)
        expect(await crampedTargets(page, HEADER)).toEqual([])
      } finally {
        await context.close()
      }
    })
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`on a wide screen ${javaScriptEnabled ? 'with' : 'without'} JavaScript, the filters stay unfolded beside the results`, async () => {
      const context = await suite.browser.newContext({
        viewport: { width: 1280, height: 800 },
        javaScriptEnabled,
      })
      try {
        const page = await context.newPage()
        await page.goto(`${suite.server.url}/issues`)
        expect(
          await page.locator('form[aria-label="Filter issues"] > details > summary').isVisible(),
        ).toBe(false)
        const repositories = await page.getByRole('complementary').boundingBox()
        const search = await page.getByRole('searchbox', { name: /Search titles/ }).boundingBox()
        const first = await page
          .getByRole('list', { name: 'Issues' })
          .getByRole('listitem')
          .first()
          .boundingBox()
        expect(search!.x).toBeGreaterThan(repositories!.x + repositories!.width)
        expect(first!.x).toBeGreaterThan(repositories!.x + repositories!.width)
        expect(first!.y).toBeGreaterThan(search!.y + search!.height)
        expect(first!.y + first!.height).toBeLessThanOrEqual(800)
      } finally {
        await context.close()
      }
    })
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`on a phone ${javaScriptEnabled ? 'with' : 'without'} JavaScript, “Save this background” saves what is ticked, not yet searched`, async () => {
      const context = await suite.browser.newContext({ ...PHONES[0]!, javaScriptEnabled })
      try {
        const page = await context.newPage()
        await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter%3Ffresh`)
        await page.getByRole('button', { name: NEWCOMER }).tap()
        await page.waitForURL(`${suite.server.url}/starter?fresh`)
        await eventually(async () =>
          expect(await page.locator('header').textContent()).toMatch(NEWCOMER),
        )
        // Ticked, then saved straight away: the button is above the form, the search below it.
        await page.getByRole('checkbox', { name: 'networking' }).tap()
        await page.getByRole('radio', { name: /Some experience/ }).tap()
        await page.getByRole('button', { name: 'Save this background' }).tap()
        await page.waitForURL(`${suite.server.url}/starter`)
        const summary = page.locator(
          'form[aria-label="Your background and filters"] > details > summary',
        )
        await eventually(async () =>
          expect(await summary.textContent()).toContain('some experience · networking'),
        )
        expect(await page.getByText(/^Using your saved background/).isVisible()).toBe(true)
        // Leave Noor as she was for the other tests.
        await page.getByRole('button', { name: 'Forget my saved background' }).tap()
        await page.getByText('Your saved background is forgotten.').waitFor()
      } finally {
        await context.close()
      }
    })
  }

  test('on My work at 375 px, a claim’s title has the row’s width: the renewal date goes under it', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Fme`)
      await page.getByRole('button', { name: NEWCOMER }).tap()
      await page.waitForURL(`${suite.server.url}/me`)
      await ensureOwnClaim(page)
      await page.goto(`${suite.server.url}/me`)
      const claims = page.locator('section[aria-labelledby="claims-heading"] > ul > li:has(> div)')
      await claims.first().waitFor()
      const widths = await claims.evaluateAll((items) =>
        items.map((item) => {
          const padding = parseFloat(getComputedStyle(item).paddingLeft) * 2
          const text = item.firstElementChild!.getBoundingClientRect().width
          return Math.round((text / (item.clientWidth - padding)) * 100)
        }),
      )
      expect(widths.length).toBeGreaterThan(0)
      // It was a third of the row, the title broken a word a line beside "Renewable from …".
      expect(widths.filter((percent) => percent < 95)).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('at 375x667, the inbox’s “Mark read” and “Mark all read” and a project’s “Rating history” are a thumb tall', async () => {
    const response = await fetch(`${suite.server.url}/api/starter-projects?limit=50`)
    const { items } = (await response.json()) as {
      items: { id: number; status: string; size: string | null }[]
    }
    const project = items.find((item) => item.status === 'open' && item.size !== 'elastic')!
    const path = `/starter/${project.id}`
    // Noor follows a project and Cam claims it: Noor has an unread notice to mark read.
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    const { context: camContext, page: cam } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent(path)}`)
      await page.getByRole('button', { name: NEWCOMER }).tap()
      await page.waitForURL(`${suite.server.url}${path}`)
      await page.getByRole('button', { name: 'Follow', exact: true }).tap()
      await page.getByRole('button', { name: 'Unfollow', exact: true }).waitFor()
      await cam.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent(path)}`)
      await cam.getByRole('button', { name: /Cam \(demo contributor\)/ }).tap()
      await cam.waitForURL(`${suite.server.url}${path}`)
      await cam.getByRole('button', { name: CLAIM }).tap()
      await cam.getByText(/^Your claim holds until /).waitFor()

      await page.goto(`${suite.server.url}/notifications`)
      const markRead = page.getByRole('button', { name: 'Mark read', exact: true })
      await markRead.first().waitFor()
      await page.getByRole('button', { name: 'Mark all read' }).waitFor()
      expect(await crampedTargets(page, 'main form:has(input[value="read"]) button')).toEqual([])
      expect(await crampedTargets(page, 'main form:has(input[value="read-all"]) button')).toEqual(
        [],
      )
      // Beside the notice's link, not over it.
      const row = page.locator('main li').filter({ has: markRead }).first()
      const link = (await row.getByRole('link').first().boundingBox())!
      const button = (await row.getByRole('button', { name: 'Mark read' }).boundingBox())!
      expect(button.x >= link.x + link.width || button.y >= link.y + link.height).toBe(true)

      await page.goto(`${suite.server.url}/starter/4`)
      const history = 'section[aria-labelledby="ratings-heading"] summary'
      expect(await page.locator(history).textContent()).toMatch(/^Rating history/)
      expect(await crampedTargets(page, history)).toEqual([])

      // Cam gives the project back for the other tests.
      await cam.getByRole('button', { name: 'I’m stopping' }).tap()
      await cam.getByRole('button', { name: 'Yes, I’m stopping' }).tap()
      await cam.getByText(/^Thanks for trying/).waitFor()
    } finally {
      await context.close()
      await camContext.close()
    }
  })

  test('at 375x667, the thanks for a report and the next step come into view: the form’s button was screens below them', async () => {
    const response = await fetch(`${suite.server.url}/api/starter-projects?limit=50`)
    const { items } = (await response.json()) as {
      items: { id: number; status: string; size: string | null; claims: unknown[] }[]
    }
    // Elastic, so finishing it leaves it open for the other tests.
    const project = items.find(
      (item) => item.status === 'open' && item.size === 'elastic' && item.claims.length === 0,
    )!
    const path = `/starter/${project.id}`
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent(path)}`)
      await page.getByRole('button', { name: /Cam \(demo contributor\)/ }).tap()
      await page.waitForURL(`${suite.server.url}${path}`)
      await waitForHydration(page)
      await page.getByRole('button', { name: CLAIM }).tap()
      await page.getByRole('button', { name: 'I finished it' }).tap()
      await page.getByRole('button', { name: 'Yes, I finished it' }).tap()
      const report = page.getByRole('form', { name: 'How hard was it really?' })
      for (const group of [
        'OCaml difficulty you met',
        /^Domain difficulty you met/,
        'Time it took',
      ]) {
        await report.getByRole('group', { name: group }).getByRole('radio').first().tap()
      }
      await report.getByRole('button', { name: 'Send my report' }).tap()
      const thanks = page.getByRole('status').filter({ hasText: /^Thank you: your report/ })
      await thanks.waitFor()
      await eventually(async () => {
        const box = (await thanks.boundingBox())!
        // It stayed above the screen, which showed the bottom of the page: no word of what happened.
        expect(box.y).toBeGreaterThanOrEqual(0)
        expect(box.y + box.height).toBeLessThanOrEqual(667)
      })
      expect(await thanks.getByRole('link', { name: /^Find your next project/ }).isVisible()).toBe(
        true,
      )
    } finally {
      await context.close()
    }
  })

  test('at 375 px the note a maintainer answers a “nothing fits me” request with shows its whole example', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter%2Fgaps`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/starter/gaps`)
      const note = page.getByRole('textbox', { name: /A word to them/ }).first()
      await note.waitFor()
      // One row cut the wrapped example off after its first line.
      const { shown, needed } = await note.evaluate((box) => ({
        shown: box.clientHeight,
        needed: box.scrollHeight,
      }))
      expect(needed).toBeLessThanOrEqual(shown)
    } finally {
      await context.close()
    }
  })

  test('at 375 px each idea’s outcome in the close form shows its whole default choice', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Froadmap%2Frounds`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/roadmap/rounds`)
      await page
        .getByRole('link', { name: /^Demo round of / })
        .first()
        .tap()
      const outcomes = page.getByRole('combobox', { name: /^Outcome of / })
      await outcomes.first().waitFor()
      // The text a select shows is not in the page's layout: measured in its own font against
      // the room the select leaves it (its padding and the arrow's width of about 1.5em).
      const cut = await outcomes.evaluateAll((selects) =>
        (selects as HTMLSelectElement[]).flatMap((select) => {
          const style = getComputedStyle(select)
          const context = document.createElement('canvas').getContext('2d')!
          context.font = style.font
          const label = select.selectedOptions[0]!.label
          const fontSize = parseFloat(style.fontSize)
          const room =
            select.clientWidth -
            parseFloat(style.paddingLeft) -
            parseFloat(style.paddingRight) -
            1.5 * fontSize
          return context.measureText(label).width > room ? [label] : []
        }),
      )
      expect(cut).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('at 375 px no line in My work’s ideas I +1’d starts with a lone full stop, wherever the lines end', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Froadmap%2Fideas`)
      await page.getByRole('button', { name: NEWCOMER }).tap()
      await page.waitForURL(`${suite.server.url}/roadmap/ideas`)
      await waitForHydration(page)
      // Her +1s (demo actions): on ideas shortlisted for the demo's round, whose standing ends
      // with a demo badge, and others.
      const unpressed = page.locator(
        'button[name="intent"][value="plus-one"][aria-pressed="false"]',
      )
      // The address changes before the ideas replace the sign-in page: counting then found none.
      await unpressed.first().waitFor()
      for (let count = 0; count < 6 && (await unpressed.count()) > 0; count++) {
        const before = await unpressed.count()
        await unpressed.first().tap()
        await eventually(async () => expect(await unpressed.count()).toBeLessThan(before))
      }
      await page.goto(`${suite.server.url}/me`)
      const list = page.locator('section[aria-labelledby="taken-part-heading"] ul')
      await list.waitFor()
      // Words are put before each item one at a time, so that at some count each place where a
      // line can end meets the full stops.
      const strays = await list.evaluate((ul) => {
        const found = new Set<string>()
        for (const item of ul.querySelectorAll('li')) {
          const start = item.getBoundingClientRect().left
          const words = document.createTextNode('')
          item.prepend(words)
          for (let count = 0; count <= 60; count++) {
            words.textContent = 'ab '.repeat(count)
            const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT)
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const text = node.textContent ?? ''
              for (let at = text.indexOf('.'); at >= 0; at = text.indexOf('.', at + 1)) {
                const range = document.createRange()
                range.setStart(node, at)
                range.setEnd(node, at + 1)
                const box = range.getClientRects()[0]
                // A full stop ends a sentence; the dot of a title's ".xl" does not.
                const isFullStop =
                  !/\S/.test(text[at + 1] ?? ' ') && !/\s/.test(text[at - 1] ?? 'x')
                if (isFullStop && box && box.left - start < 2) {
                  found.add(item.textContent!.slice(3 * count))
                }
              }
            }
          }
          words.remove()
        }
        return [...found]
      })
      expect(strays).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('on a phone on its side (667 px) a table wider than its box is shaded on the side with more and says it scrolls sideways; on a wide screen, where it fits, neither', async () => {
    // Held upright the calibration's table is a card per level (the test below): on its side,
    // past sm:, it is the table, wider than the phone.
    const { context, page } = await phonePage(suite.browser, {
      ...PHONES[0]!,
      viewport: { width: 667, height: 375 },
    })
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter%2Fcalibration`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/starter/calibration`)
      await waitForHydration(page)
      const section = page.locator('section[aria-labelledby="abandonment-heading"]')
      const box = section.locator('[tabindex="0"]', { has: page.getByRole('table') })
      const hint = section.getByText('Scroll sideways for more →')
      // Eight columns, 702 px, in a 635 px box: its last column was out of sight, and nothing on
      // the screen said there was more past its edge.
      await hint.waitFor()
      expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)
      const atStart = await edgeDarkness(page, box)
      expect(atStart.right).toBeGreaterThan(atStart.left + 20)
      // Scrolled to its end, the shade is on the other side.
      await box.evaluate((element) => (element.scrollLeft = element.scrollWidth))
      await section.getByText('← Scroll sideways for more').waitFor()
      const atEnd = await edgeDarkness(page, box)
      expect(atEnd.left).toBeGreaterThan(atEnd.right + 20)
      // Wide, the table fits its box: no shade, no line.
      await page.setViewportSize({ width: 1280, height: 900 })
      await eventually(async () =>
        expect(await section.getByText(/Scroll sideways/).count()).toBe(0),
      )
      expect(await box.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(false)
      const wide = await edgeDarkness(page, box)
      expect(Math.max(wide.left, wide.right)).toBeLessThan(8)
    } finally {
      await context.close()
    }
  })

  test('at 375 px the calibration’s abandonment table is a card per rating level, each figure named on the screen, and re-rating is a thumb tall', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Fstarter%2Fcalibration`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/starter/calibration`)
      await waitForHydration(page)
      const rows = page.locator('section[aria-labelledby="abandonment-heading"] tbody tr')
      await rows.first().waitFor()
      // As a table, 702 px in a 343 px box: its rates were past the phone's edge, scrolled to.
      const cells = await rows.evaluateAll((trs) =>
        (trs as HTMLTableRowElement[]).flatMap((row) =>
          [...row.cells]
            .filter((cell) => cell.checkVisibility())
            .map((cell) => {
              const box = cell.getBoundingClientRect()
              return { text: cell.textContent, shown: box.left >= 0 && box.right <= 375 }
            }),
        ),
      )
      // Eight levels (two axes, 1★ to 3★ and unrated), each its name and six figures.
      expect(cells.filter((cell) => !cell.shown)).toEqual([])
      expect(cells.length).toBe(8 * 7)
      // Each figure named in its card, the table's header row being hidden; the level in the
      // card's title.
      const figures = cells.filter((_, at) => at % 7 !== 0).map((cell) => cell.text)
      expect(
        figures.filter(
          (text) =>
            !/^(Ended|Finished|Abandoned|Released|Abandonment rate|Unfinished)[\d—]/.test(text!),
        ),
      ).toEqual([])
      expect(cells[0]!.text).toMatch(/ difficulty 1★$/)
      expect(await page.getByText(/Scroll sideways/).count()).toBe(0)
      // Nothing on the page runs past the screen (the section tabs scroll sideways by design).
      const past = await page.evaluate(() =>
        [...document.querySelectorAll('main *:not(nav *)')]
          .filter(
            (element) =>
              element.checkVisibility() && element.getBoundingClientRect().right > 375 + 0.5,
          )
          .map((element) => `${element.tagName} ${element.textContent?.slice(0, 30)}`),
      )
      expect(past).toEqual([])
      expect(await pageWidth(page)).toBeLessThanOrEqual(375)
      // The drift list's re-rate buttons, their rating lists and the filters' Apply.
      expect(await page.getByRole('button', { name: /^Re-rate / }).count()).toBeGreaterThan(0)
      expect(await crampedTargets(page, 'main form button, main form select')).toEqual([])
    } finally {
      await context.close()
    }
  })

  test('at 375 px /sync shows a maintainer each repository’s rate limit left, named, on the screen', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Fsync`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/sync`)
      await waitForHydration(page)
      const rows = page.locator('main table tbody tr')
      await rows.first().waitFor()
      // The table's fifth column: 402 px in a 343 px box, past the phone's edge.
      const figures = await rows.evaluateAll((trs) =>
        (trs as HTMLTableRowElement[]).map((row) => {
          const cell = row.cells[4]!
          const box = cell.getBoundingClientRect()
          return {
            repository: row.cells[0]!.textContent,
            text: cell.textContent,
            shown: cell.checkVisibility() && box.left >= 0 && box.right <= 375,
          }
        }),
      )
      expect(figures.length).toBeGreaterThan(10)
      expect(figures.filter((figure) => !figure.shown)).toEqual([])
      // Named in each card, its column's header being out of sight.
      expect(figures.filter((figure) => !figure.text?.startsWith('Rate limit left'))).toEqual([])
      // A card's lines fit: nothing left to scroll to, so nothing says to.
      expect(await page.getByText(/Scroll sideways/).count()).toBe(0)
      expect(await pageWidth(page)).toBeLessThanOrEqual(375)
    } finally {
      await context.close()
    }
  })

  // Last in the file: it closes the demo's open round, which no test above relies on.
  test('at 375 px a closed round’s tally tables scroll in their own boxes: the page is no wider than the phone', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Froadmap%2Frounds`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/roadmap/rounds`)
      // The demo's round, a seeded maintainer's ballot in: its five long titles make the
      // tally's two matrices wider than the phone.
      await page
        .getByRole('link', { name: /^Demo round of / })
        .first()
        .tap()
      await page.getByRole('heading', { name: 'Close the round' }).waitFor()
      await waitForHydration(page)
      await page.getByLabel('Rationale for the agreed efforts').fill('Decided on the call.')
      await page.getByLabel('because (their reason, unless given below)').fill('Next round.')
      await page.getByRole('button', { name: 'Close the round and record the decision' }).tap()
      const pairwise = page.getByRole('table', { name: /Pairwise preferences/ })
      await pairwise.waitFor()
      expect((await pairwise.boundingBox())!.width).toBeGreaterThan(375)
      // Its headers' full titles (sr-only, positioned) were placed against the page, not the
      // table's box, and widened the whole page: it scrolled sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375)
    } finally {
      await context.close()
    }
  })

  test('at 375 px a signed-in idea page is no wider than the phone: the area suggestion’s list fits', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      // Where an idea's author lands from a notice of its decision, signed in: its whole page.
      await page.goto(`${suite.server.url}/login?returnTo=%2Froadmap%2Fideas%2F1`)
      await page.getByRole('button', { name: NEWCOMER }).tap()
      await page.waitForURL(`${suite.server.url}/roadmap/ideas/1`)
      const suggest = page.getByLabel('Suggest an area')
      await suggest.waitFor()
      // Its first choice, "(a new area: type it in “New area name”)", set the list's width.
      const box = (await suggest.boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(375)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375)
    } finally {
      await context.close()
    }
  })

  test('on a touch screen triage shows no keys to press; with a mouse and keyboard it does', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    const desk = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      for (const [each, tap] of [
        [page, true],
        [await desk.newPage(), false],
      ] as const) {
        await each.goto(
          `${suite.server.url}/login?returnTo=${encodeURIComponent('/starter/triage')}`,
        )
        const dana = each.getByRole('button', { name: MAINTAINER })
        await (tap ? dana.tap() : dana.click())
        await each.waitForURL(`${suite.server.url}/starter/triage`)
        await each.getByRole('button', { name: /^Save and next/ }).waitFor()
        const shownKeys = await each
          .locator('main kbd')
          .evaluateAll((keys) => keys.filter((key) => key.checkVisibility()).length)
        const shortcutList = await each.getByText('Keyboard shortcuts').isVisible()
        if (tap) {
          // "Shift+2" beside a star means nothing without a keyboard.
          expect(shownKeys).toBe(0)
          expect(shortcutList).toBe(false)
        } else {
          expect(shownKeys).toBeGreaterThan(10)
          expect(shortcutList).toBe(true)
        }
      }
    } finally {
      await context.close()
      await desk.close()
    }
  })

  test('at 375x667 the label plan’s apply bar sits at the plan’s end, over none of it; on a wide screen it stays pinned', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      await page.goto(`${suite.server.url}/login?returnTo=%2Flabels`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/labels`)
      const applySelected = page.getByRole('button', { name: 'Apply selected' })
      await applySelected.waitFor()
      expect(await pageWidth(page)).toBeLessThanOrEqual(375)
      // Pinned, its buttons, note and totals wrapped to 143 px: a fifth of the screen, over the
      // plan being read. A row of thumb-tall buttons at most.
      expect(await pinnedCover(page)).toBeLessThanOrEqual(64)
      await applySelected.scrollIntoViewIfNeeded()
      expect(await applySelected.isVisible()).toBe(true)
      // On a wide screen the bar stays pinned at the bottom while the plan scrolls under it.
      await page.setViewportSize({ width: 1280, height: 600 })
      expect(await pinnedCover(page)).toBeGreaterThan(0)
    } finally {
      await context.close()
    }
  })

  test('at 375x667 each of the label scheme’s name fields is on the screen, and its Preview bar covers none of the scheme', async () => {
    const { context, page } = await phonePage(suite.browser, PHONES[0]!)
    try {
      const path = `/labels/scheme?repo=${encodeURIComponent('mirage/mirage')}`
      await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent(path)}`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}${path}`)
      const fields = page.locator('main input[name^="label:"]')
      await fields.first().waitFor()
      // The table's fourth column: its fields started at 375 px and more, in a box scrolled
      // sideways, out of sight of the value each one names.
      const boxes = await fields.evaluateAll((inputs) =>
        inputs.map((input) => {
          const box = input.getBoundingClientRect()
          return { name: input.getAttribute('name'), left: box.left, right: box.right }
        }),
      )
      expect(boxes.length).toBeGreaterThan(10)
      expect(boxes.filter((box) => box.left < 0 || box.right > 375)).toEqual([])
      expect(await pageWidth(page)).toBeLessThanOrEqual(375)
      expect(await pinnedCover(page)).toBeLessThanOrEqual(64)
      // Each field still says which value it names.
      expect(await page.getByLabel('OCaml difficulty 1★').getAttribute('name')).toBe(
        'label:language:1',
      )
    } finally {
      await context.close()
    }
  })
})
