import type { Browser, Page } from 'playwright-core'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { eventually, hasChromium, launchBrowser, startServer, type RunningServer } from './harness'

// Issue 16's journeys in Chromium against the real server: a contributor claims a project, the
// server's clock moves (the test-only clock hook, TEST_CLOCK_CONTROL=on), the reminder appears in
// the inbox and arrives at an in-process SMTP server exactly once; a maintainer answers a
// "nothing fits me" request and the requester is told.

const DAY_MS = 86_400_000
const CONTRIBUTOR = /Cam \(demo contributor\)/
const MAINTAINER = /Dana \(demo maintainer\)/

type Arrived = { to: string[]; data: string }

/** The message as a person reads it: quoted-printable soft breaks and escapes undone. */
function readable(data: string) {
  const bytes = data
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

describe.runIf(hasChromium())('notifications in the browser', () => {
  const arrived: Arrived[] = []
  let smtp: SMTPServer
  let server: RunningServer
  let browser: Browser

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let data = ''
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')))
        stream.on('end', () => {
          arrived.push({ to: session.envelope.rcptTo.map((r) => r.address), data })
          callback()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const address = smtp.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    ;[server, browser] = await Promise.all([
      startServer({
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        TEST_CLOCK_CONTROL: 'on',
        NOTIFICATION_INTERVAL: '1h',
        SESSION_SECRET: 'e2e-notifications-secret-'.padEnd(40, 'x'),
      }),
      launchBrowser(),
    ])
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await new Promise<void>((resolve) => smtp?.close(() => resolve()))
  })

  async function signedIn(person: RegExp, returnTo: string) {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${server.url}/login?returnTo=${encodeURIComponent(returnTo)}`)
    await page.getByRole('button', { name: person }).click()
    await page.waitForURL(`${server.url}${returnTo}`)
    return page
  }

  async function moveClock(ms: number) {
    const response = await fetch(`${server.url}/__test/clock?advanceMs=${ms}`, { method: 'POST' })
    expect(response.status).toBe(200)
    return response.json()
  }

  async function openProject() {
    const response = await fetch(`${server.url}/api/starter-projects?limit=50`)
    const body = (await response.json()) as {
      items: { id: number; title: string; status: string; size: string | null }[]
    }
    return body.items.find((item) => item.status === 'open' && item.size !== 'elastic')!
  }

  async function inboxText(page: Page) {
    await page.goto(`${server.url}/notifications`)
    return (await page.getByRole('main').textContent()) ?? ''
  }

  test('a claim nearing its end: the reminder is in the inbox and arrives by email once', async () => {
    const page = await signedIn(CONTRIBUTOR, '/me/settings')
    await page.getByLabel('Address', { exact: true }).fill('cam@example.org')
    await page.getByRole('button', { name: 'Save address' }).click()
    await page.getByText('Notifications are emailed to cam@example.org.').waitFor()

    // Cam mentors a demo project, whose demo claims are in his inbox: read, so the reminder is
    // the one unread notice below.
    await page.goto(`${server.url}/notifications`)
    await page.getByRole('button', { name: 'Mark all read' }).click()
    await page.getByRole('link', { name: 'Inbox', exact: true }).waitFor()

    const project = await openProject()
    await page.goto(`${server.url}/starter/${project.id}`)
    await page.getByRole('button', { name: 'I’m working on this' }).click()
    await page.getByText(/You are working on this now/).waitFor()

    await page.goto(`${server.url}/me`)
    await page.getByText(/29 days left|30 days left/).waitFor()
    // Back on /me, renewing is not the only way on: ending the claim is one click away.
    await page.getByRole('link', { name: 'Say so on the project' }).click()
    await page.waitForURL(`${server.url}/starter/${project.id}#claims-heading`)
    await page.getByRole('button', { name: 'I finished it' }).waitFor()

    // 28 days on: the claim (30 days) lapses within 3 days.
    await moveClock(28 * DAY_MS)
    expect(await inboxText(page)).toContain(`Your claim on “${project.title}” lapses on`)
    await page.getByRole('link', { name: 'Inbox 1 unread', exact: true }).waitFor()
    await eventually(async () => expect(arrived).toHaveLength(1))
    expect(arrived[0]!.to).toEqual(['cam@example.org'])
    expect(readable(arrived[0]!.data)).toContain(project.title)

    // The job runs again (and an hour later): nobody is told twice.
    await moveClock(0)
    await moveClock(2 * 3_600_000)
    const reminders = (await inboxText(page)).split('lapses on').length - 1
    expect(reminders).toBe(1)
    expect(arrived).toHaveLength(1)

    // The email's link to the reminder goes through the inbox's /notifications/:id: opened from
    // the email, it leads to the project and the reminder is read, not told again on the board.
    const opened = /https?:\/\/\S+\/notifications\/\d+(?=\s)/.exec(readable(arrived[0]!.data))![0]
    await page.goto(opened.replace(/^https?:\/\/[^/]+/, server.url))
    await page.waitForURL(`${server.url}/starter/${project.id}`)
    await page.getByRole('link', { name: 'Inbox', exact: true }).waitFor()

    // The emailed unsubscribe link works without signing in; a forged one changes nothing.
    const link = /https?:\/\/\S+\/notifications\/unsubscribe\?token=[^\s>]+/.exec(
      readable(arrived[0]!.data),
    )![0]
    const anonymous = await (await browser.newContext()).newPage()
    const forged = new URL(link)
    forged.searchParams.set('token', `${forged.searchParams.get('token')!.slice(0, -2)}xx`)
    const refused = await anonymous.goto(forged.toString().replace(/^https?:\/\/[^/]+/, server.url))
    expect(refused?.status()).toBe(400)
    await anonymous.getByText(/not one the board made: nothing was changed/).waitFor()
    await anonymous.goto(link.replace(/^https?:\/\/[^/]+/, server.url))
    await anonymous.getByRole('button', { name: 'Stop these emails' }).click()
    await anonymous.getByText(/no more email for “My claim lapses in 3 days”/).waitFor()
  })

  test('a maintainer answers a “nothing fits me” request and the requester is told', async () => {
    const newcomer = await signedIn(CONTRIBUTOR, '/starter')
    const note = `Something with unikernels and storage, please ${Date.now()}`
    await newcomer.getByLabel('Your note (optional)').fill(note)
    await newcomer.getByRole('button', { name: 'Tell the maintainers' }).click()
    await newcomer.waitForURL(/sent/)

    const project = await openProject()
    const maintainer = await signedIn(MAINTAINER, '/starter/gaps')
    const row = maintainer.getByRole('listitem').filter({ hasText: note })
    await row.locator('input[name=projectId]').fill(String(project.id))
    await row.getByLabel('A word to them (optional)').fill('Ask me about the storage part.')
    await row.getByRole('button', { name: 'Mark answered' }).click()
    await maintainer
      .getByText(`is marked answered with “${project.title}” (project #${project.id})`, {
        exact: false,
      })
      .waitFor()

    await eventually(async () =>
      expect(await inboxText(newcomer)).toContain(
        `Your “nothing fits me” request is answered: try “${project.title}” — “Ask me about the storage part.”`,
      ),
    )
    // Following it from the inbox leads to the project and marks it read.
    const inbox = newcomer.getByRole('link', { name: /^Inbox/ })
    const unread = async () => Number(/(\d+) unread/.exec((await inbox.textContent())!)?.[1] ?? 0)
    const before = await unread()
    expect(before).toBeGreaterThan(0)
    await newcomer.getByRole('link', { name: /request is answered/ }).click()
    await newcomer.waitForURL(`${server.url}/starter/${project.id}`)
    await eventually(async () => expect(await unread()).toBe(before - 1))
    await newcomer.goto(`${server.url}/me`)
    await newcomer.getByRole('link', { name: project.title }).first().waitFor()
    await newcomer.getByText('The answer: “Ask me about the storage part.”').waitFor()

    // The maintainer who answered has nothing left to read about it (the newest notice is it).
    const told = /^Cam \(demo contributor\) says no starter project fits/
    await maintainer.goto(`${server.url}/notifications`)
    const own = maintainer
      .getByRole('listitem')
      .filter({ has: maintainer.getByRole('link', { name: told }) })
    expect(await own.first().getByRole('button', { name: 'Mark read' }).count()).toBe(0)
    // Another maintainer's notice waits for him no more: read, it says who answered and when,
    // a demo action (Dana is a demo person), and links to the answer.
    const ari = await signedIn(/Ari \(second demo maintainer\)/, '/notifications')
    const aris = ari
      .getByRole('listitem')
      .filter({ has: ari.getByRole('link', { name: told }) })
      .first()
    expect(await aris.getByRole('button', { name: 'Mark read' }).count()).toBe(0)
    expect(await aris.textContent()).toMatch(
      /Answered by Dana \(demo maintainer\) on [^:]+: see the answer a demo action$/,
    )
    expect(await aris.getByRole('link', { name: 'see the answer' }).getAttribute('href')).toBe(
      `/starter/${project.id}`,
    )
    // The notice itself leads to the request, answered, not the page's top.
    await ari.getByRole('link', { name: told }).first().click()
    await ari.waitForURL(/\/starter\/gaps#request-\d+$/)
    const target = ari.locator(new URL(ari.url()).hash)
    expect(await target.textContent()).toContain(note)
    expect(await target.textContent()).toContain('Answered')
  })
  test('Follow on an idea’s or a project’s page keeps you on that page', async () => {
    const ideas = (await (await fetch(`${server.url}/api/ideas?limit=1`)).json()) as {
      items: { id: number }[]
    }
    const ideaPath = `/roadmap/ideas/${ideas.items[0]!.id}`
    const projectPath = `/starter/${(await openProject()).id}`
    const page = await signedIn(CONTRIBUTOR, ideaPath)
    for (const path of [ideaPath, projectPath]) {
      await page.goto(`${server.url}${path}`)
      await page.getByRole('button', { name: 'Follow', exact: true }).click()
      await page.getByRole('button', { name: 'Unfollow', exact: true }).waitFor()
      expect(page.url()).toBe(`${server.url}${path}`)
    }
  })

  test('following an area of the roadmap: another person’s new idea there is in the follower’s inbox', async () => {
    const cam = await signedIn(CONTRIBUTOR, '/roadmap/ideas')
    await cam.getByRole('button', { name: 'Follow this area: Security', exact: true }).click()
    await cam.getByRole('button', { name: 'Unfollow this area: Security', exact: true }).waitFor()
    expect(cam.url()).toBe(`${server.url}/roadmap/ideas`)
    await cam.goto(`${server.url}/me`)
    await cam.getByText(/Roadmap area: Security \(/).waitFor()

    const title = `Quokka mascot contest ${Date.now()}`
    const noor = await signedIn(/Noor \(demo newcomer\)/, '/roadmap/ideas')
    await noor.getByLabel('Title').fill(title)
    await noor.getByLabel('Area of focus').selectOption({ label: 'Security' })
    await noor.getByRole('button', { name: 'Propose', exact: true }).click()
    await noor.waitForURL(/\/roadmap\/ideas\/\d+\?proposed$/)

    // Told in Cam's inbox, named with its area, and said to be a demo action (Noor is a demo
    // person); Noor, who proposed it, is not told of her own idea.
    await cam.goto(`${server.url}/notifications`)
    const notice = cam
      .getByRole('listitem')
      .filter({ has: cam.getByRole('link', { name: `New idea in Security: “${title}”` }) })
    await notice.waitFor()
    expect(await notice.textContent()).toContain('a demo action')
    expect(await inboxText(noor)).not.toContain(title)
  })
})
