import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { loadDemoData } from '../app/demo/demo.server'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'
import { resetDatabase } from '../test/database'
import { runScript } from '../test/e2e/harness'
import { issuePayload, repositoryPayload } from '../test/factories'
import { createFakeGitHub, type FakeGitHub } from '../test/fake-github/server'
import { mirror } from '../test/mirror'
import { runCommand } from '../test/run-command'
import { createProject } from '../test/starter-factories'

import { runDigest } from './digest'

// The CLI as a user runs it, on a real database: runDigest with the arguments and settings a
// process would get, and once as a real process (`[]` below) for the wiring of exit code and output.

// The worker's database (test/setup-database.ts), emptied: the agenda test reads it empty, the
// --post tests below mirror a repository into it, then load the demo.
beforeAll(async () => {
  await migrateToLatest(getDb())
  await resetDatabase(getDb())
})

afterAll(async () => {
  await closeDb()
})

const settings = { DATABASE_URL: '', GITHUB_TOKEN: '' }

function digest(args: string[]) {
  return runCommand(runDigest, args, settings, getDb())
}

/** `node --import tsx scripts/digest.ts`, as `npm run digest` starts it (it opens no database). */
function digestProcess(args: string[]) {
  return runScript('scripts/digest.ts', args, settings)
}

test.each([
  [[], /Give a period/],
  [['--since', '2 weeks'], /not a period/],
  [['--since', '0d'], /not a period/],
  [['--since', '2999-01-01'], /future/],
  [['--since', '2w', '--format', 'html'], /Unknown format/],
  [['--since', '2w', '--post', 'mirage/mirage'], /--post needs GITHUB_TOKEN/],
  [['--since', '2w', '--post', 'nope'], /--post takes a repository as owner\/name, not "nope"/],
  [['--since', '2999-01-01', '--post', 'mirage/mirage'], /future/],
  [['--since', 'fortnight', '--post', 'mirage/mirage'], /not a period/],
])('%j exits 2 with one line', async (args, reason) => {
  const { code, stdout, stderr } = await (args.length === 0 ? digestProcess : digest)(args)
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr.trim().split('\n')).toHaveLength(1)
  expect(stderr).toMatch(reason)
})

