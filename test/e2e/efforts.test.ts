import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite } from './harness'

// Efforts on the demo in one browser context: the roadmap's status columns and burn-ups, then a
// demo maintainer's override, shown as a demo action, and cleared again; then a mistyped link.
describe.skipIf(!hasChromium())('efforts in Chromium', () => {
  const suite = setupBrowserSuite()
  const QUALITY = 'For 3.0 the emphasis is emerging as improving library quality'

  test('the roadmap shows efforts by status with a burn-up; a maintainer drops one and takes it back', async () => {
    const page = suite.page
    await page.goto(`${suite.server.url}/roadmap`)
    const quality = page.locator('section', {
      has: page.getByRole('heading', { name: 'Quality and testing', level: 3 }),
    })
    const inProgress = quality.locator('section', {
      has: page.getByRole('heading', { name: /^In progress/, level: 4 }),
    })
    expect(await inProgress.textContent()).toContain(QUALITY)
    const chart = inProgress.getByRole('img', { name: /^Progress of For 3\.0/ })
    expect(await chart.count()).toBe(1)
    expect(await chart.getAttribute('aria-labelledby')).toBeTruthy()
    expect(await inProgress.textContent()).toContain(
      'linked by Sam (seeded demo maintainer), a demo action',
    )

    await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent('/roadmap')}`)
    await page.getByRole('button', { name: /Dana \(demo maintainer\)/ }).click()
    await page.waitForURL(`${suite.server.url}/roadmap`)
    await page.waitForLoadState('networkidle')
    await quality.getByRole('link', { name: new RegExp(`^${QUALITY}`) }).click()
    await page.waitForURL(/\/roadmap\/efforts\/\d+$/)
    await page.waitForLoadState('networkidle')
    await page.getByLabel('Status').selectOption('dropped')
    await page.getByRole('button', { name: 'Set status' }).click()
    await eventually(async () =>
      expect(
        await page.getByRole('status').filter({ hasText: 'Status set to “Dropped”.' }).count(),
      ).toBe(1),
    )
    // The page's data catches up with the notice a moment later on a busy machine.
    await eventually(async () =>
      expect(await page.locator('main').textContent()).toContain('by Dana (demo maintainer) on'),
    )
    expect(await page.locator('main').textContent()).toContain(
      'a demo action, not a MirageOS decision',
    )

    await page.goto(`${suite.server.url}/roadmap`)
    const dropped = quality.locator('section', {
      has: page.getByRole('heading', { name: /^Dropped/, level: 4 }),
    })
    expect(await dropped.textContent()).toContain(QUALITY)

    await quality.getByRole('link', { name: new RegExp(`^${QUALITY}`) }).click()
    await page.waitForURL(/\/roadmap\/efforts\/\d+$/)
    await page.waitForLoadState('networkidle')
    await page.getByLabel('Status').selectOption('')
    await page.getByRole('button', { name: 'Set status' }).click()
    await eventually(async () =>
      expect(
        await page.getByRole('status').filter({ hasText: 'Status override cleared' }).count(),
      ).toBe(1),
    )

    // A mistyped reference links, but its notice names it as not in the mirror; the box empties.
    const links = page.getByLabel('Link more issues (owner/name#123, one per line)')
    await links.fill('mirage/mirage#999999')
    await page.getByRole('button', { name: 'Link', exact: true }).click()
    await eventually(async () =>
      expect(
        await page
          .getByRole('status')
          .filter({
            hasText:
              'Not in the mirror, so its state is unknown (check for a typo): mirage/mirage#999999.',
          })
          .count(),
      ).toBe(1),
    )
    await eventually(async () => expect(await links.inputValue()).toBe(''))
  })
})
