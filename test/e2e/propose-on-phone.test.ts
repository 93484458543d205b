import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite, waitForHydration } from './harness'

// A community member on a 375 px phone types the title of an idea the board already has. The
// similar ideas are listed after the whole form, far below the title she is typing: the form
// itself must tell her they are there, and take her to them.
describe.skipIf(!hasChromium())('proposing an idea on a phone', () => {
  const suite = setupBrowserSuite()

  test('under the title, a line says similar ideas exist and leads to them', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    const page = await context.newPage()
    await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent('/roadmap/ideas')}`)
    await page.getByRole('button', { name: /Cam \(demo contributor\)/ }).click()
    await page.waitForURL(`${suite.server.url}/roadmap/ideas`)
    await waitForHydration(page)

    const title = page.getByLabel('Title')
    await title.scrollIntoViewIfNeeded()
    await title.fill('Set up a security advisory process')
    const hint = page.getByText('An idea like this one is already on the board:')
    await eventually(async () => expect(await hint.isVisible()).toBe(true))
    // The list is out of sight while she types: that is why the line is there.
    const list = page.getByRole('heading', { name: 'Similar ideas already on the board' })
    expect(await list.isVisible()).toBe(true)
    const inView = () =>
      list.evaluate((element) => {
        const box = element.getBoundingClientRect()
        return box.top >= 0 && box.bottom <= window.innerHeight
      })
    expect(await inView()).toBe(false)
    await page.getByRole('link', { name: 'see it below the form' }).click()
    await eventually(async () => expect(await inView()).toBe(true))
    expect(
      await page
        .getByRole('button', { name: /instead$/ })
        .first()
        .isVisible(),
    ).toBe(true)
    await context.close()
  })
})
