import { createHmac } from 'node:crypto'

import { expect, onTestFinished, test } from 'vitest'

import { setupTestDatabase } from '../../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../../test/factories'
import { createFakeGitHub, type FakeGitHub } from '../../../test/fake-github/server'
import { mirror } from '../../../test/mirror'
import { loaderArgs } from '../../../test/route-requests'
import { createMaintainer, createProject } from '../../../test/starter-factories'
import { fakeClient } from '../../../test/sync-helpers'
import { makeIdea, makeTarget } from '../../roadmap/test-fixtures'
import { loader as starterLoader } from '../../routes/starter.$id'
import { action as webhookAction } from '../../routes/webhooks.github'
import { parseSyncTargets, sweep } from '../../sync/sweep.server'
import { processPendingDeliveries } from '../../sync/webhooks.server'
import { enqueueLabelChanges } from '../outbox/outbox.server'
import { runLabelWorker } from '../outbox/worker.server'
import { defaultScheme, resolveScheme } from '../scheme/scheme'

import { adoptGitHubLabels, listLabelLearnings } from './learning.server'

const SECRET = 'learning-from-github'
process.env.GITHUB_WEBHOOK_SECRET = SECRET

const getDb = setupTestDatabase()

const REPO = 'acme/app'
const LABELS = ['bug', 'starter', 'lang/1★', 'domain-level/1★', 'size/week', 'domain/networking']

/** A repository on the fake GitHub, mirrored, with issue #1 a starter project rated 1★/1★. */
async function starterOnGitHub(labels = LABELS) {
  const github = await createFakeGitHub()
  onTestFinished(() => github.close())
  github.addRepository(REPO)
  github.addIssue(REPO, { title: 'Write a parser', labels })
  const client = fakeClient(github)
  const sync = () => sweep(client, parseSyncTargets([REPO]).targets)
  await sync()
  const maintainer = await createMaintainer(getDb(), 'maia')
  const projectId = await createProject(
    getDb(),
    { issue: `${REPO}#1`, languageStars: 1, domainStars: 1, size: 'week' },
    maintainer,
  )
  return { github, client, sync, projectId, maintainer }
}

/** Changes issue #1's labels on the fake, stamped a minute after the board's last change. */
function changeOnGitHubLater(github: FakeGitHub, labels: string[]) {
  github.clock.set(Date.now() + 60_000)
  github.updateIssue(REPO, 1, { labels })
}

