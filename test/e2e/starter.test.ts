import type { Browser, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'

import { getRubric } from '../../app/starter/rubric'
import { DEFAULT_STARTER_DOMAINS } from '../../app/utils/env.server'
import { formatDate } from '../../app/utils/format'

import { eventually, hasChromium, setupBrowserSuite } from './harness'

// The two starter-project journeys of issue 6, each on its own server with the demo data: a
// newcomer (background, match, claim, done, feedback, "nothing fits me") and a maintainer
// (candidate, tag with the rubric, the newcomer finds it, drift after two reports, re-rate).

const NEWCOMER = /Noor \(demo newcomer\)/
const CONTRIBUTOR = /Cam \(demo contributor\)/
const MAINTAINER = /Dana \(demo maintainer\)/

/** Signs a demo person in through the login page and lands on `returnTo`. */
async function signIn(page: Page, baseUrl: string, person: RegExp, returnTo = '/starter') {
  await page.goto(`${baseUrl}/login?returnTo=${encodeURIComponent(returnTo)}`)
  await page.getByRole('button', { name: person }).click()
  await page.waitForURL(`${baseUrl}${returnTo}`)
}

/** A second person at the same time: a fresh browser context (own cookies), signed in. */
async function personPage(browser: Browser, baseUrl: string, person: RegExp, returnTo?: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await signIn(page, baseUrl, person, returnTo)
  return page
}

/** Fills the finder's "Your background" and submits it; resolves once the URL has it. */
async function stateBackground(
  page: Page,
  background: { level: string; domains: string[]; time?: string; wantsMentor?: boolean },
) {
  const form = page.getByRole('form', { name: 'Your background and filters' })
  await form.getByRole('radio', { name: new RegExp(`^${background.level}`) }).check()
  for (const domain of background.domains) {
    await form.getByRole('checkbox', { name: domain, exact: true }).check()
  }
  if (background.time) await form.getByLabel('Time you have').selectOption(background.time)
  if (background.wantsMentor) {
    await form.getByRole('checkbox', { name: 'I would like a mentor' }).check()
  }
  await form.getByRole('button', { name: 'Find projects' }).click()
  await page.waitForURL(new RegExp(`know=${background.domains[0]}`))
  // The form's "Any" fields are left out of the address (the loader redirects without them).
  await eventually(async () => expect(new URL(page.url()).search).not.toMatch(/=(&|$)/))
  // The results' heading takes the focus, so the page shows them from their top.
  await eventually(async () =>
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(
      /^(Projects for you \((\d+ shown|none yet)\)|Other projects \(none fits your background yet; \d+ shown\))$/,
    ),
  )
  const headingTop = await page.evaluate(
    () => document.activeElement?.getBoundingClientRect().top ?? -1,
  )
  expect(headingTop).toBeGreaterThanOrEqual(0)
  expect(headingTop).toBeLessThan(page.viewportSize()!.height)
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The page's title, once a client-side navigation has rendered (its URL commits first). */
async function expectHeading(page: Page, text: string) {
  await eventually(async () =>
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(text),
  )
}

function finderResults(page: Page) {
  // "Other starter projects" when nothing on the first page fits the background.
  return page
    .getByRole('list', { name: /^(Starter projects for you|Other starter projects)$/ })
    .getByRole('listitem')
}

/** On a project page: finish the running claim and report what was met. */
async function finishAndReport(
  page: Page,
  report: { languageStars: number; domainStars: number; timeTaken: string; note?: string },
) {
  await page.getByRole('button', { name: 'I finished it' }).click()
  await page.getByRole('button', { name: 'Yes, I finished it' }).click()
  await eventually(async () =>
    expect(await page.getByRole('status').textContent()).toMatch(/^Well done!/),
  )
  const feedback = page.getByRole('form', { name: 'How hard was it really?' })
  const stars = (count: number) => new RegExp(`: ${count} of 3 stars?\\b`)
  await feedback
    .getByRole('group', { name: 'OCaml difficulty you met' })
    .getByRole('radio', { name: stars(report.languageStars) })
    .check()
  await feedback
    .getByRole('group', { name: /^Domain difficulty you met/ })
    .getByRole('radio', { name: stars(report.domainStars) })
    .check()
  await feedback
    .getByRole('group', { name: 'Time it took' })
    .getByRole('radio', { name: report.timeTaken })
    .check()
  if (report.note) await feedback.getByLabel('A short note (optional)').fill(report.note)
  await feedback.getByRole('button', { name: 'Send my report' }).click()
  await eventually(async () =>
    expect(await page.getByRole('status').textContent()).toMatch(/^Thank you: your report/),
  )
}

// Both journeys start from the untriaged demo (SEED_DEMO=untriaged): they rate, claim and report
// themselves, and assert what the pages say before and after. Each has its own server and
// Chromium, so the two journeys run at once (concurrent suites), each one's steps in order.
describe.skipIf(!hasChromium()).concurrent('starter projects: a newcomer in Chromium', () => {
  const suite = setupBrowserSuite({ SEED_DEMO: 'untriaged' })

  test.sequential(
    'states a background, is matched, claims a project, finishes it and reports',
    async () => {
      const { page, server } = suite
      await signIn(page, server.url, NEWCOMER)
      await stateBackground(page, {
        level: 'New to it',
        domains: ['monitoring'],
        time: 'month',
        wantsMentor: true,
      })

      // The one project whose main domain is monitoring comes first, then the two that touch it.
      const results = finderResults(page)
      await eventually(async () => {
        const texts = await results.allTextContents()
        expect(texts[0]).toContain('Monitoring counters and SNMP for MirageOS')
        expect(texts[0]).toContain('in a domain you know')
        expect(texts.slice(1, 3).every((text) => text.includes('touches a domain you know'))).toBe(
          true,
        )
        expect(texts.slice(3).some((text) => text.includes('domain you know'))).toBe(false)
      })
      // None of them is rated yet, so none fits: the heading says so rather than "for you".
      expect(await page.getByRole('heading', { name: /^Other projects/ }).textContent()).toMatch(
        /^Other projects \(none fits your background yet; \d+ shown\)$/,
      )
      const finderUrl = page.url()

      await results
        .first()
        .getByRole('link', { name: 'Monitoring counters and SNMP for MirageOS' })
        .click()
      await page.waitForURL(/\/starter\/\d+$/)
      const projectUrl = page.url()
      await expectHeading(page, 'Monitoring counters and SNMP for MirageOS')

      // The server dates the claim: the day read before the click or the one after it (a run
      // may straddle midnight).
      const dayBefore = formatDate(new Date())
      await page.getByRole('button', { name: 'I’m working on this' }).click()
      const claims = page.getByRole('region', { name: 'Who is working on this' })
      let claimedOn = ''
      await eventually(async () => {
        const text = await claims.getByRole('listitem').first().textContent()
        // The person's own claim says it is theirs.
        claimedOn =
          /^You, Noor \(demo newcomer\) since (\d+ \w+ \d{4})/.exec(text ?? '')?.[1] ?? text ?? ''
        expect(claimedOn).toBeOneOf([dayBefore, formatDate(new Date())])
      })
      expect(await page.getByRole('status').textContent()).toMatch(/^You are working on this now/)
      expect(await page.getByText('claimed', { exact: true }).count()).toBe(1)

      // The finder shows the claim and its date too, hers as hers; claimed, it now waits behind
      // the projects nobody is working on (all of them on one page here).
      const wholeList = new URL(finderUrl)
      wholeList.searchParams.set('limit', '100')
      await page.goto(wholeList.toString())
      await eventually(async () => {
        const texts = await finderResults(page).allTextContents()
        const claimed = texts.findIndex((text) =>
          text.includes('Monitoring counters and SNMP for MirageOS'),
        )
        expect(texts[claimed]).toContain(`You are working on this since ${claimedOn}`)
        expect(claimed).toBeGreaterThan(0)
      })

      await page.goto(projectUrl)
      await finishAndReport(page, {
        languageStars: 1,
        domainStars: 2,
        timeTaken: 'About a week',
        note: 'The SNMP part took longest.',
      })
      expect(await page.getByText('done', { exact: true }).count()).toBe(1)
      // The calibration line: this demo project is unrated (the stars above say so, and the line
      // under them), so it says what contributors reported (a demo person's: a demo action),
      // without repeating the stars.
      await eventually(async () =>
        expect(
          await page
            .getByRole('region', { name: 'Difficulty' })
            .getByTestId('calibration-line')
            .textContent(),
        ).toBe('Contributors found: OCaml 1★ · monitoring 2★ from 1 report, a demo action'),
      )
      expect(
        await page
          .getByRole('region', { name: 'Difficulty' })
          .getByTestId('rated-by')
          .textContent(),
      ).toBe('Not rated yet.')
      // A second report on the same claim is not offered.
      expect(await page.getByRole('form', { name: 'How hard was it really?' }).count()).toBe(0)
    },
  )

  test.sequential('"nothing fits me" reaches the maintainers’ gap dashboard', async () => {
    const { page, server } = suite
    await page.goto(`${server.url}/starter?level=none&know=monitoring&time=month&wantsMentor=yes`)
    const nothingFits = page.getByRole('region', { name: 'Nothing fits me?' })
    const note = 'I run SNMP monitoring at work and would like a first project around it.'
    await nothingFits.getByLabel('Your note (optional)').fill(note)
    await nothingFits.getByRole('button', { name: 'Tell the maintainers' }).click()
    await page.waitForURL(/nothingFits=sent/)
    await eventually(async () =>
      expect(await page.getByRole('status').first().textContent()).toMatch(
        /^Thank you: the maintainers will see what you are looking for/,
      ),
    )
    // The background is kept: the finder shows the same results after the redirect.
    expect(new URL(page.url()).searchParams.getAll('know')).toEqual(['monitoring'])

    const maintainer = await personPage(suite.browser, server.url, MAINTAINER, '/starter/gaps')
    const open = maintainer.getByRole('region', { name: 'Open requests' })
    const request = open.getByRole('listitem').filter({ hasText: note })
    await eventually(async () => expect(await request.count()).toBe(1))
    const text = await request.textContent()
    expect(text).toContain('from Noor (demo newcomer)')
    // A demo person's request says it is a demo action, as the answered ones and home do.
    expect(text).toContain('a demo action')
    expect(text).toContain('OCaml: New to it · knows monitoring · time: About a month')
    expect(text).toContain('wants a mentor')
    await maintainer.context().close()
  })

  test.sequential(
    'on a phone, the background comes back with the nav link, its results on the first screen',
    async () => {
      const { server, browser } = suite
      const context = await browser.newContext({ viewport: { width: 375, height: 667 } })
      try {
        const page = await context.newPage()
        await page.goto(`${server.url}/starter`)
        await stateBackground(page, { level: 'New to it', domains: ['networking'] })

        // Elsewhere, then back by the navigation link: the same background, not an empty form.
        await page.goto(`${server.url}/roadmap`)
        await page.getByRole('link', { name: 'Starter projects', exact: true }).first().click()
        await page.waitForURL(`${server.url}/starter`)
        const remembered = page.getByText(/^Your last background, kept in this browser/)
        await eventually(async () => expect(await remembered.isVisible()).toBe(true))
        const form = page.getByRole('form', { name: 'Your background and filters' })
        expect(await form.locator(':scope > details > summary').textContent()).toContain(
          'OCaml: new to it · networking · any time',
        )
        // The choice is summarised, folded, and the first result shows without scrolling.
        expect(await form.getByRole('button', { name: 'Find projects' }).isVisible()).toBe(false)
        const first = finderResults(page).first().getByRole('link').first()
        const box = (await first.boundingBox())!
        expect(box.y + box.height).toBeLessThanOrEqual(667)
        expect(await first.evaluate((link) => link.closest('li')!.textContent)).toContain(
          'domain you know',
        )

        // Explicit parameters win over the remembered background.
        await page.goto(`${server.url}/starter?know=storage`)
        expect(await form.locator(':scope > details > summary').textContent()).toContain('storage')
        expect(await remembered.count()).toBe(0)

        // "Start from scratch" clears it: the finder opens empty, and stays so.
        await page.goto(`${server.url}/starter`)
        await page.getByRole('link', { name: 'Start from scratch' }).click()
        await page.waitForURL(/\/starter\?fresh/)
        await eventually(async () =>
          expect(await form.getByRole('button', { name: 'Find projects' }).isVisible()).toBe(true),
        )
        await page.goto(`${server.url}/starter`)
        expect(await remembered.count()).toBe(0)
        expect(await form.getByRole('button', { name: 'Find projects' }).isVisible()).toBe(true)
      } finally {
        await context.close()
      }
    },
  )

  test.sequential(
    'when nothing rated fits, the finder says how many unrated projects fit and lists them',
    async () => {
      const { page, server } = suite
      // The untriaged demo: no project in monitoring is rated yet.
      await page.goto(`${server.url}/starter?level=none&know=monitoring`)
      const hint = page.getByRole('status').filter({ hasText: 'Nothing rated fits' })
      const counted = /(\d+) unrated projects? \(no difficulty stars yet\) (is|are) in monitoring/
      await eventually(async () => expect(await hint.textContent()).toMatch(counted))
      const count = Number(counted.exec((await hint.textContent())!)![1])
      await hint.getByRole('link', { name: 'show only unrated projects' }).click()
      await page.waitForURL(/unrated=yes/)
      // All of them on one page: claimed ones come after every free one, in any domain.
      const wholeList = new URL(page.url())
      wholeList.searchParams.set('limit', '100')
      await page.goto(wholeList.toString())
      await eventually(async () =>
        expect(await finderResults(page).first().textContent()).toContain('domain you know'),
      )
      const texts = await finderResults(page).allTextContents()
      expect(texts.filter((text) => text.includes('domain you know'))).toHaveLength(count)
      expect(texts.every((text) => text.includes('unrated'))).toBe(true)
      expect(await hint.count()).toBe(0)
      // "Nothing fits me" is still there to tell the maintainers.
      expect(await page.getByRole('region', { name: 'Nothing fits me?' }).count()).toBe(1)
    },
  )

  test.sequential(
    'the finder and "nothing fits me" ask about the language in the same words',
    async () => {
      const { page, server } = suite
      const question = 'How well do you know OCaml?'
      // Fresh: this newcomer chose a background before, and it would come back folded.
      await page.goto(`${server.url}/starter?fresh`)
      const form = page.getByRole('form', { name: 'Your background and filters' })
      expect(await form.getByRole('group', { name: question, exact: true }).count()).toBe(1)
      await page.goto(`${server.url}/starter/nothing-fits`)
      await expectHeading(page, 'Nothing fits me')
      expect(await page.getByRole('group', { name: question, exact: true }).count()).toBe(1)
    },
  )
})

describe.skipIf(!hasChromium()).concurrent('starter projects: a maintainer in Chromium', () => {
  // The demo issues are years old: widen "recently active" so some of them are candidates.
  const suite = setupBrowserSuite({ SEED_DEMO: 'untriaged', STALE_AFTER_MONTHS: '120' })

  test.sequential(
    'tags a candidate with the rubric; newcomers find it; drift is flagged and re-rated',
    async () => {
      const { page, server, browser } = suite
      const rubric = getRubric('OCaml', DEFAULT_STARTER_DOMAINS)
      // The ratings below are dated by the server: this day, or the next should the run straddle
      // midnight.
      const dayBefore = formatDate(new Date())

      // 1. A candidate from the trackers, one click away from the prefilled tagging form.
      await signIn(page, server.url, MAINTAINER, '/starter/candidates')
      const tagLink = page.getByRole('link', { name: /^Tag .+#\d+ as a starter project$/ }).first()
      const ref = (await tagLink.textContent())!.replace(
        /^Tag (.+#\d+) as a starter project$/,
        '$1',
      )
      await tagLink.click()
      await page.waitForURL(/\/starter\/new\?issue=/)
      await eventually(async () =>
        expect(await page.getByRole('status').textContent()).toContain(`Prefilled from ${ref}`),
      )
      expect(await page.getByRole('textbox', { name: /^Attached GitHub issue/ }).inputValue()).toBe(
        ref,
      )
      const title = await page.getByRole('textbox', { name: 'Title', exact: true }).inputValue()
      expect(title).not.toBe('')

      // 2. The rubric's words are beside each star choice; rate both axes 1★, a domain, a size.
      const language = page.getByRole('group', { name: 'OCaml difficulty' })
      const domain = page.getByRole('group', { name: 'Domain difficulty' })
      for (const axis of rubric.axes) {
        const group = axis.axis === 'language' ? language : domain
        for (const level of axis.levels) {
          // The radio's accessible name is its stars followed by the rubric's sentence.
          const choice = group.getByRole('radio', {
            name: new RegExp(`: ${level.stars} of 3 stars? ${escapeRegExp(level.description)}`),
          })
          expect(await choice.count()).toBe(1)
        }
      }
      await language.getByRole('radio', { name: /: 1 of 3 stars\b/ }).check()
      await domain.getByRole('radio', { name: /: 1 of 3 stars\b/ }).check()
      await page.getByLabel('Primary domain').selectOption('testing')
      await page
        .getByRole('group', { name: 'Size' })
        .getByRole('radio', { name: /^About a week/ })
        .check()
      await page.getByRole('button', { name: 'Create the project' }).click()
      await page.waitForURL(/\/starter\/\d+\?saved=created$/)
      const projectUrl = page.url().replace(/\?.*/, '')
      const projectId = projectUrl.replace(/.*\/starter\//, '')
      await expectHeading(page, title)
      const ratings = page.getByRole('region', { name: 'Difficulty' })
      expect(await ratings.textContent()).toContain('OCaml difficulty: 1 of 3 stars')

      // 3. A newcomer who knows testing gets it first: rated, sized, in their domain.
      const newcomer = await personPage(browser, server.url, NEWCOMER)
      await stateBackground(newcomer, { level: 'New to it', domains: ['testing'] })
      await eventually(async () => {
        const first = finderResults(newcomer).first()
        expect(await first.getByRole('link').first().textContent()).toBe(title)
        expect(await first.textContent()).toContain('in a domain you know')
        expect(await first.textContent()).toContain('No difficulty reports from contributors yet')
      })

      // 4. Two contributors, one after the other, find the OCaml side much harder than 1★.
      const contributor = await personPage(
        browser,
        server.url,
        CONTRIBUTOR,
        `/starter/${projectId}`,
      )
      // Each is told what her report did: who heard of it, and how far it is from a new rating.
      const didWhat = [
        'Once 2 reports say so on average, the maintainers are asked to rate it again (1 report so far).',
        'The reports so far (2 reports) put it among the ratings the maintainers are asked to redo.',
      ]
      for (const [index, person] of [contributor, newcomer].entries()) {
        await person.goto(projectUrl)
        await person.getByRole('button', { name: 'I’m working on this' }).click()
        await eventually(async () =>
          expect(await person.getByRole('status').textContent()).toMatch(
            /^You are working on this now/,
          ),
        )
        await finishAndReport(person, {
          languageStars: 3,
          domainStars: 1,
          timeTaken: 'About a day',
        })
        expect(await person.getByRole('status').textContent()).toContain(
          `You found it harder than rated: OCaml 3★ met, rated 1★: the maintainers and the project’s mentors have been told. ${didWhat[index]}`,
        )
      }
      await eventually(async () =>
        expect(await newcomer.getByRole('region', { name: 'Difficulty' }).textContent()).toContain(
          'Contributors found: OCaml 3★ · testing 1★ from 2 reports',
        ),
      )

      // 5. The maintainer's calibration page flags the drift; one click re-rates it.
      await page.goto(`${server.url}/starter/calibration`)
      // The rule in plain words with its values; the settings' names are for the operator's docs.
      const intro = page.locator('p', { hasText: 'is flagged here when' })
      expect(await intro.textContent()).toContain(
        'differs from the maintainers’ rating by 0.75★ or more over at least 2 reports',
      )
      expect(await page.locator('main').textContent()).not.toContain('DRIFT_')
      const drift = page.getByRole('region', { name: /^Drift/ })
      const row = drift
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: title }) })
      expect(await row.count()).toBe(1)
      const rowText = await row.textContent()
      expect(rowText).toContain('Contributors: 3★ from 2 reports')
      expect(rowText).toContain('contributors found it harder (+2★)')
      // The rater reads as on every other page: by her demo name, not her login, in capitals.
      // Marked as a demo rating after the name and date, not with a second pair of brackets.
      expect(rowText).toMatch(/Rated by Dana \(demo maintainer\) on \d+ \w+ \d{4}, a demo rating/)
      const group = drift.getByRole('heading', { level: 3, name: /^Dana \(demo maintainer\)/ })
      expect(await group.innerText()).toMatch(/^Dana \(demo maintainer\) \(\d+\)$/)
      expect(await row.getByLabel(`New OCaml difficulty rating for ${title}`).inputValue()).toBe(
        '3',
      )
      await row.getByRole('button', { name: 'Re-rate OCaml difficulty' }).click()
      await eventually(async () =>
        expect(await page.getByRole('status').textContent()).toBe(
          `Re-rated OCaml difficulty 1★ → 3★ (a demo action): “${title}”. Its page keeps the rating history.`,
        ),
      )
      await eventually(async () =>
        expect(
          await drift.getByRole('link', { name: title }).count(),
          'the project no longer drifts',
        ).toBe(0),
      )

      // 6. The project shows the new rating, and its audit history says who changed it: a demo
      // person, so each row is a demo rating.
      await page.goto(projectUrl)
      expect(await ratings.textContent()).toContain('OCaml difficulty: 3 of 3 stars')
      await ratings.getByText('Rating history (3)').click()
      const history = await ratings
        .getByRole('row')
        .evaluateAll((rows) =>
          rows.map((tableRow) =>
            [...tableRow.querySelectorAll('td')].map((cell) => cell.textContent ?? ''),
          ),
        )
      const ratedOn = expect.toBeOneOf([dayBefore, formatDate(new Date())])
      expect(history).toContainEqual([
        ratedOn,
        'Dana (demo maintainer), a demo rating',
        'OCaml',
        '1★',
        '3★',
      ])
      expect(history).toContainEqual([
        ratedOn,
        'Dana (demo maintainer), a demo rating',
        'OCaml',
        'unrated',
        '1★',
      ])

      // 7. The contributor's My work keeps what she reported, beside the rating it corrected.
      await contributor.goto(`${server.url}/me`)
      const ended = contributor.getByRole('listitem').filter({ hasText: title })
      await eventually(async () =>
        expect(await ended.first().textContent()).toMatch(
          /you reported OCaml 3★ and testing 1★; it is rated OCaml 3★ and testing \d★/,
        ),
      )
    },
  )
})
