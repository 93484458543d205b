import { sql } from 'kysely'
import { onTestFinished, describe, expect, test } from 'vitest'

import type { Stars } from '../../../db/schema'
import { setupTestDatabase } from '../../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../../test/factories'
import { createFakeGitHub } from '../../../test/fake-github/server'
import { mirror } from '../../../test/mirror'
import { createProject } from '../../../test/starter-factories'
import { fakeClient } from '../../../test/sync-helpers'
import { rateStarterProject } from '../../starter/project.server'
import { Refusal } from '../../utils/refusal'
import { buildLabelPlans } from '../plan/plans.server'
import { changeKey, issueKey } from '../plan/selection'

import { queueLabelPlans, resolveLabelConflict } from './apply.server'
import { countOpenLabelChanges, finishLabelChange, claimLabelChanges } from './outbox.server'
import { drainLabelOutbox } from './runner.server'

const getDb = setupTestDatabase()

const MAINTAINER = { id: null, login: 'maintainer' }

/** Mirrors owner/name with issues by number carrying these labels. */
async function mirrorIssues(fullName: string, issues: Record<number, string[]>) {
  const repository = repositoryPayload(fullName)
  await mirror(
    getDb(),
    repository,
    Object.entries(issues).map(([number, labels]) =>
      issuePayload(fullName, Number(number), { labels: labels.map((name) => labelPayload(name)) }),
    ),
  )
  return repository.id
}

/** A 1★/2★ networking project of a week on the issue. */
async function tag(issue: string, languageStars: Stars = 1, domainStars: Stars = 2) {
  const id = await createProject(getDb(), { issue, primaryDomain: 'networking', size: 'week' })
  await rateStarterProject(id, { languageStars, domainStars }, null, getDb())
  return id
}

function outbox() {
  return getDb()
    .selectFrom('label_change')
    .select(['issue_number', 'label', 'action', 'base_labels', 'status', 'requested_by_login'])
    .orderBy('issue_number')
    .orderBy('action')
    .orderBy('label')
    .execute()
}

const WANTED = ['domain-level/2★', 'domain/networking', 'lang/1★', 'size/week', 'starter']