function project(id: number) {
  return getDb()
    .selectFrom('starter_project')
    .select(['language_stars', 'domain_stars', 'size', 'primary_domain'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

function ratingAudits(projectId: number) {
  return getDb()
    .selectFrom('rating_audit')
    .select(['actor_login', 'actor_id', 'axis', 'from_stars', 'to_stars'])
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute()
}

function learnings() {
  return getDb()
    .selectFrom('label_learning')
    .select([
      'label',
      'action',
      'value',
      'from_value',
      'to_value',
      'github_login',
      'actor_login',
      'source',
      'outcome',
      'reason',
    ])
    .orderBy('id')
    .execute()
}

const replaced = (from: string, to: string) => LABELS.map((label) => (label === from ? to : label))

test('a language label changed on GitHub after the board rated becomes the rating, audited as GitHub', async () => {
  const { github, sync, projectId } = await starterOnGitHub()
  changeOnGitHubLater(github, replaced('lang/1★', 'lang/2★'))
  await sync()

  expect(await project(projectId)).toMatchObject({ language_stars: 2, domain_stars: 1 })
  expect((await ratingAudits(projectId)).at(-1)).toEqual({
    actor_login: 'github',
    actor_id: null,
    axis: 'language',
    from_stars: 1,
    to_stars: 2,
  })
  expect(await learnings()).toEqual([
    {
      label: 'lang/2★',
      action: 'add',
      value: 'language:2',
      from_value: '1',
      to_value: '2',
      github_login: null,
      actor_login: 'github',
      source: 'sync',
      outcome: 'learned',
      reason: null,
    },
  ])
})

test('a second sync of the same change learns nothing more', async () => {
  const { github, sync, projectId } = await starterOnGitHub()
  changeOnGitHubLater(github, replaced('lang/1★', 'lang/2★'))
  await sync()
  await sync()
  expect(await learnings()).toHaveLength(1)
  expect(await ratingAudits(projectId)).toHaveLength(3)
})

test('size, domain difficulty and primary domain follow GitHub too', async () => {
  const { github, sync, projectId } = await starterOnGitHub()
  changeOnGitHubLater(github, [
    'starter',
    'lang/1★',
    'domain-level/3★',
    'size/month',
    'domain/security',
  ])
  await sync()
  expect(await project(projectId)).toEqual({
    language_stars: 1,
    domain_stars: 3,
    size: 'month',
    primary_domain: 'security',
  })
  expect((await learnings()).map((row) => [row.value, row.outcome])).toEqual(
    expect.arrayContaining([
      ['domain-level:3', 'learned'],
      ['size:month', 'learned'],
      ['domain:security', 'learned'],
    ]),
  )
})

test("a change on GitHub older than the board's own rating is not learned, and says why", async () => {
  const { github, sync, projectId } = await starterOnGitHub()
  // The fake's clock still stands in 2024, long before the board rated the project.
  github.clock.advance(60_000)
  github.updateIssue(REPO, 1, { labels: replaced('lang/1★', 'lang/2★') })
  await sync()

  expect(await project(projectId)).toMatchObject({ language_stars: 1 })
  expect(await ratingAudits(projectId)).toHaveLength(2)
  const [row] = await learnings()
  expect(row).toMatchObject({ label: 'lang/2★', outcome: 'ignored' })
  expect(row!.reason).toMatch(/board's own change .* is newer/)
})

test('an unmanaged label, or a hand-made lang/4★, changes nothing on the board', async () => {
  const { github, sync, projectId } = await starterOnGitHub()
  changeOnGitHubLater(github, [...LABELS.filter((label) => label !== 'bug'), 'lang/4★', 'easy'])
  await sync()
  expect(await project(projectId)).toEqual({
    language_stars: 1,
    domain_stars: 1,
    size: 'week',
    primary_domain: 'networking',
  })
  expect(await learnings()).toEqual([])
  expect(await ratingAudits(projectId)).toHaveLength(2)
})

test('a priority or mentor label set on GitHub is noted as ignored with the reason', async () => {
  const { github, sync, projectId } = await starterOnGitHub()
  changeOnGitHubLater(github, [...LABELS, 'priority/agreed', 'mentor available'])
  await sync()
  const rows = await learnings()
  expect(rows.map((row) => [row.label, row.outcome]).sort()).toEqual([
    ['mentor available', 'ignored'],
    ['priority/agreed', 'ignored'],
  ])
  expect(rows.find((row) => row.label === 'priority/agreed')!.reason).toMatch(
    /recorded roadmap rounds/,
  )
  expect(await project(projectId)).toMatchObject({ language_stars: 1 })
})

test("the board's own label write coming back through sync is not learned", async () => {
  const { github, client, sync, projectId, maintainer } = await starterOnGitHub()
  const repositoryId = (
    await getDb().selectFrom('repository').select('id').executeTakeFirstOrThrow()
  ).id
  // The board wrote lang/2★ and then a maintainer re-rated to 3★ before the next sync.
  const baseLabels = LABELS.filter((label) => label !== 'bug')
  await enqueueLabelChanges(
    [
      { repositoryId, issueNumber: 1, label: 'lang/1★', action: 'remove', baseLabels },
      { repositoryId, issueNumber: 1, label: 'lang/2★', action: 'add', baseLabels },
    ],
    maintainer,
    getDb(),
  )
  const issue = await getDb().selectFrom('issue').select('id').executeTakeFirstOrThrow()
  const linksBefore = await getDb()
    .selectFrom('issue_label')
    .select(['issue_id', 'label_id'])
    .where('issue_id', '=', issue.id)
    .execute()
  github.clock.set(Date.now() + 60_000)
  const scheme = resolveScheme(defaultScheme(), {}, { domains: ['networking'], areas: [] })
  const summary = await runLabelWorker({
    db: getDb(),
    client,
    workerId: 'test',
    schemeFor: () => scheme,
    minIntervalMs: 0,
  })
  expect(summary.done).toBe(2)
  expect(github.issue(REPO, 1)!.labels).toContain('lang/2★')
  // The worker updates the mirror's labels itself, but a sync page read just before the write
  // and stored after it puts the old labels back: the next sync then sees the board's own write.
  await getDb().deleteFrom('issue_label').where('issue_id', '=', issue.id).execute()
  await getDb().insertInto('issue_label').values(linksBefore).execute()
  await getDb()
    .updateTable('starter_project')
    .set({ language_stars: 3 })
    .where('id', '=', projectId)
    .execute()

  await sync()
  expect(await project(projectId)).toMatchObject({ language_stars: 3 })
  expect(await learnings()).toEqual([])
})

test('a signed issues.labeled webhook teaches the board, naming who changed it', async () => {
  const repository = repositoryPayload('acme/web')
  const labels = Object.fromEntries(
    [...LABELS, 'lang/2★'].map((name) => [name, labelPayload(name)]),
  )
  const issue = issuePayload('acme/web', 1, { labels: LABELS.map((name) => labels[name]!) })
  await mirror(getDb(), repository, [issue])
  const maintainer = await createMaintainer(getDb(), 'maia')
  const projectId = await createProject(
    getDb(),
    { issue: 'acme/web#1', languageStars: 1 },
    maintainer,
  )

  const payload = {
    action: 'labeled',
    issue: {
      ...issue,
      updated_at: new Date(Date.now() + 60_000).toISOString(),
      labels: replaced('lang/1★', 'lang/2★').map((name) => labels[name]!),
    },
    label: labels['lang/2★'],
    repository: { id: repository.id, full_name: repository.full_name },
    sender: { login: 'octo' },
  }
  const body = JSON.stringify(payload)
  const response = await webhookAction({
    request: new Request('http://localhost/webhooks/github', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'issues',
        'X-GitHub-Delivery': crypto.randomUUID(),
        'X-GitHub-Hook-ID': '1',
        'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      },
      body,
    }),
    params: {},
    context: {},
  })
  expect(response.status).toBe(202)
  await processPendingDeliveries(getDb())

  expect(await project(projectId)).toMatchObject({ language_stars: 2 })
  expect((await ratingAudits(projectId)).at(-1)).toMatchObject({
    actor_login: 'github:octo',
    to_stars: 2,
  })
  expect(await learnings()).toMatchObject([
    { label: 'lang/2★', github_login: 'octo', source: 'webhook', outcome: 'learned' },
  ])

  const page = await starterLoader(
    await loaderArgs(`/starter/${projectId}`, { params: { id: `${projectId}` } }),
  )
  const data = (await page.json()) as { project: { learnedFromGitHub: { text: string }[] } }
  expect(data.project.learnedFromGitHub.map((entry) => entry.text)).toEqual([
    expect.stringMatching(
      /^lang\/2★ was added on GitHub by @octo on \d{4}-\d\d-\d\d; the board took it\.$/,
    ),
  ])
})

test('an idea moves when its roadmap label is replaced on GitHub by another area', async () => {
  const github = await createFakeGitHub()
  onTestFinished(() => github.close())
  github.addRepository(REPO)
  github.addIssue(REPO, { title: 'Fuzz the parser', labels: ['roadmap/quality-and-testing'] })
  const sync = () => sweep(fakeClient(github), parseSyncTargets([REPO]).targets)
  await sync()
  const target = await makeTarget(getDb())
  const ideaId = await makeIdea(getDb(), target, 'Fuzzing', { links: [`${REPO}#1`] })

  changeOnGitHubLater(github, ['roadmap/docs-and-onboarding'])
  await sync()
  const idea = await getDb()
    .selectFrom('idea')
    .select('area_id')
    .where('id', '=', ideaId)
    .executeTakeFirstOrThrow()
  expect(idea.area_id).toBe(target.areas.docs)
  const events = await getDb()
    .selectFrom('idea_event')
    .select(['kind', 'detail', 'actor_id'])
    .where('idea_id', '=', ideaId)
    .execute()
  expect(events).toEqual([
    {
      kind: 'moved',
      actor_id: null,
      detail: expect.stringContaining('roadmap/docs-and-onboarding was added on GitHub'),
    },
  ])
})

test("keeping GitHub's labels adopts them with the maintainer as the actor, however old", async () => {
  const { projectId, maintainer } = await starterOnGitHub()
  const issue = await getDb().selectFrom('issue').select('id').executeTakeFirstOrThrow()
  const result = await adoptGitHubLabels(
    issue.id,
    ['starter', 'lang/3★', 'domain-level/1★', 'size/week', 'domain/networking', 'bug'],
    maintainer,
  )
  expect(result).toEqual({ learned: 1, ignored: 0 })
  expect((await ratingAudits(projectId)).at(-1)).toMatchObject({
    actor_login: 'maia',
    actor_id: maintainer.id,
    to_stars: 3,
  })
  expect(await learnings()).toMatchObject([{ source: 'adopted', actor_login: 'maia' }])
})

test('the label log lists learnings newest first, a page at a time', async () => {
  const { github, sync } = await starterOnGitHub()
  changeOnGitHubLater(github, [...LABELS, 'priority/agreed', 'mentor available'])
  await sync()
  const first = await listLabelLearnings({ limit: 1 })
  // The cursor is the last entry's id alone: the database reads its learned_at to compare.
  expect(first.nextCursor).toEqual({ id: first.items[0]!.id })
  const second = await listLabelLearnings({ limit: 1, before: { id: first.items[0]!.id } })
  expect(second.nextCursor).toBeNull()
  const [newer, older] = [...first.items, ...second.items]
  expect([newer!.label, older!.label].sort()).toEqual(['mentor available', 'priority/agreed'])
  expect(newer!.repo).toBe(REPO)
  expect(newer!.id).toBeGreaterThan(older!.id)
  expect((await listLabelLearnings({ repositoryId: 1, limit: 5 })).items).toEqual([])
})
