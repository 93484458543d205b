import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'

import { eventually, hasChromium, setupBrowserSuite, waitForHydration } from './harness'

// A newcomer's first ten minutes, walked in Chromium on the demo: each step that used to stop
// short of saying what comes next (or of saying that the demo's actions are demo actions).

const NEWCOMER = /Noor \(demo newcomer\)/
const CONTRIBUTOR = /Cam \(demo contributor\)/

describe.skipIf(!hasChromium())('a newcomer’s first ten minutes', () => {
  const suite = setupBrowserSuite()

  async function signedIn(person: RegExp, returnTo: string) {
    const page = await (await suite.browser.newContext()).newPage()
    await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent(returnTo)}`)
    await page.getByRole('button', { name: person }).click()
    await page.waitForURL(`${suite.server.url}${returnTo}`)
    return page
  }

  /**
   * Open projects nobody works on, none elastic, as the 2015 list left their mentors: each test
   * takes its own. (The few the demo names Dana or Ari mentor of, accounts one can reach, are
   * test/e2e/demo.test.ts's.)
   */
  async function openProjects() {
    const response = await fetch(`${suite.server.url}/api/starter-projects?limit=50`)
    const body = (await response.json()) as {
      items: {
        id: number
        status: string
        size: string | null
        mentors: string[]
        repos: string[]
        domain: string
      }[]
    }
    return body.items.filter(
      (item) =>
        item.status === 'open' &&
        item.size !== 'elastic' &&
        !item.mentors.some((mentor) => mentor.startsWith('demo-')),
    )
  }

  function notice(page: Page) {
    return page.getByRole('status').filter({ hasText: /^(You are working|Thank you)/ })
  }

  test('after claiming, the thanks say what to do next from what the project has, and link to My work', async () => {
    const project = (await openProjects())[0]!
    const page = await signedIn(CONTRIBUTOR, `/starter/${project.id}`)
    await page.getByRole('button', { name: 'I’m working on this' }).click()
    // The demo's projects come from the 2015 list: no "Read first" (where each came from is
    // shown as its source), and their mentors are names from it, with no way to reach them
    // listed: nobody is told to. Where it names a repository, a real board would have her say
    // there she has started; a demo claim is said as that, and she is asked to post nothing (the
    // repository is the community's real one, that knows nothing of the demo).
    await eventually(async () =>
      expect(await notice(page).textContent()).toMatch(
        project.repos.length > 0
          ? /Next: read the summary below\. On a real board you would then say in an issue on [\w.-]+\/[\w.-]+ that you have started; this is a demo claim, unknown outside this demo, so post nothing about it\./
          : /Next: read the summary below\./,
      ),
    )
    // The end date is said once, in the claim box; a demo name keeps its own brackets only.
    expect(await notice(page).textContent()).not.toContain('holds until')
    // Just claimed: until when it holds, and no renewal offered yet.
    await page.getByText(/^Your claim holds until .+ you can renew it in its last 3 days/).waitFor()
    expect(await page.getByRole('button', { name: 'Renew my claim' }).count()).toBe(0)
    const claims = page.getByRole('region', { name: 'Who is working on this' })
    expect(await claims.getByRole('listitem').first().textContent()).toMatch(
      /^You, Cam \(demo contributor\) since /,
    )
    await notice(page).getByRole('link', { name: 'My work' }).click()
    await page.waitForURL(`${suite.server.url}/me`)
    await page.context().close()
  })

  test('while the page catches up with a claim, it never shows the thanks beside “Nobody yet.” and the claim button', async () => {
    // A maintainer's claim, stopped at the end: the project stays open for the tests after this,
    // and the newcomer's and the contributor's My work stay as they expect.
    const project = (await openProjects())[4]!
    const page = await signedIn(/Dana \(demo maintainer\)/, `/starter/${project.id}`)
    await waitForHydration(page)
    // Whatever the page shows, from now on: both states at once is recorded.
    await page.evaluate(() => {
      const mixed = () => {
        const text = document.body.textContent ?? ''
        const claimButton = [...document.querySelectorAll('button')].some(
          (button) => button.textContent === 'I’m working on this',
        )
        return (
          text.includes('You are working on this now.') &&
          (claimButton || text.includes('Nobody yet.'))
        )
      }
      const seen = window as unknown as { sawMixed: boolean }
      seen.sawMixed = mixed()
      new MutationObserver(() => {
        if (mixed()) seen.sawMixed = true
      }).observe(document.body, { childList: true, subtree: true, characterData: true })
    })
    // The loader's data after the claim is held until the page has had the claim's answer alone.
    // Only the first: the page's later requests go through.
    let release = () => {}
    let isHeld = false
    const held = new Promise<void>((resolve) => {
      void page.route(
        (url) =>
          url.pathname === `/starter/${project.id}` &&
          url.searchParams.get('_data') === 'routes/starter.$id',
        async (route) => {
          if (route.request().method() !== 'GET' || isHeld) return route.continue()
          isHeld = true
          resolve()
          await new Promise<void>((go) => (release = go))
          await route.continue()
        },
      )
    })
    await page.getByRole('button', { name: 'I’m working on this' }).click()
    await held
    // The action has answered (the loaders run after it): let the page render what it has.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    )
    expect(await notice(page).count()).toBe(0)
    release()
    await notice(page).waitFor()
    expect(
      await page.getByRole('region', { name: 'Who is working on this' }).textContent(),
    ).toMatch(/You, Dana \(demo maintainer\) since /)
    expect(await page.getByRole('button', { name: 'I’m working on this' }).count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { sawMixed: boolean }).sawMixed)).toBe(
      false,
    )
    await page.getByRole('button', { name: 'I’m stopping' }).click()
    await page.getByRole('button', { name: 'Yes, I’m stopping' }).click()
    await page.getByRole('button', { name: 'I’m working on this' }).waitFor()
    await page.context().close()
  })

  test('signed out, the demo banner offers to be the newcomer, not only a maintainer or contributor', async () => {
    const page = await (await suite.browser.newContext()).newPage()
    await page.goto(`${suite.server.url}/starter`)
    expect(await page.getByRole('note').filter({ hasText: 'Demo mode' }).textContent()).toContain(
      'sign in as a demo maintainer, contributor or newcomer',
    )
    await page.context().close()
  })

  test('a project whose mentors are names with no contact: My work’s “Stuck?” points to its repository, not to them', async () => {
    const project = (await openProjects()).find(
      (item) => item.mentors.length > 0 && item.repos.length > 0,
    )!
    const page = await signedIn(NEWCOMER, `/starter/${project.id}`)
    await page.getByRole('button', { name: 'I’m working on this' }).click()
    await notice(page).waitFor()
    expect(await notice(page).textContent()).not.toContain('tell the mentors')
    // The project page itself says there is no way to reach them.
    expect(await page.locator('#mentors + dd').textContent()).toContain(
      'No way to reach them is listed on this board.',
    )
    await page.goto(`${suite.server.url}/me`)
    // "Ask a mentor" led there: a dead end for someone stuck.
    expect(await page.locator(`a[href="/starter/${project.id}#mentors"]`).count()).toBe(0)
    const ask = page.getByRole('link', { name: /^Ask its maintainers in an issue on / })
    expect(await ask.getAttribute('href')).toBe(`https://github.com/${project.repos[0]}/issues`)
    await page.context().close()
  })

  test('on the sign-in page, the header’s “Sign in” keeps the page’s own return path', async () => {
    const page = await (await suite.browser.newContext()).newPage()
    await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent('/starter?x=1')}`)
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', {
      name: 'Sign in',
    })
    expect(await link.getAttribute('href')).toBe(
      `/login?returnTo=${encodeURIComponent('/starter?x=1')}`,
    )
    await page.context().close()
  })

  test('after reporting how hard it was, the thanks lead to the next project', async () => {
    const project = (await openProjects())[1]!
    const page = await signedIn(CONTRIBUTOR, `/starter/${project.id}`)
    await page.getByRole('button', { name: 'I’m working on this' }).click()
    await page.getByRole('button', { name: 'I finished it' }).click()
    await page.getByRole('button', { name: 'Yes, I finished it' }).click()
    const report = page.getByRole('form', { name: 'How hard was it really?' })
    await report.waitFor()
    // Coming back later: the header names My work (not only her name, which people did not
    // guess led there), and My work leads straight to the report form, not the top of the page.
    await page.goto(`${suite.server.url}/`)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My work', exact: true })
      .click()
    await page.waitForURL(`${suite.server.url}/me`)
    const reportLink = page.getByRole('link', { name: 'report the difficulty you met' })
    expect(await reportLink.getAttribute('href')).toBe(`/starter/${project.id}#feedback-heading`)
    await reportLink.click()
    await report
      .getByRole('group', { name: 'OCaml difficulty you met' })
      .getByRole('radio')
      .first()
      .check()
    await report
      .getByRole('group', { name: /^Domain difficulty you met/ })
      .getByRole('radio')
      .first()
      .check()
    await report.getByRole('group', { name: 'Time it took' }).getByRole('radio').first().check()
    await report.getByRole('button', { name: 'Send my report' }).click()
    await eventually(async () =>
      expect(await notice(page).textContent()).toMatch(/^Thank you: your report is recorded/),
    )
    // Not her old background: the finder set one step up, in the domains she has just worked in.
    await notice(page)
      .getByRole('link', { name: /^Find your next project/ })
      .click()
    await page.waitForURL(/\/starter\?level=(some|comfortable)&know=/)
    const address = new URL(page.url()).searchParams
    expect(address.getAll('know')).toContain(project.domain)
    // The step up comes first, the easier ones she has outgrown after it, each headed. The address
    // changes before React renders the finder, so its headings are read until they are there.
    expect(address.get('stepUp')).toMatch(/^[12]$/)
    await eventually(async () => {
      const headings = await page.getByRole('heading', { level: 2 }).allTextContents()
      const results = headings.filter((text) =>
        /^(A step up from your last project|Easier ones|Other projects|Projects for you)/.test(
          text,
        ),
      )
      expect(results[0]).toMatch(/^(A step up from your last project|Easier ones) \(/)
      expect(results).not.toContainEqual(expect.stringMatching(/^Projects for you/))
    })
    await page.context().close()
  })

  test('"nothing fits me" sent: the thanks say the answer comes to the Inbox and where requests are kept', async () => {
    const page = await signedIn(NEWCOMER, '/starter?level=none&know=storage&time=day')
    const panel = page.getByRole('region', { name: 'Nothing fits me?' })
    await panel.getByLabel('Your note (optional)').fill('I know file systems from C.')
    await panel.getByRole('button', { name: 'Tell the maintainers' }).click()
    await page.waitForURL(/nothingFits=sent/)
    const thanks = notice(page)
    await eventually(async () =>
      expect(await thanks.textContent()).toContain('When a maintainer answers, you are told'),
    )
    expect(await thanks.getByRole('link', { name: 'Inbox' }).getAttribute('href')).toBe(
      '/notifications',
    )
    expect(await thanks.getByRole('link', { name: 'My work' }).getAttribute('href')).toBe('/me')

    // The page of its own says the same, not "the gap dashboard" (a maintainers' page).
    await page.goto(`${suite.server.url}/starter/nothing-fits?nothingFits=sent`)
    const own = page.getByRole('status').filter({ hasText: /^Thank you/ })
    expect(await own.textContent()).not.toContain('gap dashboard')
    expect(await own.getByRole('link', { name: 'Inbox' }).count()).toBe(1)
    await page.context().close()
  })

  test('"nothing fits me" signed out takes nothing to lose, and signing in keeps the background', async () => {
    const page = await (await suite.browser.newContext()).newPage()
    const path = '/starter/nothing-fits?level=none&know=storage'
    await page.goto(`${suite.server.url}${path}`)
    // Sending it signed out would only answer "Sign in first" and drop what was typed.
    expect(await page.getByRole('button', { name: 'Send to the maintainers' }).count()).toBe(0)
    expect(await page.getByRole('textbox', { name: /Anything else/ }).isDisabled()).toBe(true)
    await page.getByRole('link', { name: 'Sign in to send it' }).click()
    await page.getByRole('button', { name: NEWCOMER }).click()
    await page.waitForURL(`${suite.server.url}${path}`)
    const send = page.getByRole('button', { name: 'Send to the maintainers' })
    await send.waitFor()
    expect(await send.isEnabled()).toBe(true)
    expect(await page.getByRole('radio', { name: 'New to it' }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: 'storage' }).isChecked()).toBe(true)
    await page.context().close()
  })

  test('on a phone, signing in from the finder’s “Nothing fits me?” comes back to that panel, not the top of the list', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 667 } })
    const page = await context.newPage()
    const path = '/starter?level=none&know=platform'
    await page.goto(`${suite.server.url}${path}`)
    await page
      .getByRole('link', { name: 'Sign in to tell maintainers what you are looking for' })
      .click()
    await page.getByRole('button', { name: NEWCOMER }).click()
    await page.waitForURL(`${suite.server.url}${path}#nothing-fits-heading`)
    const note = page.getByRole('textbox', { name: 'Your note (optional)' })
    await note.waitFor()
    // The form she came for is on screen, screens below the top of the results.
    await eventually(async () => {
      const box = (await note.boundingBox())!
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(667)
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.y + box.height).toBeLessThanOrEqual(667)
    })
    await context.close()
  })

  test('signed out, a project nobody can take now points onwards, not to a sign-in that offers no button', async () => {
    const project = (await openProjects())[3]!
    const cam = await signedIn(CONTRIBUTOR, `/starter/${project.id}`)
    const visitor = await (await suite.browser.newContext()).newPage()
    const panel = visitor.getByRole('region', { name: 'Who is working on this' })
    async function expectPointedOnwards(reason: string) {
      await visitor.goto(`${suite.server.url}/starter/${project.id}`)
      expect(await panel.getByRole('link', { name: 'Sign in' }).count()).toBe(0)
      expect(await panel.textContent()).toContain(`${reason}: find an open project.`)
      expect(
        await panel.getByRole('link', { name: 'find an open project' }).getAttribute('href'),
      ).toBe('/starter')
    }

    await visitor.goto(`${suite.server.url}/starter/${project.id}`)
    expect(await panel.getByRole('link', { name: 'Sign in' }).count()).toBe(1)
    await cam.getByRole('button', { name: 'I’m working on this' }).click()
    await cam.getByRole('button', { name: 'I finished it' }).waitFor()
    await expectPointedOnwards('Someone is working on it')
    await cam.getByRole('button', { name: 'I finished it' }).click()
    await cam.getByRole('button', { name: 'Yes, I finished it' }).click()
    await cam.getByRole('form', { name: 'How hard was it really?' }).waitFor()
    await expectPointedOnwards('It is done')
    await cam.context().close()
    await visitor.context().close()
  })

  // A phone and a desktop, and a phone without JavaScript: the confirmation is an address, so it
  // works in each. Noor claims each once (claims count against a daily budget per person).
  for (const [label, options] of [
    ['on a desktop', { viewport: { width: 1280, height: 800 } }],
    ['on a phone', { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true }],
    [
      'on a phone without JavaScript',
      { viewport: { width: 375, height: 667 }, isMobile: true, javaScriptEnabled: false },
    ],
  ] as const) {
    test(`${label}, one tap on “I finished it” or “I’m stopping” only asks; the confirmation ends the claim`, async () => {
      const project = (await openProjects()).at(-1)!
      const context = await suite.browser.newContext(options)
      const page = await context.newPage()
      const path = `/starter/${project.id}`
      await page.goto(`${suite.server.url}/login?returnTo=${encodeURIComponent(path)}`)
      await page.getByRole('button', { name: NEWCOMER }).click()
      await page.waitForURL(`${suite.server.url}${path}`)
      if (options.javaScriptEnabled !== false) await waitForHydration(page)
      await page.getByRole('button', { name: 'I’m working on this' }).click()
      const holds = page.getByText(/^Your claim holds until /)
      await holds.waitFor()
      const visitor = await (await suite.browser.newContext()).newPage()
      const othersSee = async () => {
        await visitor.goto(`${suite.server.url}${path}`)
        return visitor.getByRole('region', { name: 'Who is working on this' }).textContent()
      }

      await page.getByRole('button', { name: 'I’m stopping' }).click()
      await page.waitForURL(`${suite.server.url}${path}?confirm=stop`)
      const stopping = page.getByRole('group', { name: 'You are stopping?' })
      expect(await stopping.textContent()).toContain(
        'The project goes back to the finder for someone else. Then you can tell us how hard it was.',
      )
      await stopping.getByRole('link', { name: 'No, go back' }).click()
      await page.waitForURL(`${suite.server.url}${path}`)
      await page.getByRole('button', { name: 'I finished it' }).click()
      await page.waitForURL(`${suite.server.url}${path}?confirm=finish`)
      const finishing = page.getByRole('group', { name: 'You finished it?' })
      expect(await finishing.textContent()).toContain(
        'This marks the project done for everyone and removes it from the finder. Then you can tell us how hard it was.',
      )
      expect(await stopping.count()).toBe(0)
      // Nothing ended yet: the claim still runs, here and for everyone.
      expect(await holds.isVisible()).toBe(true)
      expect(await othersSee()).toContain('Someone is working on it')

      await finishing.getByRole('button', { name: 'Yes, I finished it' }).click()
      await page.getByText(/^Well done!/).waitFor()
      await page.getByRole('form', { name: 'How hard was it really?' }).waitFor()
      expect(page.url()).toBe(`${suite.server.url}${path}`)
      expect(await othersSee()).toContain('It is done')
      await visitor.context().close()
      await context.close()
    })
  }

  test('a visitor signed in as a demo person starts with no history: the demo’s actions are not called hers', async () => {
    // The demo ships claims, reports and requests, made by seeded demo people nobody signs in as:
    // none of them is on Noor's My work or in her inbox as hers (other tests here add her own).
    const page = await signedIn(NEWCOMER, '/me')
    const requests = page.getByRole('region', { name: /nothing fits me/ })
    await requests.waitFor()
    for (const seeded of ['I know TCP from the kernel side', 'I know databases but not OCaml']) {
      expect(await page.locator('main').textContent()).not.toContain(seeded)
    }
    // Rin's running claim on the tcpip tests is not "My claims".
    const claims = page.getByRole('region', { name: 'My claims' })
    expect(await claims.textContent()).not.toMatch(/tcpip/i)
    await page.goto(`${suite.server.url}/notifications`)
    await page.getByRole('heading', { name: 'Inbox' }).waitFor()
    expect(await page.locator('main').textContent()).not.toContain('The tcpip tests need TCP')
    await page.context().close()
  })

  test('Follow says where the news arrives, before and after', async () => {
    const project = (await openProjects())[2]!
    const page = await signedIn(NEWCOMER, `/starter/${project.id}`)
    const follow = page.getByRole('button', { name: 'Follow', exact: true })
    expect(await follow.getAttribute('title')).toContain('Inbox')
    await follow.click()
    await page.getByRole('button', { name: 'Unfollow', exact: true }).waitFor()
    const where = page.getByRole('link', { name: 'Following: news in your Inbox' })
    expect(await where.getAttribute('href')).toBe('/notifications')
    await page.context().close()
  })

  // Last: it claims every project that fits a networking newcomer, which the tests above pick from.
  test('on a phone, a networking newcomer whose fitting projects are all taken is told so above them, with a way on', async () => {
    const path = '/starter?level=none&know=networking'
    const dana = await signedIn(/Dana \(demo maintainer\)/, path)
    const forYou = dana.getByRole('list', { name: 'Starter projects for you' })
    const free = forYou.getByRole('listitem').filter({ hasText: 'Unclaimed' })
    // The sign-in's address changes before the finder renders; evaluateAll does not wait.
    await free.first().waitFor()
    for (const href of await free.evaluateAll((items) =>
      items.map((item) => item.querySelector('a')!.getAttribute('href')!),
    )) {
      await dana.goto(`${suite.server.url}${href}`)
      await dana.getByRole('button', { name: 'I’m working on this' }).click()
      await dana.getByRole('button', { name: 'I finished it' }).waitFor()
    }
    await dana.context().close()

    const context = await suite.browser.newContext({
      viewport: { width: 375, height: 667 },
      isMobile: true,
      hasTouch: true,
    })
    const page = await context.newPage()
    await page.goto(`${suite.server.url}${path}`)
    const hint = page.getByRole('status').filter({ hasText: 'Someone is working on each' })
    // With the unrated projects in networking when there are any (the tests above claim some).
    expect(await hint.textContent()).toMatch(
      /^Someone is working on each project that fits you\. (\d+ unrated projects? .*in networking: show only unrated projects or t|T)ell the maintainers what you look for\.$/,
    )
    // Above the list it explains, and it leads to the way on.
    const heading = page.getByRole('heading', { name: /^Projects for you/ })
    expect((await hint.boundingBox())!.y).toBeLessThan((await heading.boundingBox())!.y)
    await hint.getByRole('link', { name: /tell the maintainers what you look for/i }).click()
    await page.waitForURL(/#nothing-fits-heading$/)
    await page.getByRole('heading', { name: 'Nothing fits me?' }).waitFor()
    await context.close()
  })
})
