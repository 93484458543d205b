import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'

import { hasChromium, setupBrowserSuite } from './harness'

// A first ten minutes on a 375 px touch phone (an iPhone SE/mini), where the desktop walks never
// looked: what a thumb meets before any page's own content.

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }
const MAINTAINER = /Dana \(demo maintainer\)/

/** Each link or button matching `selector` that is cut across lines or shorter than a thumb. */
async function crampedTargets(page: Page, selector: string) {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)].flatMap((element) => {
        const box = element.getBoundingClientRect()
        const text = document.createRange()
        text.selectNodeContents(element)
        const lines = new Set([...text.getClientRects()].map((rect) => Math.round(rect.bottom)))
        const name = element.textContent?.trim() ?? ''
        const problems = []
        if (lines.size > 1) problems.push(`"${name}" breaks over ${lines.size} lines`)
        // 40 px: about the pad of a thumb (Apple asks 44 pt, WCAG 2.2 AA at least 24).
        if (box.height < 40) problems.push(`"${name}" is ${Math.round(box.height)} px tall`)
        return problems
      }),
    selector,
  )
}

const HEADER = 'header nav a, header nav button'

describe.skipIf(!hasChromium())('a first visit on a 375 px phone', () => {
  const suite = setupBrowserSuite()

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

  test('as a maintainer, every header link and button is one line and a thumb tall', async () => {
    const context = await suite.browser.newContext(PHONE)
    try {
      const page = await context.newPage()
      await page.goto(`${suite.server.url}/login?returnTo=%2F`)
      await page.getByRole('button', { name: MAINTAINER }).tap()
      await page.waitForURL(`${suite.server.url}/`)
      await page.goto(`${suite.server.url}/roadmap`)
      expect(await crampedTargets(page, HEADER)).toEqual([])
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
})
