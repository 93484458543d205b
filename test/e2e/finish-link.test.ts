import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'

import { hasChromium, setupBrowserSuite, signedInAs } from './harness'

// Finishing a claim with the link to the pull request that did it, typed in Chromium on the
// demo: the link shows on My work, and a link that is not GitHub's is refused with her words kept.

const NEWCOMER = /Noor \(demo newcomer\)/

describe.skipIf(!hasChromium())('finishing a claim with a link to the pull request', () => {
  const suite = setupBrowserSuite()

  /** Open projects nobody works on, none elastic: each test takes its own. */
  async function openProjects() {
    const response = await fetch(`${suite.server.url}/api/starter-projects?limit=50`)
    const body = (await response.json()) as {
      items: { id: number; status: string; size: string | null; mentors: string[] }[]
    }
    return body.items.filter(
      (item) =>
        item.status === 'open' &&
        item.size !== 'elastic' &&
        !item.mentors.some((mentor) => mentor.startsWith('demo-')),
    )
  }

  /** On her project's page: claims it, then asks to finish it; the confirmation's link field. */
  async function claimAndAskToFinish(page: Page, projectId: number) {
    await page.getByRole('button', { name: 'I’m working on this' }).click()
    await page.getByRole('button', { name: 'I finished it' }).click()
    await page.waitForURL(`${suite.server.url}/starter/${projectId}?confirm=finish`)
    const field = page.getByRole('textbox', { name: /Link to your pull request/ })
    await field.waitFor()
    return field
  }

  async function endedClaimOnMyWork(page: Page, title: string) {
    await page.goto(`${suite.server.url}/me`)
    // In "My claims": a claim follows its project, so "Following" names it too.
    return page
      .getByRole('region', { name: 'My claims' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: title }) })
  }

  for (const [form, typed, ref, onGitHub, index] of [
    [
      'an issue’s address',
      'https://github.com/mirage/ocaml-dns/issues/41',
      'mirage/ocaml-dns#41',
      'https://github.com/mirage/ocaml-dns/issues/41',
      0,
    ],
    [
      'a pull request’s address, from its Files tab',
      'https://github.com/mirage/mirage-tcpip/pull/512/files',
      'mirage/mirage-tcpip#512',
      'https://github.com/mirage/mirage-tcpip/pull/512',
      1,
    ],
  ] as const) {
    test(`a newcomer who finishes with ${form} sees the link on My work`, async () => {
      const project = (await openProjects())[index]!
      const page = await signedInAs(suite, NEWCOMER, `/starter/${project.id}`)
      const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
      const field = await claimAndAskToFinish(page, project.id)
      await field.fill(typed)
      await page.getByRole('button', { name: 'Yes, I finished it' }).click()
      // Finished: the page asks how hard it was.
      await page.getByRole('form', { name: 'How hard was it really?' }).waitFor()

      const ended = await endedClaimOnMyWork(page, title)
      // The board's page for it when the demo mirrors it (named by its title, owner/repo#N
      // after), else GitHub's.
      const [fullName, number] = ref.split('#')
      const link = ended.locator(
        `a[href="/repos/${fullName}/issues/${number}"], a[href="${onGitHub}"]`,
      )
      await link.waitFor()
      const text = (await ended.textContent())!
      expect(text).toContain('finished')
      expect(text).toContain(ref)
      await page.context().close()
    })
  }

  test('a link that is not GitHub’s is refused with her words kept, and the claim goes on', async () => {
    const project = (await openProjects())[2]!
    const page = await signedInAs(suite, NEWCOMER, `/starter/${project.id}`)
    const field = await claimAndAskToFinish(page, project.id)
    await field.fill('https://evil.example/x')
    await page.getByRole('button', { name: 'Yes, I finished it' }).click()

    const error = page.getByText(/^Your link is not a GitHub pull request or issue/)
    await error.waitFor()
    const refused = page.getByRole('textbox', { name: /Link to your pull request/ })
    expect(await refused.inputValue()).toBe('https://evil.example/x')
    expect(await refused.getAttribute('aria-invalid')).toBe('true')
    // Nothing was ended: a fresh page still offers to finish the running claim.
    await page.goto(`${suite.server.url}/starter/${project.id}`)
    await page.getByRole('button', { name: 'I finished it' }).waitFor()
    expect(await page.getByRole('form', { name: 'How hard was it really?' }).count()).toBe(0)
    await page.context().close()
  })
})
