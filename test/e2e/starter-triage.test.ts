import { describe, expect, test } from 'vitest'

import { projectsToTriage } from '../../app/starter/triage-progress'
import { formatDate } from '../../app/utils/format'

import { eventually, hasChromium, setupBrowserSuite } from './harness'

// Issue 15's "done when": a maintainer triages ten demo items in Chromium with the keyboard only,
// and each rating lands in the audit. The demo starts untriaged (SEED_DEMO=untriaged: the 2015
// list, nothing rated), so the queue holds every open Pioneer Project whatever the triaged demo
// rates.

const MAINTAINER = /Dana \(demo maintainer\)/
const SIZE_KEYS = ['d', 'w', 'm', 'e']

describe.skipIf(!hasChromium())('starter triage: a maintainer with the keyboard only', () => {
  const suite = setupBrowserSuite({ SEED_DEMO: 'untriaged' })

  test('triages ten demo items with the keyboard; each rating is in the project’s audit', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/login?returnTo=/`)
    await page.getByRole('button', { name: MAINTAINER }).click()
    await page.waitForURL(`${server.url}/`)
    // The home page's line and the queue's header count the projects alike.
    const homeLine = (await page.locator('a[href="/starter/triage"]').first().textContent()) ?? ''
    await page.goto(`${server.url}/starter/triage`)
    await page.waitForFunction(() => '__remixRouter' in window)

    // The candidates list is offered in the page's intro, after the heading, not above it as if
    // it were the way back.
    const candidatesLink = page.getByRole('link', { name: 'See all candidates from the trackers' })
    expect(
      await candidatesLink.evaluate((link) => {
        const heading = document.querySelector('main h1')!
        const follows = heading.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING
        return follows !== 0 && link.closest('p')?.textContent?.startsWith('One item at a time')
      }),
    ).toBe(true)

    const progress = page.getByLabel('Queue progress')
    // The projects and the candidate issues are named apart; candidates from the trackers are
    // counted up to a page ("more than 25").
    const counts =
      /^(([\d,]+) open starter projects (?:to rate or size|to triage: ([\d,]+) to rate or size, then [\d,]+ missing only a mentor one can reach))(, and (more than )?([\d,]+) issues? that could become (?:a )?starter projects?)? · (more than )?([\d,]+) after this one$/.exec(
        (await progress.textContent()) ?? '',
      )
    expect(counts?.[1]).toBe(homeLine.trim())
    const projectsBefore = Number(counts?.[2]?.replace(/,/g, ''))
    // All of them, or the first part of the queue: those to rate or size.
    const toRateBefore = Number((counts?.[3] ?? counts?.[2])?.replace(/,/g, ''))
    const candidates = counts?.[4] ?? ''
    const candidatesBefore = Number(counts?.[6]?.replace(/,/g, '') ?? 0)
    const afterBefore = Number(counts?.[8]?.replace(/,/g, ''))
    const more = counts?.[7] ? 'more than ' : ''
    expect(afterBefore).toBe(projectsBefore + candidatesBefore - 1)
    // The ten triaged below are all projects to rate (they come first).
    expect(toRateBefore).toBeGreaterThanOrEqual(12)

    // The item's historical note keeps its parts on lines of their own, as the project page does.
    const note = page.locator('p', { hasText: 'Historical note' })
    await eventually(async () =>
      expect(await note.innerText()).toMatch(/historical rating[^\n]*\n+Status in the notes: /i),
    )

    // A key that is no shortcut: the page says so, and nothing else happens.
    await page.keyboard.press('x')
    await eventually(async () =>
      expect(await page.getByText('“x” is not a shortcut').count()).toBe(1),
    )

    const form = page.getByRole('form', { name: 'Triage this item' })
    const triaged: { id: number; title: string; language: number; domain: number }[] = []
    // The server dates each rating: this day, or the next should the run straddle midnight.
    const dayBefore = formatDate(new Date())
    for (let step = 0; step < 10; step++) {
      const heading = page.locator('#triage-item-title')
      const title = (await heading.textContent())!.trim()
      const href = await heading.getByRole('link').getAttribute('href')
      const id = Number(/^\/starter\/(\d+)$/.exec(href ?? '')?.[1])
      const language = (step % 3) + 1
      const domain = ((step + 1) % 3) + 1

      await page.keyboard.press(`Digit${language}`)
      await page.keyboard.press(`Shift+Digit${domain}`)
      await page.keyboard.press(SIZE_KEYS[step % SIZE_KEYS.length]!)
      expect(
        await form.locator(`input[name="languageStars"][value="${language}"]`).isChecked(),
      ).toBe(true)
      expect(await form.locator(`input[name="domainStars"][value="${domain}"]`).isChecked()).toBe(
        true,
      )
      // The mentor: t goes to the field, Escape leaves it, s saves.
      await page.keyboard.press('t')
      await page.keyboard.type('@demo-maintainer')
      await page.keyboard.press('Escape')
      await page.keyboard.press('s')

      await eventually(async () =>
        expect(await page.getByRole('status').filter({ hasText: 'Saved' }).textContent()).toBe(
          `Saved “${title}” (a demo action). Next item:`,
        ),
      )
      await eventually(async () => expect((await heading.textContent())?.trim()).not.toBe(title))
      triaged.push({ id, title, language, domain })
    }
    expect(new Set(triaged.map((item) => item.id)).size).toBe(10)
    // Rated on both axes, sized and mentored: the ten left the queue, and the sitting counts them.
    const projects = projectsToTriage({ total: projectsBefore - 10, toRate: toRateBefore - 10 })
    const after = (projectsBefore + candidatesBefore - 11).toLocaleString('en')
    expect(await progress.textContent()).toBe(
      `${projects}${candidates} · ${more}${after} after this one · 10 done so far`,
    )

    for (const item of triaged) {
      await page.goto(`${server.url}/starter/${item.id}`)
      const ratings = page.getByRole('region', { name: 'Difficulty' })
      await ratings.getByText(/^Rating history/).click()
      const history = await ratings
        .getByRole('row')
        .evaluateAll((rows) =>
          rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
        )
      const ratedOn = expect.toBeOneOf([dayBefore, formatDate(new Date())])
      expect(history, item.title).toContainEqual([
        ratedOn,
        'Dana (demo maintainer), a demo rating',
        'OCaml',
        'unrated',
        `${item.language}★`,
      ])
      expect(history, item.title).toContainEqual([
        ratedOn,
        'Dana (demo maintainer), a demo rating',
        'domain',
        'unrated',
        `${item.domain}★`,
      ])
    }
  })

  test('a save refused because someone saved first shows the item as it is now, not a blend', async () => {
    const { page, server, browser } = suite
    // Two tabs of Dana's (the first test signed her in) load the same first item.
    const otherTab = await browser.newContext({ storageState: await page.context().storageState() })
    const other = await otherTab.newPage()
    await page.goto(`${server.url}/starter/triage`)
    await other.goto(`${server.url}/starter/triage`)
    await other.waitForFunction(() => '__remixRouter' in window)
    const heading = page.locator('#triage-item-title')
    const title = (await heading.textContent())!.trim()
    expect((await other.locator('#triage-item-title').textContent())!.trim()).toBe(title)

    const form = page.getByRole('form', { name: 'Triage this item' })
    await form.locator('input[name="languageStars"][value="2"]').check()
    await form.getByRole('button', { name: /Save and next/ }).click()
    await eventually(async () => expect((await heading.textContent())?.trim()).not.toBe(title))

    const stale = other.getByRole('form', { name: 'Triage this item' })
    await stale.locator('input[name="languageStars"][value="3"]').check()
    await stale.locator('input[name="domainStars"][value="2"]').check()
    const mentorsBefore = await stale.locator('textarea[name="mentors"]').inputValue()
    await stale.locator('textarea[name="mentors"]').fill('Typed in the stale tab')
    const versionBefore = await stale.locator('input[name="version"]').inputValue()
    await stale.getByRole('button', { name: /Save and next/ }).click()
    await eventually(async () =>
      expect(await other.getByText(/^Someone else changed this project/).count()).toBe(1),
    )
    // The notice shows while the page reloads the item: wait for the item as it is now.
    await eventually(async () =>
      expect(await stale.locator('input[name="version"]').inputValue()).not.toBe(versionBefore),
    )
    // “Here it is as it is now”: the other tab's 2★, and none of this tab's choices.
    expect(await stale.locator('input[name="languageStars"][value="2"]').isChecked()).toBe(true)
    expect(await stale.locator('input[name="domainStars"][value="unrated"]').isChecked()).toBe(true)
    expect(await stale.locator('textarea[name="mentors"]').inputValue()).toBe(mentorsBefore)
    await otherTab.close()
  })

  test('a link to a tracker issue in a queue narrowed to a domain says the issue is not in it, and leads to it', async () => {
    const { page, server } = suite
    // The whole queue, skipped through (as read by Dana's session) to its first issue.
    let path = '/starter/triage'
    let html = ''
    for (let step = 0; step < 200; step++) {
      html = (await (await page.request.get(`${server.url}${path}`)).text()).replaceAll(
        '&amp;',
        '&',
      )
      if (html.includes('Make it a starter project')) break
      path = /href="(\/starter\/triage\?at=[^"]+)"[^>]*>Skip for now/.exec(html)![1]!
    }
    expect(html).toContain('Make it a starter project')
    const issueAt = new URL(path, server.url).searchParams.get('at')!
    const domain = /href="\/starter\/triage\?domain=([^"&]+)"/.exec(html)![1]!

    await page.goto(`${server.url}/starter/triage?domain=${domain}&at=${issueAt}`)
    const notice = page.getByText(/^That issue from the trackers is not in the .* queue/)
    expect(await notice.textContent()).toBe(
      `That issue from the trackers is not in the ${decodeURIComponent(domain)} queue: issues have no domain until tagged. Here is the top of the ${decodeURIComponent(domain)} queue, or see the issue in the whole queue.`,
    )
    expect(await page.getByText('You reached the end of the queue').count()).toBe(0)
    await page.waitForFunction(() => '__remixRouter' in window)
    await page.getByRole('link', { name: 'see the issue in the whole queue' }).click()
    await page.waitForURL(`${server.url}/starter/triage?at=${issueAt}`)
    await page.getByRole('button', { name: /Make it a starter project/ }).waitFor()
  })
})