describe('queueLabelPlans', () => {
  test('applying everything queues each planned change once, against the labels the plan saw', async () => {
    await mirrorIssues('mirage/a', { 1: ['bug', 'lang/3★'], 2: [] })
    await tag('mirage/a#1')
    await tag('mirage/a#2')

    const result = await queueLabelPlans({ selection: 'all', actor: MAINTAINER, db: getDb() })

    expect(result).toMatchObject({ queued: 11, alreadyQueued: 0, stale: [], blocked: [] })
    const rows = await outbox()
    expect(rows.filter((row) => row.issue_number === 1)).toEqual([
      ...WANTED.map((label) => ({
        issue_number: 1,
        label,
        action: 'add',
        base_labels: ['lang/3★'],
        status: 'pending',
        requested_by_login: 'maintainer',
      })),
      {
        issue_number: 1,
        label: 'lang/3★',
        action: 'remove',
        base_labels: ['lang/3★'],
        status: 'pending',
        requested_by_login: 'maintainer',
      },
    ])
    expect(rows.filter((row) => row.issue_number === 2).map((row) => row.label)).toEqual(WANTED)
    // Applying again while they wait queues nothing twice.
    const again = await queueLabelPlans({ selection: 'all', actor: MAINTAINER, db: getDb() })
    expect(again).toMatchObject({ queued: 0, alreadyQueued: 11 })
    expect(await outbox()).toHaveLength(11)
  })

  test('a selection queues exactly the chosen changes and names the ones no longer planned', async () => {
    await mirrorIssues('mirage/a', { 1: [], 2: [] })
    await tag('mirage/a#1')
    await tag('mirage/a#2')

    const result = await queueLabelPlans({
      selection: {
        issues: [issueKey('mirage/a', 1)],
        changes: [
          changeKey({ repo: 'Mirage/A', number: 2, action: 'add', label: 'Starter' }),
          // Already on the issue as far as the board knows, so not in the plan.
          changeKey({ repo: 'mirage/a', number: 2, action: 'remove', label: 'bug' }),
          'garbage',
        ],
      },
      actor: MAINTAINER,
      db: getDb(),
    })

    expect(result.queued).toBe(6)
    expect(result.stale).toEqual(['mirage/a#2 -bug', 'garbage'])
    const rows = await outbox()
    expect(rows.filter((row) => row.issue_number === 1).map((row) => row.label)).toEqual(WANTED)
    expect(rows.filter((row) => row.issue_number === 2).map((row) => row.label)).toEqual([
      'starter',
    ])
  })

  test('a repository whose stored scheme has a problem queues nothing', async () => {
    const repositoryId = await mirrorIssues('mirage/a', { 1: [] })
    await tag('mirage/a#1')
    // Two board values, one label: the board could never tell them apart.
    await getDb()
      .insertInto('label_scheme_override')
      .values([
        { repository_id: repositoryId, value: 'language:1', label: 'easy', updated_by_login: 'm' },
        {
          repository_id: repositoryId,
          value: 'domain-level:2',
          label: 'easy',
          updated_by_login: 'm',
        },
      ])
      .execute()

    const result = await queueLabelPlans({ selection: 'all', actor: MAINTAINER, db: getDb() })

    expect(result).toMatchObject({ queued: 0, blocked: ['mirage/a'] })
    expect(result.plans.repositories[0]!.problems[0]!.message).toContain(
      'The label "easy" would stand for',
    )
    expect(await outbox()).toEqual([])
  })

  test('stored repository names are what the plan queues', async () => {
    const repositoryId = await mirrorIssues('mirage/a', { 1: ['E-easy'] })
    await tag('mirage/a#1')
    await getDb()
      .insertInto('label_scheme_override')
      .values({
        repository_id: repositoryId,
        value: 'language:1',
        label: 'E-easy',
        updated_by_login: 'm',
      })
      .execute()

    await queueLabelPlans({ selection: 'all', actor: MAINTAINER, db: getDb() })

    const labels = (await outbox()).map((row) => row.label)
    expect(labels).not.toContain('lang/1★')
    expect(labels).not.toContain('E-easy')
    expect(labels).toContain('starter')
  })
})

/** A conflict row as the worker leaves it: the plan saw lang/1★, GitHub had lang/3★. */
async function conflict() {
  const repositoryId = await mirrorIssues('mirage/a', { 1: ['lang/1★'] })
  await getDb()
    .insertInto('label_change')
    .values({
      repository_id: repositoryId,
      issue_number: 1,
      label: 'lang/2★',
      action: 'add',
      base_labels: ['lang/1★'],
      requested_by_login: 'maintainer',
    })
    .execute()
  const [row] = await claimLabelChanges('w', 10, getDb())
  await finishLabelChange(
    row!.id,
    {
      status: 'conflict',
      worker: 'w',
      githubResponse: {
        base: ['lang/1★'],
        github: ['lang/3★'],
        humanAdded: ['lang/3★'],
        humanRemoved: ['lang/1★'],
      },
    },
    getDb(),
  )
  return row!.id
}

