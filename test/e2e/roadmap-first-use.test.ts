import { describe, expect, test } from 'vitest'

import { formatDateTime } from '../../app/utils/format'

import { eventually, hasChromium, setupBrowserSuite, signedInAs, waitForHydration } from './harness'

// The roadmap's first use on a board without the demo: before anything exists, each page says
// what will come and gives each person something to do, in one click. The tests run in order,
// each on what the one before left.
describe.skipIf(!hasChromium())('the roadmap on a board without the demo', () => {
  const suite = setupBrowserSuite({ SEED_DEMO: 'never' })

  test('with no release target, both pages say what will come; a maintainer starts it in one click', async () => {
    const cam = await signedInAs(suite, /Cam \(demo contributor\)/, '/roadmap')
    for (const path of ['/roadmap', '/roadmap/ideas']) {
      await cam.goto(`${suite.server.url}${path}`)
      const main = cam.locator('main')
      expect(await main.textContent()).toContain('The roadmap has not started yet')
      expect(await main.textContent()).toContain('once a month the maintainers shortlist ideas')
      // Something a contributor can do now, not a page only maintainers can act on.
      expect(await main.getByRole('link', { name: 'starter project' }).count()).toBe(1)
      expect(await main.getByRole('link', { name: 'how we plan', exact: true }).count()).toBe(1)
      expect(await main.textContent()).not.toContain('rounds page')
      expect(
        await main.getByRole('link', { name: 'Create the first release target' }).count(),
      ).toBe(0)
    }
    // The rounds page too: not a bare "No rounds yet." with no word of what comes first.
    await cam.goto(`${suite.server.url}/roadmap/rounds`)
    expect(await cam.locator('main').textContent()).toContain('The roadmap has not started yet')
    expect(await cam.locator('main').textContent()).not.toContain('No rounds yet.')
    expect(await cam.locator('main').getByRole('link', { name: 'starter project' }).count()).toBe(1)
    await cam.context().close()

    const dana = await signedInAs(suite, /Dana \(demo maintainer\)/, '/roadmap/ideas')
    await dana.getByRole('link', { name: 'Create the first release target' }).click()
    await dana.waitForURL(`${suite.server.url}/roadmap/rounds#new-target`)
    await dana.getByLabel('Target name').fill('MirageOS 5')
    await dana.getByRole('button', { name: 'Create target' }).click()
    await dana.getByText('Release target “MirageOS 5” created.').waitFor()
    await dana.goto(`${suite.server.url}/roadmap`)
    expect(await dana.getByRole('heading', { level: 1 }).textContent()).toBe('Roadmap: MirageOS 5')
    await dana.context().close()
  })

  test('a target without areas says ideas wait for one, instead of a form with no area to choose', async () => {
    const cam = await signedInAs(suite, /Cam \(demo contributor\)/, '/roadmap/ideas')
    const main = cam.locator('main')
    expect(await main.textContent()).toContain('No areas of focus yet')
    expect(await main.getByRole('link', { name: 'starter project' }).count()).toBe(1)
    expect(await cam.getByRole('button', { name: 'Propose', exact: true }).count()).toBe(0)
    // The roadmap, which shows agreed ideas, says the same rather than only "No efforts".
    await cam.goto(`${suite.server.url}/roadmap`)
    expect(await main.textContent()).toContain('No areas of focus yet')
    // Its target's ideas, whichever target the board shows first.
    expect(await main.getByRole('link', { name: 'ideas page' }).getAttribute('href')).toBe(
      '/roadmap/ideas?target=mirageos-5',
    )
    await cam.goto(`${suite.server.url}/roadmap/ideas`)

    const dana = await signedInAs(suite, /Dana \(demo maintainer\)/, '/roadmap/ideas')
    await dana.getByRole('link', { name: 'Add the first area' }).click()
    await dana.waitForURL(`${suite.server.url}/roadmap/rounds?target=mirageos-5#new-area`)
    await dana.getByLabel('Area name').fill('Quality and testing')
    await dana.getByRole('button', { name: 'Add area' }).click()
    await dana.getByText('Area “Quality and testing” added.').waitFor()
    await dana.context().close()

    await cam.reload()
    expect(await main.textContent()).not.toContain('No areas of focus yet')
    await cam.getByLabel('Area of focus').selectOption({ label: 'Quality and testing' })
    await cam.context().close()
  })

  test('with too few ideas no round can open: the rounds page says so; once one opens, the roadmap names it', async () => {
    const dana = await signedInAs(suite, /Dana \(demo maintainer\)/, '/roadmap/rounds')
    const section = dana.getByRole('region', { name: 'Open a round' })
    // No rounds yet: said in words, with no empty box of a list beside them.
    expect(await dana.getByText('No rounds yet.').isVisible()).toBe(true)
    expect(await dana.locator('ul[aria-label="Rounds"]').isVisible()).toBe(false)
    // openRound refuses fewer than two shortlisted ideas: no button that can only fail.
    expect(await section.textContent()).toContain('there are none yet')
    expect(await section.getByRole('button', { name: /^Open the round/ }).count()).toBe(0)
    expect(await section.getByRole('link', { name: 'ideas page' }).getAttribute('href')).toBe(
      '/roadmap/ideas?target=mirageos-5',
    )

    const cam = await signedInAs(suite, /Cam \(demo contributor\)/, '/roadmap/ideas')
    for (const title of ['Fuzz the network stack', 'Document unikernel deployment']) {
      await cam.goto(`${suite.server.url}/roadmap/ideas`, { waitUntil: 'networkidle' })
      // Loaded is not hydrated: on a busy machine a press while React takes the form over was
      // lost, and the page stayed on /roadmap/ideas.
      await waitForHydration(cam)
      await cam.getByLabel('Title').fill(title)
      await cam.getByLabel('Area of focus').selectOption({ label: 'Quality and testing' })
      await cam.getByRole('button', { name: 'Propose' }).click()
      await cam.waitForURL(/\/roadmap\/ideas\/\d+\?proposed$/)
    }

    await dana.reload({ waitUntil: 'networkidle' })
    // The date inputs show the browser's locale; the days are also said in words, in UTC as the
    // server reads them: in the page as served (no script needed), and following what is picked.
    const served = await (await dana.request.get(`${suite.server.url}/roadmap/rounds`)).text()
    const [, opensOn] = /<input name="opensOn"[^>]* value="([^"]+)"/.exec(served) ?? []
    expect(/<span id="opensOn-day"[^>]*>([^<]*)<\/span>/.exec(served)?.[1]).toBe(
      formatDateTime(`${opensOn}T00:00:00Z`),
    )
    const closesOn = dana.getByLabel('Closes on', { exact: true })
    await closesOn.fill('2026-12-15')
    await eventually(async () =>
      expect(await dana.locator('#closesOn-day').textContent()).toBe('15 Dec 2026 00:00 UTC'),
    )
    // Blank again (a month after opening, as its help says), it says no day.
    await closesOn.fill('')
    await eventually(async () => expect(await dana.locator('#closesOn-day').textContent()).toBe(''))
    await dana.getByLabel('Round name').fill('First round')
    await dana.getByRole('checkbox', { name: /Fuzz the network stack/ }).check()
    await dana.getByRole('checkbox', { name: /Document unikernel deployment/ }).check()
    await dana.getByRole('button', { name: 'Open the round now', exact: true }).click()
    await dana.waitForURL(/\/roadmap\/rounds\/\d+\?opened$/)
    const roundPath = new URL(dana.url()).pathname
    await dana.context().close()

    // Nothing agreed yet: the roadmap names the round being voted on and points to the ideas.
    await cam.goto(`${suite.server.url}/roadmap`)
    const main = cam.locator('main')
    expect(await main.textContent()).toContain('First round is being voted on')
    expect(await main.getByRole('link', { name: 'First round' }).getAttribute('href')).toBe(
      roundPath,
    )
    expect(
      await main
        .getByRole('link', { name: 'ideas', exact: true })
        .evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    ).toEqual(['/roadmap/ideas?target=mirageos-5', '/roadmap/ideas?target=mirageos-5'])
    await cam.context().close()
  })
})
