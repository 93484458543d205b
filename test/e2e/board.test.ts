import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite } from './harness'

describe.skipIf(!hasChromium())('the issues board in Chromium', () => {
  const suite = setupBrowserSuite()

  test('a visitor filters by a repository and a label, then opens an issue', async () => {
    await suite.page.goto(`${suite.server.url}/issues`)
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Issues across 14 repositories',
    )

    await suite.page.getByLabel('State').selectOption('all')
    await suite.page.waitForURL(/state=all/)

    await suite.page.getByRole('checkbox', { name: 'mirage/functoria' }).check()
    await suite.page.waitForURL(/repo=mirage%2Ffunctoria/)
    const issues = suite.page.getByRole('list', { name: 'Issues' }).getByRole('listitem')
    await eventually(async () => expect(await issues.count()).toBe(3))

    await suite.page.locator('summary', { hasText: 'Labels' }).click()
    await suite.page.getByRole('checkbox', { name: 'bug', exact: true }).check()
    await suite.page.waitForURL(/label=bug/)
    await eventually(async () => expect(await issues.count()).toBe(1))
    expect(await issues.first().textContent()).toContain('mirage/functoria')

    await issues.first().getByRole('link').click()
    await suite.page.waitForURL(/\/repos\/mirage\/functoria\/issues\/70$/)
    // The URL commits before the issue page renders: wait for its heading.
    await eventually(async () =>
      expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toContain('#70'),
    )
    expect(await suite.page.getByRole('list', { name: 'Labels' }).textContent()).toContain('bug')
    const github = suite.page.getByRole('link', { name: 'View on GitHub' })
    expect(await github.getAttribute('href')).toBe('https://github.com/mirage/functoria/issues/70')
  })

  test('the filters live in the URL, so a shared link opens the same view', async () => {
    await suite.page.goto(
      `${suite.server.url}/issues?state=all&type=pr&repo=mirage/mirage-tcpip&sort=oldest`,
    )
    expect(await suite.page.getByLabel('Type').inputValue()).toBe('pr')
    expect(await suite.page.getByLabel('Sort').inputValue()).toBe('oldest')
    expect(
      await suite.page.getByRole('checkbox', { name: 'mirage/mirage-tcpip' }).isChecked(),
    ).toBe(true)
    const states = await suite.page
      .getByRole('list', { name: 'Issues' })
      .getByRole('listitem')
      .allTextContents()
    expect(states.length).toBeGreaterThan(0)
    expect(states.every((text) => text.startsWith('PR '))).toBe(true)
  })

  test('the stale view groups long-untouched open items by repository', async () => {
    await suite.page.goto(`${suite.server.url}/issues/stale`)
    const headings = await suite.page.getByRole('heading', { level: 2 }).allTextContents()
    expect(headings.some((text) => text.startsWith('mirage/mirage '))).toBe(true)
    await suite.page.getByRole('link', { name: 'Outreachy Summer 2023' }).click()
    await suite.page.waitForURL(/\/repos\/mirage\/mirage\/issues\/1402$/)
  })

  test('a maintainer narrows the board to stale work, crosses to the stale page and back, and shares the link', async () => {
    const page = suite.page
    await page.goto(`${suite.server.url}/issues`)
    const staleBox = page.getByRole('checkbox', { name: 'Only stale: no activity for' })
    const months = page.getByLabel('Months without activity')
    // Unticked, the months are not sent (the API would refuse months alone).
    expect(await months.isDisabled()).toBe(true)
    await staleBox.check()
    const hasStale = (months: string) => (url: URL) =>
      url.searchParams.get('stale') === 'true' && url.searchParams.get('months') === months
    await page.waitForURL(hasStale('6'))
    const stale = page.getByRole('region', { name: 'Stale filter' })
    await eventually(async () =>
      expect(await stale.textContent()).toContain(
        'Only stale work: open items with no activity for 6 months (since',
      ),
    )
    // The demo never syncs: the measure says which clock it runs on.
    expect(await stale.textContent()).toContain('measured from the data’s last activity')
    // Closed items only would contradict it: not offered while it is on.
    expect(await page.locator('select[name="state"] option[value="closed"]').isDisabled()).toBe(
      true,
    )

    await months.selectOption('12')
    await page.waitForURL(hasStale('12'))
    await page.getByRole('checkbox', { name: /^mirage\/mirage \d/ }).check()
    await page.waitForURL(/repo=mirage%2Fmirage/)
    expect(hasStale('12')(new URL(page.url()))).toBe(true)
    const count = async () => {
      const status = await page.getByRole('status').first().textContent()
      return Number(/^(\d+)/.exec(status ?? '')?.[1])
    }
    await eventually(async () => expect(await stale.textContent()).toContain('12 months'))
    const onBoard = await count()
    expect(onBoard).toBeGreaterThan(0)

    // The stale page lists the same items, and leads back to the board filtered to them.
    await stale.getByRole('link', { name: 'Stale work by repository' }).click()
    await page.waitForURL(/\/issues\/stale\?repo=mirage%2Fmirage&months=12$/)
    await eventually(async () =>
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Stale work in mirage/mirage',
      ),
    )
    expect(await page.locator('main').textContent()).toContain(`${onBoard} open item`)
    await page.getByRole('link', { name: 'See these on the board' }).click()
    await page.waitForURL(/\/issues\?repo=mirage%2Fmirage&stale=true&months=12$/)
    await eventually(async () => expect(await count()).toBe(onBoard))

    // Narrowed further by a label, the filter stays, and the link reopens the same view.
    await page.locator('summary', { hasText: 'Labels' }).click()
    await page.getByRole('checkbox', { name: 'bug', exact: true }).check()
    await page.waitForURL(/label=bug/)
    expect(hasStale('12')(new URL(page.url()))).toBe(true)
    await eventually(async () => expect(await stale.textContent()).toContain('12 months'))
    expect(await count()).toBeLessThanOrEqual(onBoard)
    await page.goto(page.url())
    expect(await staleBox.isChecked()).toBe(true)
    expect(await months.inputValue()).toBe('12')

    await staleBox.uncheck()
    await page.waitForURL(
      (url) =>
        url.searchParams.has('label') &&
        !url.searchParams.has('stale') &&
        !url.searchParams.has('months'),
    )
    await eventually(async () => expect(await stale.count()).toBe(0))
    expect(await months.isDisabled()).toBe(true)
  })

  test('a bad stale filter answers 400 with its reason', async () => {
    const response = await suite.page.goto(`${suite.server.url}/issues?stale=true&months=0`)
    expect(response?.status()).toBe(400)
    expect(await suite.page.locator('main').textContent()).toContain(
      'months: "0" is not a number of months',
    )
  })

  test('issue titles on the board and the stale view read as links: blue, as the other lists’ titles', async () => {
    for (const pagePath of ['/issues', '/issues/stale']) {
      await suite.page.goto(`${suite.server.url}${pagePath}`)
      const colours = await suite.page
        .locator('main ul li a[href^="/repos/"]')
        .evaluateAll((links) => links.map((link) => getComputedStyle(link).color))
      expect(colours.length).toBeGreaterThan(0)
      // Tailwind's blue-700, not the slate of the text around them.
      expect(new Set(colours)).toEqual(new Set(['rgb(29, 78, 216)']))
    }
  })

  test('an unknown issue shows a 404 page', async () => {
    const response = await suite.page.goto(`${suite.server.url}/repos/mirage/mirage/issues/999999`)
    expect(response?.status()).toBe(404)
    expect(await suite.page.getByRole('heading', { level: 1 }).textContent()).toBe('Not found')
  })
})