describe('resolveLabelConflict', () => {
  test('keeping GitHub’s labels records who chose, and sends nothing', async () => {
    const id = await conflict()
    expect(await resolveLabelConflict(id, 'kept-github', MAINTAINER, getDb())).toEqual({
      requeued: false,
      settled: [id],
    })
    const rows = await getDb().selectFrom('label_change').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      status: 'conflict',
      resolution: 'kept-github',
      resolved_by_login: 'maintainer',
    })
  })

  test('keeping GitHub’s labels makes the board’s tags follow them, so the plan stops proposing the change', async () => {
    const id = await conflict()
    const projectId = await tag('mirage/a#1', 2, 2)

    await resolveLabelConflict(id, 'kept-github', MAINTAINER, getDb())

    const project = await getDb()
      .selectFrom('starter_project')
      .select(['language_stars', 'domain_stars'])
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow()
    // GitHub's version is the whole managed set: it had no domain-level label, so none stays.
    expect(project).toEqual({ language_stars: 3, domain_stars: null })
    const plans = await buildLabelPlans({ db: getDb() })
    expect(plans.repositories[0]!.issues[0]!.add).not.toContain('lang/2★')
  })

  test('applying the board’s change queues it again against what GitHub showed', async () => {
    const id = await conflict()
    expect(await resolveLabelConflict(id, 'reapplied', MAINTAINER, getDb())).toEqual({
      requeued: true,
      settled: [id],
    })
    const pending = await getDb()
      .selectFrom('label_change')
      .select(['label', 'action', 'base_labels'])
      .where('status', '=', 'pending')
      .execute()
    expect(pending).toEqual([{ label: 'lang/2★', action: 'add', base_labels: ['lang/3★'] }])
  })

  test('the other changes of the same plan on the issue are settled with the same choice', async () => {
    const repositoryId = await mirrorIssues('mirage/a', { 1: ['lang/1★'], 2: [] })
    // One plan (lang/1★ → lang/2★) met a person's lang/3★: both its rows are conflicts. An older
    // plan's conflict on the issue, and one on another issue, are other conflicts.
    const conflictRow = (
      issueNumber: number,
      label: string,
      action: 'add' | 'remove',
      base: string[],
    ) => ({
      repository_id: repositoryId,
      issue_number: issueNumber,
      label,
      action,
      base_labels: base,
      requested_by_login: 'maintainer',
      status: 'conflict' as const,
      finished_at: new Date('2026-01-01T10:00:00Z'),
      github_response: sql<string>`cast(${JSON.stringify({
        base,
        github: ['LANG/3★'],
        humanAdded: ['LANG/3★'],
        humanRemoved: base,
      })}::text as jsonb)`,
    })
    const ids = (
      await getDb()
        .insertInto('label_change')
        .values([
          conflictRow(1, 'lang/2★', 'add', ['lang/1★']),
          conflictRow(1, 'lang/1★', 'remove', ['LANG/1★']),
          conflictRow(1, 'size/day', 'add', []),
          conflictRow(2, 'lang/2★', 'add', ['lang/1★']),
        ])
        .returning('id')
        .execute()
    ).map((row) => row.id)
    const open = async () =>
      (
        await getDb()
          .selectFrom('label_change')
          .select('id')
          .where('status', '=', 'conflict')
          .where('resolution', 'is', null)
          .orderBy('id')
          .execute()
      ).map((row) => row.id)

    expect(await resolveLabelConflict(ids[0]!, 'reapplied', MAINTAINER, getDb())).toEqual({
      requeued: true,
      settled: [ids[0], ids[1]],
    })
    expect(await open()).toEqual([ids[2], ids[3]])
    // Both changes of the plan go out again, against what GitHub showed.
    const pending = await getDb()
      .selectFrom('label_change')
      .select(['label', 'action', 'base_labels'])
      .where('status', '=', 'pending')
      .orderBy('action')
      .execute()
    expect(pending).toEqual([
      { label: 'lang/2★', action: 'add', base_labels: ['LANG/3★'] },
      { label: 'lang/1★', action: 'remove', base_labels: ['LANG/3★'] },
    ])
  })

  test('keeping GitHub’s labels for one change of a plan settles its others: none is left to apply', async () => {
    const repositoryId = await mirrorIssues('mirage/a', { 1: ['lang/1★'] })
    const row = (label: string, action: 'add' | 'remove') => ({
      repository_id: repositoryId,
      issue_number: 1,
      label,
      action,
      base_labels: ['lang/1★'],
      requested_by_login: 'maintainer',
      status: 'conflict' as const,
      finished_at: new Date('2026-01-01T10:00:00Z'),
      github_response: sql<string>`cast(${JSON.stringify({ base: ['lang/1★'], github: ['lang/3★'] })}::text as jsonb)`,
    })
    const [add, remove] = (
      await getDb()
        .insertInto('label_change')
        .values([row('lang/2★', 'add'), row('lang/1★', 'remove')])
        .returning('id')
        .execute()
    ).map((each) => each.id)

    expect(await resolveLabelConflict(remove!, 'kept-github', MAINTAINER, getDb())).toEqual({
      requeued: false,
      settled: [add, remove],
    })
    const rows = await getDb()
      .selectFrom('label_change')
      .select(['status', 'resolution', 'resolved_by_login'])
      .execute()
    expect(rows).toEqual([
      { status: 'conflict', resolution: 'kept-github', resolved_by_login: 'maintainer' },
      { status: 'conflict', resolution: 'kept-github', resolved_by_login: 'maintainer' },
    ])
    await expect(resolveLabelConflict(add!, 'reapplied', MAINTAINER, getDb())).rejects.toThrow(
      'was already settled by maintainer',
    )
  })

  test('settling twice, a row that is no conflict or an unknown id is refused and changes nothing', async () => {
    const id = await conflict()
    await resolveLabelConflict(id, 'kept-github', MAINTAINER, getDb())
    const before = await getDb().selectFrom('label_change').selectAll().orderBy('id').execute()

    await expect(resolveLabelConflict(id, 'reapplied', MAINTAINER, getDb())).rejects.toThrow(
      'was already settled by maintainer',
    )
    await expect(resolveLabelConflict(999_999, 'kept-github', MAINTAINER, getDb())).rejects.toThrow(
      Refusal,
    )
    await expect(
      resolveLabelConflict(id, 'whatever' as 'kept-github', MAINTAINER, getDb()),
    ).rejects.toThrow('is not a choice')
    expect(await getDb().selectFrom('label_change').selectAll().orderBy('id').execute()).toEqual(
      before,
    )
  })
})