test('prints the agenda as markdown and as JSON', async () => {
  const markdown = await digest(['--since', '2w'])
  expect(markdown.code).toBe(0)
  expect(markdown.stdout).toMatch(/^# Call agenda: \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/)
  expect(markdown.stdout).toContain('## Stale work (most first)')

  const json = await digest(['--since', '14d', '--format', 'json'])
  expect(json.code).toBe(0)
  expect(JSON.parse(json.stdout)).toMatchObject({ period: { label: '14d' }, ideasByArea: [] })
})

test('links what the agenda names to the board at PUBLIC_URL, else at the address it serves on', async () => {
  const project = await createProject(getDb(), { title: 'Linked project' })
  const linked = await runCommand(
    runDigest,
    ['--since', '2w'],
    { ...settings, PUBLIC_URL: 'https://board.example.org/' },
    getDb(),
  )
  expect(linked.code, linked.stderr).toBe(0)
  expect(linked.stdout).toContain(
    `- [Linked project](https://board.example.org/starter/${project})`,
  )
  const local = await runCommand(
    runDigest,
    ['--since', '2w'],
    { ...settings, HOST: 'localhost', PORT: '3571' },
    getDb(),
  )
  expect(local.stdout).toContain(`- [Linked project](http://localhost:3571/starter/${project})`)
})

test('gives each item of the JSON agenda the absolute url the markdown links it to', async () => {
  const project = await createProject(getDb(), { title: 'Project in JSON' })
  const json = await runCommand(
    runDigest,
    ['--since', '2w', '--format', 'json'],
    { ...settings, PUBLIC_URL: 'https://board.example.org/' },
    getDb(),
  )
  expect(json.code, json.stderr).toBe(0)
  const digest = JSON.parse(json.stdout) as {
    starterSupply: { newProjects: { id: number; url: string }[] }
  }
  expect(digest.starterSupply.newProjects).toContainEqual(
    expect.objectContaining({ id: project, url: `https://board.example.org/starter/${project}` }),
  )
  const local = await runCommand(
    runDigest,
    ['--since', '2w', '--format', 'json'],
    { ...settings, HOST: 'localhost', PORT: '3571' },
    getDb(),
  )
  expect(local.stdout).toContain(`"url": "http://localhost:3571/starter/${project}"`)
})

test('counts the label changes waiting to be applied, alike in the markdown and the JSON', async () => {
  await mirror(getDb(), repositoryPayload('pioneer/labels'), [
    issuePayload('pioneer/labels', 1, { labels: [] }),
  ])
  // Tagged and rated: the plan puts its starter, domain, level and size labels on the issue.
  await createProject(getDb(), { issue: 'pioneer/labels#1', primaryDomain: 'networking' })
  const env = { ...settings, PUBLIC_URL: 'https://board.example.org' }
  const markdown = await runCommand(runDigest, ['--since', '2w'], env, getDb())
  expect(markdown.code, markdown.stderr).toBe(0)
  const line = markdown.stdout.match(
    /## Labels\n\n- \[(\d+) label changes? on 1 issue to review and apply\]\(https:\/\/board\.example\.org\/labels\) \(maintainers only\)\n/,
  )
  expect(line).not.toBeNull()

  const json = await runCommand(runDigest, ['--since', '2w', '--format', 'json'], env, getDb())
  expect(JSON.parse(json.stdout).labels).toEqual({
    toApply: {
      changes: Number(line![1]),
      issues: 1,
      onCopies: 0,
      url: 'https://board.example.org/labels',
    },
    openConflicts: {
      changes: 0,
      issues: 0,
      url: 'https://board.example.org/labels/log?conflicts=open',
    },
  })
})

describe('--post against the fake GitHub', () => {
  let github: FakeGitHub
  // One instant for GitHub's clock and every run's "now": each run names the same period, and
  // the marker search finds the issue (it looks at issues updated since the period's last day).
  const now = new Date('2026-11-30T12:00:00Z')
  const clock = { now: () => now.getTime(), sleep: async () => {} }

  beforeAll(async () => {
    // A board mirroring mirage/mirage from GitHub, as a sweep would store it.
    await mirror(getDb(), repositoryPayload('mirage/mirage'))
    github = await createFakeGitHub({
      tokens: ['writer'],
      readOnlyTokens: ['reader'],
      now,
    })
    github.addRepository('mirage/mirage')
    github.addRepository('mirage/not-mirrored')
  }, 120_000)

  afterAll(async () => {
    await github?.close()
  })

  const post = (repo: string, token: string) =>
    runCommand(
      runDigest,
      ['--since', '2w', '--post', repo],
      { DATABASE_URL: '', GITHUB_TOKEN: token, GITHUB_API_URL: github.url },
      getDb(),
      { clock },
    )
  const writes = () => github.requestLog.filter((entry) => entry.method !== 'GET')

  test('the first run opens one issue, the second edits it, even once the board forgot it', async () => {
    const first = await post('mirage/mirage', 'writer')
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/^Opened mirage\/mirage#1 for 2026-11-16\.\.2026-11-30: /)
    const [issue] = github.issues('mirage/mirage')
    expect(github.issues('mirage/mirage')).toHaveLength(1)
    expect(issue?.title).toBe('Call agenda: 2026-11-16 to 2026-11-30')
    expect(issue?.body).toContain('## Stale work (most first)')
    expect(issue?.body).toContain('## Starter projects')
    expect(issue?.body).toMatch(/<!-- pioneer-board digest \S+ -->\n$/)

    const second = await post('mirage/mirage', 'writer')
    expect(second.code, second.stderr).toBe(0)
    expect(second.stdout).toMatch(/^Updated mirage\/mirage#1 /)
    expect(github.issues('mirage/mirage')).toHaveLength(1)

    // The row is gone (a restored database): the marker in the body finds the issue again.
    await getDb().deleteFrom('digest_post').execute()
    const third = await post('mirage/mirage', 'writer')
    expect(third.code, third.stderr).toBe(0)
    expect(third.stdout).toMatch(/^Updated mirage\/mirage#1 /)
    expect(github.issues('mirage/mirage')).toHaveLength(1)
    expect(writes().map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'POST /repos/mirage/mirage/issues',
      'PATCH /repos/mirage/mirage/issues/1',
      'PATCH /repos/mirage/mirage/issues/1',
    ])
  }, 120_000)

  test.each([
    ['a repository the board does not mirror', 'mirage/not-mirrored', 'writer', /not mirrored/],
    [
      'a token that cannot write issues',
      'mirage/mirage',
      'reader',
      /cannot write issues in mirage\/mirage \(GitHub answered 403/,
    ],
    ['a token GitHub does not know', 'mirage/mirage', 'stolen', /cannot write issues.*401/],
  ])(
    '%s: exit 2 with one line, nothing posted',
    async (_, repo, token, reason) => {
      const before = writes().filter((entry) => entry.status !== null && entry.status < 300).length
      const issues = github.issues('mirage/mirage').length
      const { code, stdout, stderr } = await post(repo, token)
      expect(code).toBe(2)
      expect(stdout).toBe('')
      expect(stderr.trim().split('\n')).toHaveLength(1)
      expect(stderr).toMatch(reason)
      expect(writes().filter((entry) => entry.status !== null && entry.status < 300)).toHaveLength(
        before,
      )
      expect(github.issues('mirage/mirage')).toHaveLength(issues)
      expect(github.issues('mirage/not-mirrored')).toHaveLength(0)
    },
    60_000,
  )

  test("an answer not of GitHub's shape is a setting to check, not GitHub failing to answer", async () => {
    // The first test left the period's issue remembered: this run edits it, and the edit is
    // answered by something that is not GitHub's API.
    github.faults.add({
      method: 'PATCH',
      path: '/repos/mirage/mirage/issues/*',
      fault: { kind: 'reshape', change: (body) => ({ ...(body as object), number: undefined }) },
    })
    const { code, stdout, stderr } = await post('mirage/mirage', 'writer')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim()).toBe(
      `The agenda was not posted to mirage/mirage: ${github.url} answered /repos/mirage/mirage/issues/1 with JSON not shaped as GitHub's (issue: number is missing): set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise).`,
    )
  }, 60_000)

  test('on the demo, the agenda is never posted to the real repository its copy is named after', async () => {
    // What `npm run db:seed` does: the demo's mirage/mirage is a copy, with a made-up id.
    await resetDatabase(getDb())
    await loadDemoData(getDb(), undefined, { triaged: true })
    const sent = writes().length
    const { code, stdout, stderr } = await post('mirage/mirage', 'writer')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim()).toBe(
      "mirage/mirage here is the MirageOS demo's copy, not a mirror: the demo's agenda is never posted to GitHub.",
    )
    expect(writes()).toHaveLength(sent)
    expect(await getDb().selectFrom('digest_post').select('period').execute()).toEqual([])
  }, 120_000)
})
