import { sql } from 'kysely'
import { createElement } from 'react'
import { describe, expect, onTestFinished, test } from 'vitest'

import type { Database } from '../../../db/client.server'
import { runLabels } from '../../../scripts/labels'
import { setupTestDatabase } from '../../../test/database'
import { runScript } from '../../../test/e2e/harness'
import { issuePayload, labelPayload, repositoryPayload } from '../../../test/factories'
import { createFakeGitHub } from '../../../test/fake-github/server'
import { mirror } from '../../../test/mirror'
import { renderInRouter } from '../../../test/render'
import { runCommand } from '../../../test/run-command'
import { createAccount, createProject } from '../../../test/starter-factories'
import { virtualClock } from '../../../test/virtual-clock'
import { recordCallDecision } from '../../roadmap/decision.server'
import { linkEffortIssues } from '../../roadmap/effort.server'
import { createIdea } from '../../roadmap/idea.server'
import { createArea, createReleaseTarget } from '../../roadmap/roadmap.server'
import { rateStarterProject } from '../../starter/project.server'
import { enqueueLabelRename } from '../outbox/outbox.server'
import { RepositoryPlan } from '../ui/repository-plan'

import { buildLabelPlans } from './plans.server'

const getDb = setupTestDatabase()

const DOMAINS = ['networking', 'storage']
const STARTER_LABELS = ['starter', 'domain/networking', 'lang/1★', 'domain-level/1★', 'size/week']

/** Mirrors a repository with issues by number, each carrying these labels (then in the catalogue). */
async function mirrorIssues(db: Database, fullName: string, issues: Record<number, string[]>) {
  await mirror(
    db,
    repositoryPayload(fullName),
    Object.entries(issues).map(([number, labels]) =>
      issuePayload(fullName, Number(number), {
        labels: labels.map((name) => labelPayload(name)),
      }),
    ),
  )
}

function mirrorIssue(db: Database, fullName: string, number: number, labels: string[] = []) {
  return mirrorIssues(db, fullName, { [number]: labels })
}

function plans(repos?: string[]) {
  return buildLabelPlans({ repos, db: getDb(), domains: DOMAINS })
}

/** An idea in `area` of a new target, "MirageOS 5", linking these issues (`owner/name#number`). */
async function ideaLinking(area: string, title: string, issues: string[]) {
  const targetId = await createReleaseTarget({ name: 'MirageOS 5' }, getDb())
  const areaId = await createArea({ releaseTargetId: targetId, name: area }, getDb())
  const links = issues.map((ref) => {
    const [repo, number] = ref.split('#') as [string, string]
    return { ref, repo, number: Number(number) }
  })
  const ideaId = await createIdea(
    { releaseTargetId: targetId, areaId, title, description: '', authorId: null },
    links,
    getDb(),
  )
  return { targetId, ideaId }
}

/** A call on `day` (YYYY-MM-DD) agreeing the idea: an agreed effort, on the roadmap. */
function agreeOnCall(targetId: number, ideaId: number, day: string, rationale = 'Agreed.') {
  return recordCallDecision(
    {
      releaseTargetId: targetId,
      name: `Call of ${day}`,
      decidedAt: new Date(`${day}T12:00:00Z`),
      sourceKey: `call-${day}`,
      sourceUrl: null,
      rationale,
      outcomes: [{ ideaId, outcome: 'agreed', disposition: 'roadmap', reason: null }],
    },
    getDb(),
  )
}

