import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite } from './harness'

// A member of the community reading the shipped demo without signing in: every page says how to
// take part.

describe.skipIf(!hasChromium())('an anonymous reader of the demo in Chromium', () => {
  const suite = setupBrowserSuite()

  test('an idea’s page says how to take part, and dates its decision on the call’s day', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/roadmap/ideas/31`)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Solo5/),
    )
    const prompt = page.getByText(/to \+1 this idea, comment or suggest a better area\.$/)
    expect(await prompt.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      `/login?returnTo=${encodeURIComponent('/roadmap/ideas/31')}`,
    )
    const history = page.getByRole('region', { name: 'History' })
    expect(await history.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^3 Feb 2016: Deferred \(back to ideation\)/),
    ])
  })
})
