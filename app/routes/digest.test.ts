import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createProject } from '../../test/starter-factories'
import { loadDemoData } from '../demo/demo.server'
import { makeIdea, makeTarget } from '../roadmap/test-fixtures'

import { action, loader } from './digest'

const getDb = setupTestDatabase()

test('the agenda lists an idea proposed in the period under its area, linked to its page (a date period: no wall clock)', async () => {
  const target = await makeTarget(getDb())
  const id = await makeIdea(getDb(), target, 'Explain Pioneer Projects')
  const response = await callLoader(loader, '/digest?since=2000-01-01')
  expect(response.status).toBe(200)
  const body = (await response.json()) as { markdown: string; agendaHtml: string }
  // Absolute, at the board's address (here the request's origin: no PUBLIC_URL is set).
  expect(body.markdown).toContain(
    `### Quality and testing\n- [Explain Pioneer Projects](http://localhost/roadmap/ideas/${id}) (idea ${id}`,
  )
  expect(body.agendaHtml).toMatch(
    new RegExp(`<a href="http://localhost/roadmap/ideas/${id}"[^>]*>Explain Pioneer Projects</a>`),
  )
})

test('the page is titled with the period it covers, as the markdown is: "in this period" says when', async () => {
  const body = (await (await callLoader(loader, '/digest?since=2000-01-01')).json()) as {
    title: string
    markdown: string
  }
  expect(body.title).toMatch(/^Call agenda: 2000-01-01 to \d{4}-\d{2}-\d{2}$/)
  expect(body.markdown.startsWith(`# ${body.title}\n`)).toBe(true)
})

test('the agenda rendered on the page is the markdown, made safe: a hostile title is only text', async () => {
  const target = await makeTarget(getDb())
  await makeIdea(getDb(), target, '<img src=x onerror=alert(1)> [x](javascript:alert(2))')
  const body = (await (await callLoader(loader, '/digest?since=2000-01-01')).json()) as {
    agendaHtml: string
  }
  // Its sections are the page's own h2s (the page's h1 is the title the markdown opens with).
  expect(body.agendaHtml).toMatch(/^<h2>Added by hand<\/h2>/)
  expect(body.agendaHtml).toContain('<h3>Quality and testing</h3>')
  // Only the board's own links: to the idea's page, and (no starter project rated yet, as the
  // supply page says) to triage, where the first ratings are made; the title's markup is its text.
  expect(body.agendaHtml).not.toMatch(/<img|href="javascript/i)
  expect([...body.agendaHtml.matchAll(/href="([^"]*)"/g)].map(([, href]) => href)).toEqual([
    expect.stringMatching(/^http:\/\/localhost\/roadmap\/ideas\/\d+$/),
    'http://localhost/starter/triage',
  ])
  expect(body.agendaHtml).toContain(
    '>&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(2))</a> (idea ',
  )
})

// 0000-01-01 once reached PostgreSQL, which has no year 0, and answered 500.
test.each(['2 weeks', '0d', 'soon', '2999-01-01', '0000-01-01'])(
  'since=%j is refused with 400 and the reason, beside what was typed, over the last fortnight’s agenda',
  async (since) => {
    const response = await callLoader(loader, `/digest?since=${encodeURIComponent(since)}`)
    expect(response.status).toBe(400)
    const body = (await response.json()) as {
      sinceTyped: string
      sinceError: string
      markdown: string
    }
    expect(body.sinceError).toMatch(/not a period|future|not a calendar date/)
    // Kept to correct, not an error page to retype it from.
    expect(body.sinceTyped).toBe(since)
    expect(body.markdown).toMatch(/^# Call agenda: /)
  },
)

type Page = { markdown: string; items: { id: number; text: string }[]; canEdit: boolean }
const add = (text: string, accountId?: number) =>
  callAction(
    action,
    '/digest?since=2000-01-01',
    { intent: 'add', since: '2000-01-01', text },
    {
      accountId,
    },
  )

test('a maintainer adds an item for the period; it heads the agenda and can be taken off', async () => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const added = await add('Thank the Outreachy interns', mia.id)
  expect(added.status).toBe(200)

  const page = (await (
    await callLoader(loader, '/digest?since=2000-01-01', { accountId: mia.id })
  ).json()) as Page
  expect(page.canEdit).toBe(true)
  expect(page.markdown).toContain(
    '## Added by hand\n\n- Thank the Outreachy interns (mia (demo person), a demo action)',
  )

  const removed = await callAction(
    action,
    '/digest?since=2000-01-01',
    { intent: 'delete', since: '2000-01-01', itemId: String(page.items[0]?.id) },
    { accountId: mia.id },
  )
  expect(removed.status).toBe(200)
  const after = (await (await callLoader(loader, '/digest?since=2000-01-01')).json()) as Page
  expect(after.items).toEqual([])
  expect(after.canEdit).toBe(false)
})

test.each([
  ['', /empty/],
  ['x'.repeat(501), /at most 500 characters/],
])('an item %# is refused with 400 and the reason, the text kept', async (text, reason) => {
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const response = await add(text, mia.id)
  expect(response.status).toBe(400)
  const body = (await response.json()) as { message: string; text: string }
  expect(body.message).toMatch(reason)
  expect(body.text).toBe(text)
  expect(await getDb().selectFrom('digest_item').select('id').execute()).toEqual([])
})