describe('buildLabelPlans', () => {
  test('a starter project attached to an issue plans exactly its managed labels', async () => {
    await mirrorIssue(getDb(), 'mirage/mirage-tcpip', 7, ['bug', 'help wanted'])
    await createProject(getDb(), { issue: 'mirage/mirage-tcpip#7', mentors: ['@hannesm'] })

    const result = await plans()
    expect(result.repositories).toHaveLength(1)
    const [repository] = result.repositories
    expect(repository!.repo).toBe('mirage/mirage-tcpip')
    expect(repository!.problems).toEqual([])
    expect(repository!.issues).toEqual([
      {
        issueId: expect.any(Number),
        number: 7,
        title: 'Issue 7 of mirage/mirage-tcpip',
        url: 'https://github.com/mirage/mirage-tcpip/issues/7',
        add: [...STARTER_LABELS, 'mentor available'],
        remove: [],
        base: [],
        leftAlone: ['bug', 'help wanted'],
        reasons: expect.objectContaining({
          starter: [expect.objectContaining({ kind: 'starter-project', field: 'starter project' })],
        }),
        replacedBy: {},
      },
    ])
    // Every label is new to the repository: created first, with the scheme's colour.
    expect(repository!.creates.map((label) => label.name)).toEqual([
      ...STARTER_LABELS,
      'mentor available',
    ])
    expect(repository!.creates[0]).toMatchObject({ name: 'starter', color: '7057ff' })
    expect(result.totals).toEqual({ issues: 1, adds: 6, removes: 0, creates: 6 })
  })

  test('“mentor available” claims a mentor someone can reach: an account, an @login or a contact, never a name alone', async () => {
    // Issue 1 carries the label from when the board counted any name as a mentor.
    await mirrorIssues(getDb(), 'mirage/a', { 1: ['mentor available'], 2: [], 3: [], 4: [], 5: [] })
    await createAccount(getDb(), 'mo')
    // An old list's names: nobody on the board, no profile to open, nowhere to write.
    await createProject(getDb(), { issue: 'mirage/a#1', mentors: ['Hannes Mehnert', 'hannes'] })
    await createProject(getDb(), { issue: 'mirage/a#2', mentors: ['mo'] })
    await createProject(getDb(), { issue: 'mirage/a#3', mentors: ['@hannesm'] })
    await createProject(getDb(), {
      issue: 'mirage/a#4',
      mentors: ['Hannes Mehnert'],
      mentorContact: 'https://discuss.ocaml.org/u/hannes',
    })
    await createProject(getDb(), { issue: 'mirage/a#5' })

    const [repository] = (await plans()).repositories
    expect(
      repository!.issues.map(({ number, add }) => [number, add.includes('mentor available')]),
    ).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [4, true],
      [5, false],
    ])
    // The label the board set for a name alone is taken off: it promised nobody.
    expect(repository!.issues[0]!.remove).toEqual(['mentor available'])
  })

  test('each planned issue names the labels the board leaves alone: the person’s, look-alikes included', async () => {
    await mirrorIssues(getDb(), 'mirage/a', {
      1: ['bug', 'lang/1★', 'help wanted', 'lang/4★'],
      2: ['size/day'],
    })
    await createProject(getDb(), { issue: 'mirage/a#1', languageStars: 2 })
    await createProject(getDb(), { issue: 'mirage/a#2' })

    const [repository] = (await plans()).repositories
    expect(
      repository!.issues.map(({ number, base, leftAlone }) => ({ number, base, leftAlone })),
    ).toEqual([
      // `lang/4★` looks like the board's but is not in its scheme: a person's, so left alone.
      { number: 1, base: ['lang/1★'], leftAlone: ['bug', 'help wanted', 'lang/4★'] },
      { number: 2, base: ['size/day'], leftAlone: [] },
    ])
    const html = (
      await renderInRouter(
        createElement(RepositoryPlan, {
          plan: JSON.parse(JSON.stringify(repository)),
          waiting: new Set<string>(),
        }),
      )
    ).replace(/<!-- -->/g, '')
    expect(html).toContain('Left alone: bug, help wanted, lang/4★')
    // An issue carrying only the board's labels has no such line.
    expect(html.match(/Left alone:/g)).toHaveLength(1)
  })

  test('a label to create beside one the repository already uses for it points to the scheme', async () => {
    await mirrorIssues(getDb(), 'acme/core', { 1: ['good first issue'], 2: ['area/networking'] })
    await createProject(getDb(), { issue: 'acme/core#1', mentors: ['olivia'] })

    const [repository] = (await plans()).repositories
    expect(repository!.creates.map((label) => label.name)).toContain('starter')
    expect(repository!.existingAlternatives).toEqual([
      { create: 'starter', existing: 'good first issue' },
      { create: 'domain/networking', existing: 'area/networking' },
    ])
    const html = (
      await renderInRouter(
        createElement(RepositoryPlan, {
          plan: JSON.parse(JSON.stringify(repository)),
          waiting: new Set<string>(),
        }),
      )
    ).replaceAll('<!-- -->', '')
    expect(html).toContain('href="/labels/scheme?repo=acme%2Fcore"')
    expect(html).toContain('“good first issue” instead of “starter”')
    expect(html).toContain('acme/core already has labels that commonly mean the same')
  })

  test('a name chosen in the scheme is not second-guessed by an existing label', async () => {
    await mirrorIssues(getDb(), 'acme/core', { 1: ['good first issue'] })
    await createProject(getDb(), { issue: 'acme/core#1' })

    const { repositories } = await buildLabelPlans({
      db: getDb(),
      domains: DOMAINS,
      overrides: () => ({ starter: 'newcomers' }),
    })
    expect(repositories[0]!.creates.map((label) => label.name)).toContain('newcomers')
    expect(repositories[0]!.existingAlternatives).toEqual([])
  })

  test('human labels are never removed, even ones resembling managed labels', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1, [
      'bug',
      'lang/4★',
      'domain/whatever',
      'priority/urgent',
      'size/week',
    ])
    await createProject(getDb(), { issue: 'mirage/a#1', size: 'day' })

    const [repository] = (await plans()).repositories
    const [issue] = repository!.issues
    // size/week is the board's own label for a size it no longer has: the only removal.
    expect(issue!.remove).toEqual(['size/week'])
    expect(issue!.add).toContain('size/day')
    expect(issue!.base).toEqual(['size/week'])
  })

  test('an issue already carrying its labels plans nothing and creates nothing', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1, [...STARTER_LABELS, 'bug'])
    await createProject(getDb(), { issue: 'mirage/a#1' })

    const result = await plans()
    expect(result.repositories).toEqual([
      {
        repositoryId: expect.any(Number),
        repo: 'mirage/a',
        problems: [],
        blocked: null,
        warnings: [],
        creates: [],
        existingAlternatives: [],
        issues: [],
        leftOut: [],
        quietIdeas: [],
      },
    ])
    expect(result.totals).toEqual({ issues: 0, adds: 0, removes: 0, creates: 0 })
  })

  test('a re-rate plans one add and one remove', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1, STARTER_LABELS)
    const id = await createProject(getDb(), { issue: 'mirage/a#1' })
    await rateStarterProject(id, { languageStars: 2, domainStars: 1 }, null, getDb())

    const [repository] = (await plans()).repositories
    expect(repository!.issues.map(({ add, remove }) => ({ add, remove }))).toEqual([
      { add: ['lang/2★'], remove: ['lang/1★'] },
    ])
    // lang/2★ is not in the catalogue yet; lang/1★ was.
    expect(repository!.creates.map((label) => label.name)).toEqual(['lang/2★'])
    // The remove says what takes its place, not that nothing asks for a language label.
    expect(repository!.issues[0]!.replacedBy).toEqual({ 'lang/1★': ['lang/2★'] })
    const html = (
      await renderInRouter(
        createElement(RepositoryPlan, {
          plan: JSON.parse(JSON.stringify(repository)),
          waiting: new Set<string>(),
        }),
      )
    ).replaceAll('<!-- -->', '')
    expect(html).toContain('Why: the board now asks for lang/2★ instead.')
    expect(html).not.toContain('no open starter project or agreed effort')
  })

  test('a demo person’s re-rate names her once, the demo marker after the date, not in brackets', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1, STARTER_LABELS)
    const id = await createProject(getDb(), { issue: 'mirage/a#1' })
    const dana = await createAccount(getDb(), 'demo-maintainer', 'maintainer')
    await rateStarterProject(id, { languageStars: 2, domainStars: 1 }, dana, getDb())

    const [repository] = (await plans()).repositories
    const html = (
      await renderInRouter(
        createElement(RepositoryPlan, {
          plan: JSON.parse(JSON.stringify(repository)),
          waiting: new Set<string>(),
        }),
      )
    ).replaceAll('<!-- -->', '')
    // "Dana (demo maintainer) (demo action)" read as a stutter.
    expect(html).toMatch(/set by Dana \(demo maintainer\) on [^<,]+, a demo action/)
    expect(html).not.toContain(') (demo')
  })

  test('done and inactive projects plan nothing: their labels stay as they are', async () => {
    await mirrorIssues(getDb(), 'mirage/a', { 1: STARTER_LABELS, 2: [] })
    await createProject(getDb(), { issue: 'mirage/a#1', status: 'done' })
    await createProject(getDb(), { issue: 'mirage/a#2', status: 'inactive' })

    const result = await plans()
    expect(result.repositories).toEqual([])
    expect(result.totals.issues).toBe(0)
  })

  test('an issue the board holds no state for is never planned, whatever its labels', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1, ['starter', 'lang/1★'])
    const result = await plans(['mirage/a'])
    expect(result.repositories).toEqual([
      {
        repositoryId: expect.any(Number),
        repo: 'mirage/a',
        problems: [],
        blocked: null,
        warnings: [],
        creates: [],
        existingAlternatives: [],
        issues: [],
        leftOut: [],
        quietIdeas: [],
      },
    ])
  })

  test('a roadmap idea linking an issue plans its area and its decision’s priority', async () => {
    await mirrorIssue(getDb(), 'Mirage/Mirage', 12, ['roadmap/old-area'])
    // Links are written as people typed them: matched to the mirror in any case.
    const { targetId, ideaId } = await ideaLinking('Quality and testing', 'Fuzz the TCP stack', [
      'mirage/mirage#12',
    ])
    await agreeOnCall(targetId, ideaId, '2026-11-01', 'Agreed on the call.')

    const [repository] = (await plans()).repositories
    expect(repository!.repo).toBe('Mirage/Mirage')
    // roadmap/old-area is not an area of the board: a person's label, left alone.
    expect(repository!.issues.map(({ number, add, remove }) => ({ number, add, remove }))).toEqual([
      { number: 12, add: ['roadmap/quality-and-testing', 'priority/agreed'], remove: [] },
    ])
  })

  test('a deferred idea, a declined idea and an idea in ideation plan nothing: only agreed efforts label', async () => {
    await mirrorIssues(getDb(), 'mirage/mirage', { 1: [], 2: [] })
    const targetId = await createReleaseTarget({ name: 'MirageOS 5' }, getDb())
    const areaId = await createArea({ releaseTargetId: targetId, name: 'Storage' }, getDb())
    const idea = (number: number) =>
      createIdea(
        {
          releaseTargetId: targetId,
          areaId,
          title: `Idea ${number}`,
          description: '',
          authorId: null,
        },
        [{ ref: `mirage/mirage#${number}`, repo: 'mirage/mirage', number }],
        getDb(),
      )
    const deferred = await idea(1)
    const declined = await idea(2)
    await recordCallDecision(
      {
        releaseTargetId: targetId,
        name: 'Call of 2026-11-02',
        decidedAt: new Date('2026-11-02T12:00:00Z'),
        sourceKey: 'call-2026-11-02',
        sourceUrl: null,
        rationale: 'Not now.',
        outcomes: [
          { ideaId: deferred, outcome: 'deferred', disposition: 'ideation', reason: 'Later' },
          {
            ideaId: declined,
            outcome: 'declined',
            disposition: 'archived',
            reason: 'Out of scope',
          },
        ],
      },
      getDb(),
    )

    const [repository] = (await plans()).repositories
    expect(repository!.issues).toEqual([])
    expect(repository!.quietIdeas).toEqual([{ id: deferred, title: 'Idea 1', issueNumber: 1 }])
  })

  test('an idea still in ideation adds no roadmap label, and one the board put there is taken back', async () => {
    // The demo's ocaml-git#125: linked by an idea nobody agreed, it got +roadmap/storage.
    await mirrorIssues(getDb(), 'mirage/ocaml-git', { 125: ['roadmap/storage', 'bug'], 126: [] })
    const { ideaId } = await ideaLinking('Storage', 'Faster packfiles', [
      'mirage/ocaml-git#125',
      'mirage/ocaml-git#126',
    ])

    const [repository] = (await plans()).repositories
    expect(repository!.issues.map(({ number, add, remove }) => ({ number, add, remove }))).toEqual([
      { number: 125, add: [], remove: ['roadmap/storage'] },
    ])
    expect(repository!.quietIdeas.map((idea) => [idea.id, idea.issueNumber])).toEqual([
      [ideaId, 125],
      [ideaId, 126],
    ])
  })

  test('each added label names its source: the project and field, or the effort and its decision', async () => {
    await mirrorIssues(getDb(), 'mirage/mirage', { 3: [], 4: [] })
    await createProject(getDb(), { issue: 'mirage/mirage#3', title: 'Add a UDP echo test' })
    const { targetId, ideaId } = await ideaLinking('Storage', 'Block cache', ['mirage/mirage#4'])
    await agreeOnCall(targetId, ideaId, '2026-11-03')

    const [repository] = (await plans()).repositories
    const [starter, effort] = repository!.issues
    expect(starter!.reasons['domain/networking']).toEqual([
      expect.objectContaining({
        kind: 'starter-project',
        title: 'Add a UDP echo test',
        field: 'primary domain',
      }),
    ])
    expect(effort!.reasons).toEqual({
      'roadmap/storage': [
        {
          kind: 'effort',
          id: ideaId,
          title: 'Block cache',
          field: 'area',
          setBy: {
            login: null,
            isDemo: false,
            at: '2026-11-03T12:00:00.000Z',
            round: 'Call of 2026-11-03',
          },
          // Linked with the idea, not afterwards by someone.
          linkedBy: null,
        },
      ],
      'priority/agreed': [
        expect.objectContaining({ kind: 'effort', field: 'decision of Call of 2026-11-03' }),
      ],
    })
  })

  test('an issue linked to an agreed effort later names who linked it; a demo person’s link says so', async () => {
    await mirrorIssues(getDb(), 'mirage/mirage', { 5: [] })
    const dana = await createAccount(getDb(), 'demo-maintainer', 'maintainer')
    const { targetId, ideaId } = await ideaLinking('Storage', 'Block cache', [])
    await agreeOnCall(targetId, ideaId, '2026-11-03')
    await linkEffortIssues(
      ideaId,
      'mirage/mirage#5',
      dana,
      new Date('2026-11-10T09:00:00Z'),
      getDb(),
    )

    const [repository] = (await plans()).repositories
    expect(repository!.issues[0]!.reasons['roadmap/storage']).toEqual([
      expect.objectContaining({
        kind: 'effort',
        field: 'area',
        linkedBy: { login: 'demo-maintainer', isDemo: true, at: expect.any(String) },
      }),
    ])
    // On the page: the demo name carries its own brackets, so the marker follows without a
    // second pair ("Dana (demo maintainer) (demo action)" read as a stutter).
    const html = (
      await renderInRouter(
        createElement(RepositoryPlan, {
          plan: JSON.parse(JSON.stringify(repository)),
          waiting: new Set<string>(),
        }),
      )
    ).replaceAll('<!-- -->', '')
    expect(html).toMatch(/the issue linked by Dana \(demo maintainer\) on [^<,]+, a demo action/)
    expect(html).not.toContain(') (demo')
  })

  test('a label name GitHub would refuse is a problem in the plan, never a request', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1)
    await createProject(getDb(), { issue: 'mirage/a#1' })
    const targetId = await createReleaseTarget({ name: 'MirageOS 5' }, getDb())
    await createArea(
      { releaseTargetId: targetId, name: 'Performance, profiling and benchmarks of unikernels' },
      getDb(),
    )

    const result = await plans()
    const [repository] = result.repositories
    expect(repository!.issues).toEqual([])
    expect(repository!.creates).toEqual([])
    expect(repository!.problems).toEqual([
      expect.objectContaining({
        kind: 'name-too-long',
        message: expect.stringContaining('GitHub allows 50'),
      }),
    ])
    expect(result.totals).toEqual({ issues: 0, adds: 0, removes: 0, creates: 0 })
  })

  test('an archived, moved or deleted repository is blocked with the reason, nothing planned', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1)
    await mirrorIssue(getDb(), 'mirage/b', 1)
    await createProject(getDb(), { issue: 'mirage/a#1' })
    await createProject(getDb(), { issue: 'mirage/b#1' })
    await getDb()
      .updateTable('repository')
      .set({ is_archived: true })
      .where('full_name', '=', 'mirage/a')
      .execute()
    await getDb()
      .updateTable('repository')
      .set({ status: 'transferred' })
      .where('full_name', '=', 'mirage/b')
      .execute()

    const result = await plans()
    expect(
      result.repositories.map(({ repo, blocked, issues, creates }) => ({
        repo,
        blocked,
        issues,
        creates,
      })),
    ).toEqual([
      {
        repo: 'mirage/a',
        blocked: 'mirage/a is archived on GitHub, so it is read-only: nothing is planned there.',
        issues: [],
        creates: [],
      },
      {
        repo: 'mirage/b',
        blocked:
          'mirage/b was transferred on GitHub: nothing is planned there (sync to follow it to its new name).',
        issues: [],
        creates: [],
      },
    ])
    expect(result.totals.issues).toBe(0)
  })

  test('what GitHub answered last time is in the plan: a refused token warns, a deleted issue is left out', async () => {
    await mirrorIssues(getDb(), 'mirage/a', { 1: [], 2: [] })
    await createProject(getDb(), { issue: 'mirage/a#1' })
    await createProject(getDb(), { issue: 'mirage/a#2' })
    const repository = await getDb().selectFrom('repository').select('id').executeTakeFirstOrThrow()
    const failed = (
      issueNumber: number,
      githubStatus: number,
      lastError: string,
      finishedAt: string,
    ) => ({
      repository_id: repository.id,
      issue_number: issueNumber,
      label: 'starter',
      action: 'add' as const,
      requested_by_login: 'maintainer',
      status: 'failed' as const,
      github_status: githubStatus,
      last_error: lastError,
      finished_at: new Date(finishedAt),
    })
    // The refusal is the repository's last answer; both come after the mirror's copies (2020).
    await getDb()
      .insertInto('label_change')
      .values([
        failed(2, 410, 'mirage/a#2 is gone from GitHub', '2026-01-01T10:00:00Z'),
        failed(
          1,
          403,
          'The token cannot write to mirage/a (GitHub answered 403: Forbidden).',
          '2026-01-01T10:01:00Z',
        ),
      ])
      .execute()

    const [plan] = (await plans()).repositories
    expect(plan!.warnings).toEqual([
      expect.stringContaining(
        'was refused: The token cannot write to mirage/a (GitHub answered 403: Forbidden). Check the token',
      ),
    ])
    expect(plan!.issues.map((issue) => issue.number)).toEqual([1])
    expect(plan!.leftOut).toEqual([
      {
        number: 2,
        title: 'Issue 2 of mirage/a',
        url: 'https://github.com/mirage/a/issues/2',
        reason: expect.stringMatching(/^GitHub answered 410 on \d{4}-\d\d-\d\d: deleted\./),
      },
    ])

    // A newer copy from GitHub (it was restored, or never gone) plans it again.
    await getDb()
      .updateTable('issue')
      .set({ updated_at: new Date('2026-01-01T11:00:00Z') })
      .where('number', '=', 2)
      .execute()
    const [again] = (await plans()).repositories
    expect(again!.issues.map((issue) => issue.number)).toEqual([1, 2])
    expect(again!.leftOut).toEqual([])
  })

  test('an issue in a conflict not settled yet is left out, saying what changed on GitHub, until it is settled', async () => {
    // #2 already carries its labels (the same labels of the repository): nothing planned there.
    const labels = STARTER_LABELS.map((name) => labelPayload(name))
    await mirror(getDb(), repositoryPayload('mirage/a'), [
      issuePayload('mirage/a', 1, { labels }),
      issuePayload('mirage/a', 2, { labels }),
    ])
    const id = await createProject(getDb(), { issue: 'mirage/a#1' })
    await createProject(getDb(), { issue: 'mirage/a#2' })
    await rateStarterProject(id, { languageStars: 2, domainStars: 1 }, null, getDb())
    const repository = await getDb().selectFrom('repository').select('id').executeTakeFirstOrThrow()
    // The worker found lang/1★ replaced by lang/3★ on GitHub: both changes of the plan conflict.
    const conflictRow = (label: string, action: 'add' | 'remove') => ({
      repository_id: repository.id,
      issue_number: 1,
      label,
      action,
      base_labels: [...STARTER_LABELS].sort(),
      requested_by_login: 'maintainer',
      status: 'conflict' as const,
      finished_at: new Date('2026-01-01T10:00:00Z'),
      github_response: sql<string>`cast(${JSON.stringify({
        humanAdded: ['lang/3★'],
        humanRemoved: action === 'remove' ? [] : ['lang/1★'],
      })}::text as jsonb)`,
    })
    await getDb()
      .insertInto('label_change')
      .values([conflictRow('lang/2★', 'add'), conflictRow('lang/1★', 'remove')])
      .execute()

    const [plan] = (await plans()).repositories
    // Planning it again against the mirror's old labels would only meet the same conflict.
    expect(plan!.issues).toEqual([])
    expect(plan!.leftOut).toEqual([
      {
        number: 1,
        title: 'Issue 1 of mirage/a',
        url: 'https://github.com/mirage/a/issues/1',
        reason:
          "Someone on GitHub added lang/3★ and removed lang/1★ since the board's last plan, so nothing was sent. Left out until you settle the conflict in the log: keep GitHub's labels or apply the board's change.",
      },
    ])

    // The repository's section does not claim its labels match: one issue is left out.
    const html = (
      await renderInRouter(
        createElement(RepositoryPlan, {
          plan: JSON.parse(JSON.stringify(plan)),
          waiting: new Set<string>(),
        }),
      )
    ).replaceAll('<!-- -->', '')
    expect(html).toContain('Left out')
    expect(html).not.toContain('already match')

    // Settled (both rows): planned again.
    await getDb()
      .updateTable('label_change')
      .set({
        resolution: 'reapplied',
        resolved_by_login: 'maintainer',
        resolved_at: new Date('2026-01-01T11:00:00Z'),
      })
      .execute()
    const [again] = (await plans()).repositories
    expect(again!.issues.map((issue) => issue.number)).toEqual([1])
    expect(again!.leftOut).toEqual([])
  })

  test('of two writes finished at the same instant, the one sent last is the answer the plan shows', async () => {
    await mirrorIssues(getDb(), 'mirage/a', { 1: [] })
    await mirrorIssues(getDb(), 'mirage/b', { 1: [] })
    await createProject(getDb(), { issue: 'mirage/a#1' })
    await createProject(getDb(), { issue: 'mirage/b#1' })
    const repositories = await getDb()
      .selectFrom('repository')
      .select(['id', 'full_name'])
      .orderBy('full_name')
      .execute()
    const finished = (repositoryId: number, githubStatus: number | null) => ({
      repository_id: repositoryId,
      issue_number: 1,
      label: 'starter',
      action: 'add' as const,
      requested_by_login: 'maintainer',
      status: githubStatus === null ? ('done' as const) : ('failed' as const),
      github_status: githubStatus,
      last_error: githubStatus === null ? null : 'The token cannot write (GitHub answered 403).',
      finished_at: new Date('2026-01-01T10:00:00Z'),
    })
    // Inserted in this order, so ids say which was sent last: refused then written in mirage/a,
    // written then refused in mirage/b.
    for (const [repository, statuses] of [
      [repositories[0]!, [403, null]],
      [repositories[1]!, [null, 403]],
    ] as const) {
      for (const status of statuses) {
        await getDb().insertInto('label_change').values(finished(repository.id, status)).execute()
      }
    }

    const result = await plans()
    expect(result.repositories.map((plan) => [plan.repo, plan.warnings.length])).toEqual([
      ['mirage/a', 0],
      ['mirage/b', 1],
    ])
  })

  test('a rename still waiting is planned as sent: issues carrying the old name need nothing', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1, [...STARTER_LABELS])
    await createProject(getDb(), { issue: 'mirage/a#1' })
    const repository = await getDb().selectFrom('repository').select('id').executeTakeFirstOrThrow()
    await getDb()
      .insertInto('label_scheme_override')
      .values({
        repository_id: repository.id,
        value: 'language:1',
        label: 'easy',
        updated_by_login: 'm',
      })
      .execute()
    const before = await plans()
    expect(before.repositories[0]!.issues[0]).toMatchObject({ add: ['easy'], remove: [] })

    await enqueueLabelRename(
      { repositoryId: repository.id, from: 'lang/1★', to: 'easy' },
      { id: null, login: 'm' },
      getDb(),
    )
    const after = await plans()
    expect(after.repositories[0]!.issues).toEqual([])
    expect(after.repositories[0]!.creates).toEqual([])
  })

  test('the filter names repositories in any case and reports those not mirrored', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1)
    await mirrorIssue(getDb(), 'mirage/b', 1)
    await createProject(getDb(), { issue: 'mirage/a#1' })
    await createProject(getDb(), { issue: 'mirage/b#1' })

    const result = await plans(['MIRAGE/B', 'mirage/nowhere'])
    expect(result.repositories.map((repository) => repository.repo)).toEqual(['mirage/b'])
    expect(result.missing).toEqual(['mirage/nowhere'])
  })
})

