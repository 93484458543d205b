import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite, signedInAs, waitForHydration } from './harness'

const CAM = /Cam \(demo contributor\)/

// A contributor's first ideas and comments, where a form answers and she types again: what she
// already confirmed or already posted must not come back at her.
describe.skipIf(!hasChromium())('a contributor on the ideas in Chromium', () => {
  const suite = setupBrowserSuite()

  test('"propose it anyway", then a link refused: fixing the link proposes, without the similar ideas again', async () => {
    const cam = await signedInAs(suite, CAM, '/roadmap/ideas')
    await cam.getByLabel('Title').fill('Security advisory process')
    await cam.getByLabel('Area of focus').selectOption({ label: 'Security' })
    await cam.getByLabel('Description (markdown)').fill('Like the Xen Project does.')
    const links = cam.getByLabel('Links to issues or repositories (optional)')
    await links.fill('mirage/not-mirrored#1')
    await cam.getByRole('button', { name: 'Propose', exact: true }).click()
    // Held back: a close match ("Set up a security advisory process") is on the board.
    await cam.getByRole('button', { name: 'Propose it anyway' }).click()
    await eventually(async () =>
      expect(await cam.getByRole('alert').allTextContents()).toContainEqual(
        expect.stringContaining('mirage/not-mirrored#1 is not in the mirror'),
      ),
    )
    expect(await cam.getByLabel('Description (markdown)').inputValue()).toBe(
      'Like the Xen Project does.',
    )
    await links.fill('')
    await cam.getByRole('button', { name: 'Propose', exact: true }).click()
    await cam.waitForURL(/\/roadmap\/ideas\/\d+\?proposed$/)
    // The address changes before the new page is drawn: wait for its heading, not the old one.
    await eventually(async () =>
      expect(await cam.getByRole('heading', { level: 1 }).textContent()).toContain(
        'Security advisory process',
      ),
    )
    await cam.context().close()
  })

  test('what she typed before the page hydrated counts: a held-back proposal offers "propose it anyway"', async () => {
    const cam = await signedInAs(suite, CAM, '/roadmap')
    // The page's scripts wait until the form is filled, as on a slow phone.
    let release = () => {}
    const filled = new Promise<void>((resolve) => (release = resolve))
    await cam.route('**/build/**', async (route) => {
      await filled
      await route.continue()
    })
    await cam.goto(`${suite.server.url}/roadmap/ideas`, { waitUntil: 'commit' })
    await cam.getByLabel('Title').fill('Security advisory process')
    await cam.getByLabel('Area of focus').selectOption({ label: 'Security' })
    await cam.getByLabel('Description (markdown)').fill('Like the Xen Project does.')
    release()
    await waitForHydration(cam)
    await cam.getByRole('button', { name: 'Propose', exact: true }).click()
    // Held back by "Set up a security advisory process", which typing already brought up.
    await eventually(async () =>
      expect(await cam.getByRole('button', { name: 'Propose it anyway' }).count()).toBe(1),
    )
    await cam.context().close()
  })

  test('when the similar ideas cannot be fetched, what she typed stays and still proposes', async () => {
    const cam = await signedInAs(suite, CAM, '/roadmap/ideas')
    await cam.route('**/roadmap/ideas/similar?**', (route) =>
      route.fulfill({ status: 503, contentType: 'text/plain', body: 'The database is away.' }),
    )
    const lookup = cam.waitForResponse((response) =>
      response.url().includes('/roadmap/ideas/similar?'),
    )
    await cam.getByLabel('Title').fill('Security advisory process')
    await cam.getByLabel('Area of focus').selectOption({ label: 'Security' })
    expect((await lookup).status()).toBe(503)
    await cam.getByLabel('Description (markdown)').fill('Like the Xen Project does.')
    // The lookup only helps: its failure is not the page's, so the form is still there, filled.
    expect(await cam.getByLabel('Title').inputValue()).toBe('Security advisory process')
    await cam.getByRole('button', { name: 'Propose', exact: true }).click()
    // The server still holds it back for "Set up a security advisory process".
    await cam.getByRole('button', { name: 'Propose it anyway' }).click()
    await cam.waitForURL(/\/roadmap\/ideas\/\d+\?proposed$/)
    await cam.context().close()
  })

  test('once a comment is added the box is empty, so pressing Comment again posts nothing twice', async () => {
    const cam = await signedInAs(suite, CAM, '/roadmap/ideas')
    await cam.getByRole('link', { name: 'Set up a security advisory process', exact: true }).click()
    await cam.waitForURL(/\/roadmap\/ideas\/\d+$/)
    await cam.waitForLoadState('networkidle')
    const box = cam.getByLabel('Add a brief comment')
    await box.fill('We could start from the OCaml security response process.')
    await cam.getByRole('button', { name: 'Comment', exact: true }).click()
    await eventually(async () =>
      expect(await cam.getByRole('heading', { name: 'Comments (1)' }).count()).toBe(1),
    )
    expect(await cam.getByRole('status').allTextContents()).toContainEqual(
      'Comment added (a demo action). You follow it now: its news comes to your Inbox.',
    )
    expect(await box.inputValue()).toBe('')
    await cam.context().close()
  })

  test('an idea she +1’d is on her My work, linked, with where it stands and that the +1 was a demo action', async () => {
    const title = 'Set up a security advisory process'
    const cam = await signedInAs(suite, CAM, '/roadmap/ideas')
    await cam.getByRole('link', { name: title, exact: true }).click()
    await cam.waitForURL(/\/roadmap\/ideas\/\d+$/)
    await cam.waitForLoadState('networkidle')
    const ideaPath = new URL(cam.url()).pathname
    await cam.getByRole('button', { name: '+1 this idea' }).click()
    await eventually(async () =>
      expect(await cam.getByRole('button', { name: 'Withdraw my +1' }).count()).toBe(1),
    )
    // Interest in people, in the size of the line beside it: never a score.
    const interest = cam.getByRole('main').getByText(/^1 person interested/)
    expect(await interest.textContent()).toBe('1 person interested a demo action')
    const lettering = (locator: typeof interest) =>
      locator.evaluate((element) => getComputedStyle(element).fontSize)
    expect(await lettering(interest)).toBe(
      await lettering(cam.getByRole('main').getByText(/^Last activity/)),
    )
    await cam.goto(`${suite.server.url}/me`)
    const row = cam
      .getByRole('region', { name: 'Ideas I +1’d or commented on' })
      .getByRole('listitem')
      .filter({ hasText: title })
    expect(await row.getByRole('link', { name: title }).getAttribute('href')).toBe(ideaPath)
    // The demo's open round shortlists it: My work says so, and that the round is a demo action.
    expect(await row.textContent()).toMatch(
      /\(Security, MirageOS 3\.0\): Shortlisted for Demo round of .+: voting is open until .+ opened by Sam \(seeded demo maintainer\): a demo action, not a MirageOS round\. You \+1’d it \(a demo action\)/,
    )
    await cam.context().close()
  })
})