describe('drainLabelOutbox', () => {
  test('sends the queued plan with the stored scheme, and a broken scheme holds the changes back', async () => {
    const github = await createFakeGitHub()
    onTestFinished(() => github.close())
    github.addRepository('mirage/a')
    github.addIssue('mirage/a', { title: 'One', labels: ['bug'] })
    const repositoryId = await mirrorIssues('mirage/a', { 1: ['bug'] })
    await tag('mirage/a#1')
    await getDb()
      .insertInto('label_scheme_override')
      .values({
        repository_id: repositoryId,
        value: 'language:1',
        label: 'E-easy',
        updated_by_login: 'm',
      })
      .execute()
    await queueLabelPlans({ selection: 'all', actor: MAINTAINER, db: getDb() })

    // The scheme breaks after the plan was queued: nothing may go out under it.
    await getDb()
      .insertInto('label_scheme_override')
      .values({
        repository_id: repositoryId,
        value: 'size:week',
        label: 'E-easy',
        updated_by_login: 'm',
      })
      .execute()
    const held = await drainLabelOutbox({
      db: getDb(),
      client: fakeClient(github),
      minIntervalMs: 0,
    })
    expect(held).toMatchObject({ requests: 0, retried: 5 })
    expect(github.requestLog).toEqual([])
    const waiting = await getDb().selectFrom('label_change').select('last_error').execute()
    expect(waiting[0]!.last_error).toContain('The label scheme of mirage/a has problems')

    await getDb().deleteFrom('label_scheme_override').where('value', '=', 'size:week').execute()
    const finished: string[] = []
    const summary = await drainLabelOutbox({
      db: getDb(),
      client: fakeClient(github),
      minIntervalMs: 0,
      onFinish: (change, outcome) => finished.push(`${change.label}: ${outcome.status}`),
    })

    expect(summary).toMatchObject({ done: 5, conflicts: 0, failed: 0 })
    expect([...github.issue('mirage/a', 1)!.labels].sort()).toEqual(
      ['E-easy', 'bug', 'domain-level/2★', 'domain/networking', 'size/week', 'starter'].sort(),
    )
    expect(finished).toHaveLength(5)
    expect(github.clobberingCalls).toEqual([])
    expect(await countOpenLabelChanges(undefined, getDb())).toBe(0)
    // The mirror took GitHub's answers: the plan is empty at once, without waiting for a sync.
    const after = await buildLabelPlans({ db: getDb() })
    expect(after.totals).toEqual({ issues: 0, adds: 0, removes: 0, creates: 0 })
  })

  test('after a conflict the mirror has GitHub’s labels: keeping them leaves nothing to plan on the issue', async () => {
    const github = await createFakeGitHub()
    onTestFinished(() => github.close())
    github.addRepository('mirage/a')
    github.addIssue('mirage/a', { title: 'One', labels: ['bug', ...WANTED] })
    await mirror(getDb(), repositoryPayload('mirage/a'), [github.payloads.issue('mirage/a', 1)])
    const projectId = await tag('mirage/a#1')
    // The board re-rates it (lang/1★ → lang/2★) and queues that.
    await rateStarterProject(projectId, { languageStars: 2, domainStars: 2 }, null, getDb())
    await queueLabelPlans({ selection: 'all', actor: MAINTAINER, db: getDb() })
    // Meanwhile, a minute after the re-rate, a person makes it lang/3★ on GitHub.
    const rerated = await getDb()
      .selectFrom('rating_audit')
      .select((eb) => eb.fn.max('at').as('at'))
      .executeTakeFirstOrThrow()
    const github3 = ['bug', 'lang/3★', ...WANTED.filter((label) => label !== 'lang/1★')]
    github.updateIssue('mirage/a', 1, {
      labels: github3,
      updatedAt: new Date(rerated.at!.getTime() + 60_000),
    })

    const summary = await drainLabelOutbox({
      db: getDb(),
      client: fakeClient(github),
      minIntervalMs: 0,
    })

    expect(summary).toMatchObject({ conflicts: 2, done: 0 })
    expect(github.requestLog.filter((entry) => entry.method !== 'GET')).toEqual([])
    // The worker's fresh read refreshed the mirror, as a sync would have.
    const mirrored = await getDb()
      .selectFrom('issue')
      .select('label_keys')
      .where('number', '=', 1)
      .executeTakeFirstOrThrow()
    expect(mirrored.label_keys).toEqual(github3.map((label) => label.toLowerCase()).sort())
    // ... and the learning took the person's change as from GitHub, as it does from a sync.
    const learned = await getDb()
      .selectFrom('label_learning')
      .select(['label', 'action', 'source', 'outcome'])
      .execute()
    expect(learned).toEqual([
      { label: 'lang/3★', action: 'add', source: 'sync', outcome: 'learned' },
    ])
    const [conflictRow] = await getDb()
      .selectFrom('label_change')
      .select('id')
      .where('status', '=', 'conflict')
      .orderBy('id')
      .execute()
    await resolveLabelConflict(conflictRow!.id, 'kept-github', MAINTAINER, getDb())

    const project = await getDb()
      .selectFrom('starter_project')
      .select('language_stars')
      .where('id', '=', projectId)
      .executeTakeFirstOrThrow()
    expect(project.language_stars).toBe(3)
    // No phantom change: the plan does not propose the person's labels back as the board's.
    const plans = await buildLabelPlans({ db: getDb() })
    expect(plans.totals).toEqual({ issues: 0, adds: 0, removes: 0, creates: 0 })
  })
})