// The CLI on the worker's database, emptied before each test: runLabels with the arguments and
// settings a process would get (no terminal), and once as a real process (the unasked apply) for
// the wiring of exit code, output and terminal. An empty DATABASE_URL keeps a developer's .env
// from pointing anything elsewhere.
// The writes, spaced a second apart as GitHub asks, wait on a virtual clock (the worker's
// spacing) and no time at all (the GitHub client's).
function labels(args: string[], env: Record<string, string> = {}) {
  return runCommand(runLabels, args, { DATABASE_URL: '', ...env }, getDb(), {
    clock: virtualClock(),
    waitScale: 0,
  })
}

describe('npm run labels', () => {
  test('plan prints the diff per repository and issue, and a summary', async () => {
    const db = getDb()
    await mirrorIssue(db, 'mirage/a', 1, ['bug', 'lang/1★', 'size/week'])
    const id = await createProject(db, {
      issue: 'mirage/a#1',
      primaryDomain: 'web',
      size: 'day',
    })
    await rateStarterProject(id, { languageStars: 1, domainStars: 2 }, null, db)
    const text = await labels(['plan'])
    expect(text.stderr).toBe('')
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('mirage/a\n')
    expect(text.stdout).toContain('create label "domain/web" (#1d76db, In the web domain)')
    expect(text.stdout).toContain('  #1 Issue 1 of mirage/a\n')
    expect(text.stdout).toContain('    + domain-level/2★\n')
    expect(text.stdout).toContain('    - size/week\n')
    expect(text.stdout).not.toContain('- bug')
    expect(text.stdout).not.toContain('+ lang/1★')
    expect(text.stdout).toContain('Plan: 1 issue, 4 labels to add, 1 to remove, 4 labels to create')

    const json = await labels(['plan', 'mirage/a', '--json'])
    expect(json.code).toBe(0)
    const parsed = JSON.parse(json.stdout)
    expect(parsed.totals).toEqual({ issues: 1, adds: 4, removes: 1, creates: 4 })
    expect(parsed.repositories[0].issues[0]).toMatchObject({
      number: 1,
      add: ['starter', 'domain/web', 'domain-level/2★', 'size/day'],
      remove: ['size/week'],
      base: ['lang/1★', 'size/week'],
    })
  })

  test('repositories named by their github.com addresses, as npm run sync takes them, are planned', async () => {
    await mirrorIssue(getDb(), 'mirage/a', 1)
    await mirrorIssue(getDb(), 'mirage/b', 1)
    await mirrorIssue(getDb(), 'mirage/c', 1)
    for (const repo of ['a', 'b', 'c']) await createProject(getDb(), { issue: `mirage/${repo}#1` })

    const { code, stdout, stderr } = await labels([
      'plan',
      'https://github.com/mirage/a.git',
      'github.com/mirage/b/',
      '--json',
    ])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const parsed = JSON.parse(stdout)
    expect(parsed.repositories.map((repository: { repo: string }) => repository.repo)).toEqual([
      'mirage/a',
      'mirage/b',
    ])
    expect(parsed.missing).toEqual([])
  })

  test('bad arguments end with one line and exit code 2, before anything is queued', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], 'Unknown command "frobnicate": use plan or apply'],
      [
        ['plan', 'acme'],
        'Not a repository (owner/name), nor a github.com address of one: acme (labels take repositories only, not organisations: name each, as acme/<name>)',
      ],
      [
        ['plan', 'https://github.com/orgs/acme/'],
        'Not a repository (owner/name), nor a github.com address of one: acme (labels take repositories only',
      ],
      [
        ['plan', 'https://github.com/mirage/a/issues/1'],
        'Not a repository (owner/name), nor a github.com address of one: https://github.com/mirage/a/issues/1',
      ],
      [['plan', '--bogus'], "Unknown option '--bogus'"],
      [
        ['apply', '--yes', 'a/b/c'],
        'Not a repository (owner/name), nor a github.com address of one: a/b/c',
      ],
      [['apply', '--yes'], 'GITHUB_TOKEN is not set: applying writes labels on GitHub'],
    ]
    // Refused before any database is opened: none is given.
    const results = await Promise.all(
      cases.map(([args]) => runCommand(runLabels, args, { GITHUB_TOKEN: '' })),
    )
    for (const [index, result] of results.entries()) {
      const [args, message] = cases[index]!
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({
        args,
        code: 2,
        stdout: '',
      })
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stderr).toContain(message)
    }
  })

  test('apply without --yes outside a terminal asks for it and sends nothing', async () => {
    // `node --import tsx scripts/labels.ts`, as `npm run labels` starts it, stdin not a terminal.
    const result = await runScript('scripts/labels.ts', ['apply'], { GITHUB_TOKEN: 'token' })
    expect(result.code).toBe(2)
    expect(result.stderr.trim()).toBe(
      'Not run from a terminal: pass --yes to apply without being asked.',
    )
  })

  test('apply --yes queues the plan, sends it to GitHub, and a second run has nothing to do', async () => {
    const github = await createFakeGitHub()
    onTestFinished(() => github.close())
    github.addRepository('mirage/a')
    github.addIssue('mirage/a', { title: 'One', labels: ['bug', 'size/week'] })
    const db = getDb()
    await mirrorIssue(db, 'mirage/a', 1, ['bug', 'size/week'])
    const id = await createProject(db, { issue: 'mirage/a#1', primaryDomain: 'web', size: 'day' })
    await rateStarterProject(id, { languageStars: 1, domainStars: 2 }, null, db)
    const env = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url }
    const first = await labels(['apply', '--yes', 'mirage/a'], env)
    expect(first.stdout).toContain('    + lang/1★\n')
    expect(first.stdout).toContain('Applied: 6 done, 0 failed, 0 skipped, 0 to try again')
    // Without a terminal, one line per change on stderr instead of a bar.
    expect(first.stderr).toContain('#1 -size/week: done')
    expect(first.code).toBe(0)
    expect([...github.issue('mirage/a', 1)!.labels].sort()).toEqual(
      ['bug', 'domain-level/2★', 'domain/web', 'lang/1★', 'size/day', 'starter'].sort(),
    )
    // Creates (5 labels new to the repository) + 6 changes + 1 read.
    expect(github.requestLog).toHaveLength(5 + 6 + 1)
    expect(github.clobberingCalls).toEqual([])
    expect(github.autoCreatedLabels).toEqual([])

    github.clearLog()
    const second = await labels(['apply', '--yes', '--json'], env)
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toEqual({
      queued: 0,
      summary: null,
      openConflicts: { changes: 0, issues: 0 },
    })
    expect(github.requestLog).toEqual([])
  })
  test('apply under a used-up rate limit says once that it waits, and until when, not silently', async () => {
    const github = await createFakeGitHub()
    onTestFinished(() => github.close())
    github.addRepository('mirage/a')
    github.addIssue('mirage/a', { title: 'One', labels: ['bug'] })
    github.rateLimit.set({ remaining: 0, resetAt: Date.now() + 3_600_000 })
    const db = getDb()
    await mirrorIssue(db, 'mirage/a', 1, ['bug'])
    const id = await createProject(db, { issue: 'mirage/a#1', primaryDomain: 'web', size: 'day' })
    await rateStarterProject(id, { languageStars: 1, domainStars: 2 }, null, db)
    const env = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url }
    // The waits cost no time here (waitScale 0); the limit stays used up.
    const result = await labels(['apply', '--yes', 'mirage/a'], env)
    const notices = result.stderr.split('\n').filter((line) => line.includes('rate limit'))
    expect(notices).toEqual([
      expect.stringMatching(
        /^GitHub's rate limit for this token is used up until \d\d:\d\d UTC: waiting 6\d min, then going on \(Ctrl-C stops; what is sent stays sent, the rest waits in the outbox\)\.$/,
      ),
    ])
  })
  test('apply counts conflicts by issue and words them as the label pages do', async () => {
    const github = await createFakeGitHub()
    onTestFinished(() => github.close())
    github.addRepository('mirage/a')
    const tagged = ['bug', 'domain-level/2★', 'domain/web', 'lang/1★', 'size/day', 'starter']
    github.addIssue('mirage/a', { title: 'One', labels: tagged })
    const db = getDb()
    await mirrorIssue(db, 'mirage/a', 1, tagged)
    const id = await createProject(db, { issue: 'mirage/a#1', primaryDomain: 'web', size: 'day' })
    await rateStarterProject(id, { languageStars: 1, domainStars: 2 }, null, db)
    // The board re-rates it (- lang/1★, + lang/2★) while a person makes it lang/3★ on GitHub.
    await rateStarterProject(id, { languageStars: 2, domainStars: 2 }, null, db)
    github.updateIssue('mirage/a', 1, {
      labels: tagged.map((label) => (label === 'lang/1★' ? 'lang/3★' : label)),
    })

    const env = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url }
    const result = await labels(['apply', '--yes', 'mirage/a'], env)

    expect(result.stderr).toBe('#1 +lang/2★: conflict\n#1 -lang/1★: conflict\n')
    expect(result.stdout).toContain('Applied: 0 done, 0 failed, 0 skipped, 0 to try again')
    expect(result.stdout).toContain(
      '2 changes on 1 issue wait for a decision: someone changed those labels on GitHub since the plan; review it at /labels/log?conflicts=open.',
    )
    expect(result.stdout).not.toMatch(/2 conflicts/)
    expect(result.code).toBe(1)
    const json = await labels(['apply', '--yes', '--json', 'mirage/a'], env)
    expect(JSON.parse(json.stdout)).toMatchObject({ openConflicts: { changes: 2, issues: 1 } })
  })

  test("apply on the demo's copy of a repository sends nothing, says why and exits 1", async () => {
    const github = await createFakeGitHub()
    onTestFinished(() => github.close())
    github.addRepository('mirage/a')
    github.addIssue('mirage/a', { title: 'One', labels: ['bug'] })
    const db = getDb()
    await mirrorIssue(db, 'mirage/a', 1, ['bug'])
    // As the demo loader marks its repositories (app/demo/demo.server.ts).
    await db.updateTable('repository').set({ history_recorded: false }).execute()
    const id = await createProject(db, { issue: 'mirage/a#1', primaryDomain: 'web', size: 'day' })
    await rateStarterProject(id, { languageStars: 1, domainStars: 2 }, null, db)
    github.clearLog()

    const env = { GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url }
    const result = await labels(['apply', '--yes', 'mirage/a'], env)
    expect(result.stdout).toContain('0 done, 0 failed, 5 skipped')
    expect(result.stdout).toContain(
      "! mirage/a is the MirageOS demo's copy, not mirrored from GitHub: its label changes are never sent to GitHub.",
    )
    expect(result.code).toBe(1)
    expect(github.requestLog).toEqual([])
  })
})