test('only maintainers add items', async () => {
  const cam = await createAccount(getDb(), 'cam')
  expect((await add('Anything', cam.id)).status).toBe(403)
  expect((await add('Anything')).status).toBe(401)
  expect(await getDb().selectFrom('digest_item').select('id').execute()).toEqual([])
})

test('a quiet fortnight points at the roadmap’s latest decision and the agenda that holds it', async () => {
  // The demo's decisions were taken on MirageOS calls in 2015-2016: none in the last two weeks.
  // Untriaged: the triaged demo opens its own round at load, so its fortnight is not quiet.
  await loadDemoData(getDb(), undefined, { triaged: false })
  const quiet = (await (await callLoader(loader, '/digest?since=2w')).json()) as {
    latestDecision: {
      roundId: number
      roundName: string
      target: string
      decidedAt: string
      since: string
    } | null
  }
  expect(quiet.latestDecision).toMatchObject({
    roundName: expect.stringMatching(/^Call of /),
    target: 'MirageOS 3.0',
  })
  const { decidedAt, since } = quiet.latestDecision!
  expect(Date.parse(decidedAt)).toBeLessThan(Date.parse('2017-01-01'))
  // That agenda holds it, and so points nowhere.
  const then = (await (await callLoader(loader, `/digest?since=${since}`)).json()) as {
    markdown: string
    latestDecision: unknown
  }
  expect(then.markdown).toContain(
    `- [${quiet.latestDecision!.roundName}](http://localhost/roadmap/rounds/${quiet.latestDecision!.roundId}) (MirageOS 3.0), ${decidedAt.slice(0, 10)}`,
  )
  // That call agreed nothing but deferred an idea: the agenda says what it did decide.
  expect(then.markdown).toMatch(
    /, 2016-02-03 \(decided on the call, no recorded ballots\): nothing agreed · deferred: \[Should the configuration be adjusted now/,
  )
  expect(then.latestDecision).toBeNull()
})

test('on the demo, the agenda’s stale work says it is measured as of the data’s last activity', async () => {
  await loadDemoData(getDb())
  const body = (await (await callLoader(loader, '/digest?since=2w')).json()) as { markdown: string }
  expect(body.markdown).toContain(
    "## Stale work (most first)\n\nOpen items untouched for 6 months or more as of 2024-05-26, the data's last activity",
  )
})

test('on the demo, the agenda says its two clocks once, up front, and links stale work to the stale page', async () => {
  await loadDemoData(getDb())
  const body = (await (await callLoader(loader, '/digest?since=2w')).json()) as { markdown: string }
  expect(body.markdown).toMatch(
    /^# Call agenda: [\d-]+ to ([\d-]+)\n\nTwo clocks: stale work is measured as of 2024-05-26, the data's last activity \(this board does not sync from GitHub\); every other section, claims and requests included, on the real date, \1\.\n\n## Added by hand/,
  )
  expect(body.markdown.match(/does not sync/g)).toHaveLength(1)
  // Each repository's own stale items on the agenda's measure, not all its open issues.
  expect(body.markdown).toContain(
    '- [mirage/ocaml-git](http://localhost/issues/stale?repo=mirage%2Focaml-git&months=6): 1 stale',
  )
})

test('on the demo, the agenda’s label changes say they are on the demo’s copies, where nothing is sent', async () => {
  await loadDemoData(getDb())
  const body = (await (await callLoader(loader, '/digest?since=2w')).json()) as { markdown: string }
  expect(body.markdown).toMatch(
    /## Labels\n\n- \[\d+ label changes? on \d+ issues? to review and apply\]\(http:\/\/localhost\/labels\) \(maintainers only\); demo: the demo’s repositories are copies, nothing is sent\n/,
  )
})

test('the agenda counts the label changes waiting to be applied and the open conflicts, naming nothing', async () => {
  const db = getDb()
  const repositoryId = await mirror(db, repositoryPayload('mirage/a'), [
    issuePayload('mirage/a', 1, { labels: [] }),
    issuePayload('mirage/a', 2, { labels: [] }),
  ]).then(async () => (await db.selectFrom('repository').select('id').executeTakeFirstOrThrow()).id)
  // Tagged and rated: the plan puts its starter, domain, level and size labels on the issue.
  await createProject(db, { issue: 'mirage/a#1', primaryDomain: 'networking', size: 'week' })
  // Someone changed issue 2's labels on GitHub under a queued change: a conflict to decide.
  await db
    .insertInto('label_change')
    .values({
      repository_id: repositoryId,
      issue_number: 2,
      issue_id: null,
      label: 'level/1',
      action: 'add',
      new_label: null,
      requested_by: null,
      requested_by_login: 'mia',
      status: 'conflict',
      last_error: null,
      github_status: null,
      github_response: null,
      claimed_by: null,
      claimed_until: null,
      finished_at: null,
      resolution: null,
      resolved_by_login: null,
      resolved_at: null,
      cancelled_by_login: null,
      cancelled_at: null,
    })
    .execute()

  const body = (await (await callLoader(loader, '/digest?since=2w')).json()) as { markdown: string }
  expect(body.markdown).toContain(
    [
      '## Labels',
      '',
      '- [5 label changes on 1 issue to review and apply](http://localhost/labels) (maintainers only)',
      '- [1 open label conflict](http://localhost/labels/log?conflicts=open) waits for a decision (maintainers only)',
    ].join('\n'),
  )
  expect(body.markdown.slice(body.markdown.indexOf('## Labels'))).not.toContain('mirage/a')
})
