import { expect, onTestFinished, test } from 'vitest'

import type { Database } from '../../../db/client.server'
import { setupTestDatabase } from '../../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../../test/factories'
import { createFakeGitHub } from '../../../test/fake-github/server'
import { mirror } from '../../../test/mirror'
import { createProject } from '../../../test/starter-factories'
import { fakeClient } from '../../../test/sync-helpers'
import { upsertLabels } from '../../mirror/label.server'
import { sweep } from '../../sync/sweep.server'
import { Refusal } from '../../utils/refusal'
import { enqueueLabelRename, listLabelChanges } from '../outbox/outbox.server'
import { storedSchemes } from '../outbox/runner.server'
import { runLabelWorker } from '../outbox/worker.server'
import { buildLabelPlans } from '../plan/plans.server'

import {
  getSchemeSettings,
  previewSchemeChange,
  saveSchemeOverrides,
} from './scheme-settings.server'

const getDb = setupTestDatabase()

const MAINTAINER = { id: null, login: 'mia' }
const STARTER_LABELS = ['starter', 'domain/networking', 'lang/1★', 'domain-level/1★', 'size/week']

/** A mirrored repository whose catalogue holds these labels (the first on issue #1). */
async function mirrorRepository(db: Database, labels: string[], fullName = 'acme/app') {
  const repository = repositoryPayload(fullName)
  const [first, ...others] = labels.map((name) => labelPayload(name))
  await mirror(db, repository, [issuePayload(fullName, 1, { labels: first ? [first] : [] })])
  await upsertLabels(
    others.map((label) => ({ ...label, repository_id: repository.id })),
    db,
  )
  return repository.id
}

/** Both tables a save writes, to compare before and after a refusal. */
async function snapshot(db: Database) {
  const [overrides, changes] = await Promise.all([
    db.selectFrom('label_scheme_override').selectAll().orderBy('value').execute(),
    db.selectFrom('label_change').selectAll().orderBy('id').execute(),
  ])
  return { overrides, changes }
}

async function openRenames(repositoryId: number) {
  const log = await listLabelChanges({ repositoryId }, getDb())
  return log.items
    .filter((item) => item.action === 'rename')
    .map(({ label, new_label, status }) => ({ label, new_label, status }))
    .reverse()
}

test('a preview says per value whether its label is renamed, adopted or simply new', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★', 'E-easy', 'bug'])

  const preview = await previewSchemeChange(
    repositoryId,
    { 'language:1': 'easy', 'language:2': 'E-easy', 'language:3': 'hard', starter: '' },
    getDb(),
  )

  expect(preview.problems).toEqual([])
  expect(preview.changes).toEqual([
    {
      value: 'language:1',
      description: 'OCaml difficulty 1★',
      from: 'lang/1★',
      to: 'easy',
      kind: 'rename',
      onGitHub: 'lang/1★',
      withdraws: null,
    },
    {
      value: 'language:2',
      description: 'OCaml difficulty 2★',
      from: 'lang/2★',
      to: 'E-easy',
      kind: 'adopt',
      onGitHub: null,
      withdraws: null,
    },
    {
      value: 'language:3',
      description: 'OCaml difficulty 3★',
      from: 'lang/3★',
      to: 'hard',
      kind: 'new',
      onGitHub: null,
      withdraws: null,
    },
  ])
  expect(preview.renames).toEqual([{ value: 'language:1', from: 'lang/1★', to: 'easy' }])
})

test('the settings offer a label the repository already has for a value, until a name is chosen', async () => {
  const repositoryId = await mirrorRepository(getDb(), [
    'bug',
    'good first issue',
    'area/networking',
  ])
  const suggestions = async () =>
    Object.fromEntries(
      (await getSchemeSettings(repositoryId, getDb())).rows
        .filter((row) => row.suggestion !== null)
        .map((row) => [row.value, row.suggestion]),
    )
  expect(await suggestions()).toEqual({
    starter: 'good first issue',
    'domain:networking': 'area/networking',
  })
  // Once the repository's name is the scheme's, there is nothing left to offer.
  await saveSchemeOverrides(repositoryId, { starter: 'good first issue' }, MAINTAINER, getDb())
  expect(await suggestions()).toEqual({ 'domain:networking': 'area/networking' })
})

test('a blank name or the default name is no change at all', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★'])

  const preview = await previewSchemeChange(
    repositoryId,
    { 'language:1': 'lang/1★', starter: '   ' },
    getDb(),
  )

  expect(preview).toEqual({ problems: [], changes: [], renames: [] })
})

test('a proposal with problems shows them and no changes', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★'])

  const preview = await previewSchemeChange(
    repositoryId,
    { 'language:1': 'x'.repeat(51), 'language:2': 'easy', 'language:3': 'Easy' },
    getDb(),
  )

  expect(preview.changes).toEqual([])
  expect(preview.problems.map((problem) => [problem.kind, problem.values])).toEqual([
    ['name-too-long', ['language:1']],
    ['collision', ['language:2', 'language:3']],
  ])
  expect(preview.problems[1]!.message).toMatch(
    /"easy" would stand for OCaml difficulty 2★ and OCaml difficulty 3★/,
  )
})

test('saving stores the overrides and queues the renames in one go', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★', 'E-easy'])

  const saved = await saveSchemeOverrides(
    repositoryId,
    { 'language:1': 'easy', 'language:2': 'E-easy', 'size:week': 'size/week' },
    MAINTAINER,
    getDb(),
  )

  expect(saved).toMatchObject({ overrides: 2, queued: 1, withdrawn: 0 })
  const rows = await getDb()
    .selectFrom('label_scheme_override')
    .select(['repository_id', 'value', 'label', 'updated_by_login'])
    .orderBy('value')
    .execute()
  expect(rows).toEqual([
    { repository_id: repositoryId, value: 'language:1', label: 'easy', updated_by_login: 'mia' },
    { repository_id: repositoryId, value: 'language:2', label: 'E-easy', updated_by_login: 'mia' },
  ])
  const [rename] = (await listLabelChanges({ repositoryId }, getDb())).items
  expect(rename).toMatchObject({
    issue_number: null,
    label: 'lang/1★',
    new_label: 'easy',
    action: 'rename',
    status: 'pending',
    requested_by_login: 'mia',
  })

  // Saving the same names again changes nothing and queues nothing.
  const again = await saveSchemeOverrides(
    repositoryId,
    { 'language:1': 'easy', 'language:2': 'E-easy' },
    { id: null, login: 'ben' },
    getDb(),
  )
  expect(again).toMatchObject({ changes: [], queued: 0, overrides: 2 })
  expect((await listLabelChanges({ repositoryId }, getDb())).items).toHaveLength(1)
  const kept = await getDb()
    .selectFrom('label_scheme_override')
    .select('updated_by_login')
    .execute()
  expect(kept.map((row) => row.updated_by_login)).toEqual(['mia', 'mia'])
})

test('saving a blank name goes back to the default: the override row is removed', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['bug'])
  await saveSchemeOverrides(repositoryId, { starter: 'good first issue' }, MAINTAINER, getDb())

  const saved = await saveSchemeOverrides(repositoryId, { starter: '' }, MAINTAINER, getDb())

  expect(saved.changes).toMatchObject([
    { value: 'starter', from: 'good first issue', to: 'starter' },
  ])
  expect(await getDb().selectFrom('label_scheme_override').selectAll().execute()).toEqual([])
})

test('a proposal with problems is refused and nothing is stored or queued', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★', 'lang/2★'])
  await saveSchemeOverrides(repositoryId, { 'language:1': 'easy' }, MAINTAINER, getDb())
  const before = await snapshot(getDb())

  const proposals: Record<string, string>[] = [
    { 'language:1': 'simple', 'language:2': 'simple' },
    { 'language:1': 'simple', 'size:week': 'y'.repeat(60) },
    { 'language:1': 'simple', 'language:9': 'nine' },
    { 'language:1': ' simple' },
  ]
  for (const proposal of proposals) {
    await expect(saveSchemeOverrides(repositoryId, proposal, MAINTAINER, getDb())).rejects.toThrow(
      Refusal,
    )
  }

  expect(await snapshot(getDb())).toEqual(before)
})

test('an unknown repository is refused', async () => {
  await expect(
    saveSchemeOverrides(999_999, { starter: 'newcomers' }, MAINTAINER, getDb()),
  ).rejects.toThrow(/no mirrored repository #999999/)
  await expect(previewSchemeChange(999_999, {}, getDb())).rejects.toThrow(Refusal)
  expect(await snapshot(getDb())).toEqual({ overrides: [], changes: [] })
})

test('moving a name back before the rename is sent withdraws it: no rename at all', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★'])
  await saveSchemeOverrides(repositoryId, { 'language:1': 'easy' }, MAINTAINER, getDb())

  const preview = await previewSchemeChange(repositoryId, { 'language:1': '' }, getDb())
  expect(preview.changes).toEqual([
    {
      value: 'language:1',
      description: 'OCaml difficulty 1★',
      from: 'easy',
      to: 'lang/1★',
      kind: 'withdraw',
      onGitHub: 'lang/1★',
      withdraws: { from: 'lang/1★', to: 'easy' },
    },
  ])
  const saved = await saveSchemeOverrides(repositoryId, { 'language:1': '' }, MAINTAINER, getDb())

  expect(saved).toMatchObject({ queued: 0, withdrawn: 1 })
  expect(await openRenames(repositoryId)).toEqual([
    { label: 'lang/1★', new_label: 'easy', status: 'skipped' },
  ])
  const [withdrawn] = (await listLabelChanges({ repositoryId }, getDb())).items
  expect(withdrawn!.last_error).toMatch(/Withdrawn before it was sent: mia changed/)
})

test('changing a name again before the rename is sent replaces it with one rename from GitHub’s name', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★'])
  await saveSchemeOverrides(repositoryId, { 'language:1': 'easy' }, MAINTAINER, getDb())

  const saved = await saveSchemeOverrides(
    repositoryId,
    { 'language:1': 'simple' },
    MAINTAINER,
    getDb(),
  )

  expect(saved.changes).toMatchObject([
    {
      from: 'easy',
      to: 'simple',
      kind: 'rename',
      onGitHub: 'lang/1★',
      withdraws: { from: 'lang/1★', to: 'easy' },
    },
  ])
  expect(await openRenames(repositoryId)).toEqual([
    { label: 'lang/1★', new_label: 'easy', status: 'skipped' },
    { label: 'lang/1★', new_label: 'simple', status: 'pending' },
  ])
})

test('a rename being sent is not withdrawn: the next one starts from its new name', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★'])
  await saveSchemeOverrides(repositoryId, { 'language:1': 'easy' }, MAINTAINER, getDb())
  await getDb()
    .updateTable('label_change')
    .set({ status: 'running', claimed_by: 'worker-a' })
    .execute()

  const saved = await saveSchemeOverrides(
    repositoryId,
    { 'language:1': 'simple' },
    MAINTAINER,
    getDb(),
  )

  expect(saved).toMatchObject({ withdrawn: 0, renames: [{ from: 'easy', to: 'simple' }] })
  expect(await openRenames(repositoryId)).toEqual([
    { label: 'lang/1★', new_label: 'easy', status: 'running' },
    { label: 'easy', new_label: 'simple', status: 'pending' },
  ])
})

test('a name taken over from another value is renamed only after that one frees it', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★', 'lang/2★'])

  const preview = await previewSchemeChange(
    repositoryId,
    { 'language:1': 'lang/2★', 'language:2': 'medium' },
    getDb(),
  )

  expect(preview.renames).toEqual([
    { value: 'language:2', from: 'lang/2★', to: 'medium' },
    { value: 'language:1', from: 'lang/1★', to: 'lang/2★' },
  ])
})

test('two labels swapping names are adopted: GitHub would refuse either rename', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★', 'lang/2★'])

  const preview = await previewSchemeChange(
    repositoryId,
    { 'language:1': 'lang/2★', 'language:2': 'lang/1★' },
    getDb(),
  )

  expect(preview.changes.map((change) => change.kind)).toEqual(['adopt', 'adopt'])
  expect(preview.renames).toEqual([])
})

test('a change of case only is a rename: GitHub takes a new spelling of the same label', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['starter'])

  const preview = await previewSchemeChange(repositoryId, { starter: 'Starter' }, getDb())

  expect(preview.changes).toMatchObject([{ kind: 'rename', onGitHub: 'starter', to: 'Starter' }])
  expect(preview.renames).toEqual([{ value: 'starter', from: 'starter', to: 'Starter' }])
})

test('the same open rename cannot be queued twice', async () => {
  const repositoryId = await mirrorRepository(getDb(), ['lang/1★'])
  const rename = { repositoryId, from: 'lang/1★', to: 'easy' }

  expect(await enqueueLabelRename(rename, MAINTAINER, getDb())).toBe(true)
  expect(await enqueueLabelRename({ ...rename, to: 'simple' }, MAINTAINER, getDb())).toBe(false)
  await expect(
    enqueueLabelRename({ ...rename, to: 'x'.repeat(51) }, MAINTAINER, getDb()),
  ).rejects.toThrow(/51 characters long/)
  expect(await openRenames(repositoryId)).toEqual([
    { label: 'lang/1★', new_label: 'easy', status: 'pending' },
  ])
})

/** acme/app on the fake GitHub, mirrored by a real sync, issue #1 a starter project. */
async function starterIssueOnGitHub() {
  const github = await createFakeGitHub()
  onTestFinished(() => github.close())
  github.addRepository('acme/app')
  github.addIssue('acme/app', { title: 'Parse headers', labels: ['bug', ...STARTER_LABELS] })
  const client = fakeClient(github)
  await sweep(client, [{ kind: 'repository', fullName: 'acme/app' }], { db: getDb() })
  const repository = await getDb()
    .selectFrom('repository')
    .select('id')
    .where('full_name', '=', 'acme/app')
    .executeTakeFirstOrThrow()
  await createProject(getDb(), { issue: 'acme/app#1' })
  const work = () =>
    runLabelWorker({
      db: getDb(),
      client,
      workerId: 'worker-a',
      schemeFor: storedSchemes(getDb()),
      minIntervalMs: 0,
    })
  return { github, repositoryId: repository.id, work }
}

test('a rename is one PATCH new_name: the issue keeps its label under the new name', async () => {
  const { github, repositoryId, work } = await starterIssueOnGitHub()
  expect((await buildLabelPlans({ db: getDb() })).totals.issues).toBe(0)
  const labelId = github.labels('acme/app').find((label) => label.name === 'lang/1★')!.id
  github.clearLog()

  await saveSchemeOverrides(repositoryId, { 'language:1': 'easy' }, MAINTAINER, getDb())
  const summary = await work()

  expect(summary).toMatchObject({ done: 1, failed: 0 })
  expect(github.requestLog.map((entry) => [entry.method, entry.path, entry.body])).toEqual([
    ['PATCH', `/repos/acme/app/labels/${encodeURIComponent('lang/1★')}`, { new_name: 'easy' }],
  ])
  expect(github.clobberingCalls).toEqual([])
  expect(github.autoCreatedLabels).toEqual([])
  expect(github.issue('acme/app', 1)!.labels).toContain('easy')
  expect(github.issue('acme/app', 1)!.labels).not.toContain('lang/1★')
  // The mirror's label is the same row under its new name, still on the issue.
  const mirrored = await getDb()
    .selectFrom('label')
    .select(['id', 'name'])
    .where('repository_id', '=', repositoryId)
    .where('name', 'in', ['easy', 'lang/1★'])
    .execute()
  expect(mirrored).toEqual([{ id: labelId, name: 'easy' }])
  const issue = await getDb()
    .selectFrom('issue')
    .select('label_keys')
    .where('repository_id', '=', repositoryId)
    .executeTakeFirstOrThrow()
  expect(issue.label_keys).toContain('easy')

  // The issue already carries the right label: nothing to plan for it.
  const plans = await buildLabelPlans({ db: getDb() })
  expect(plans.totals).toEqual({ issues: 0, adds: 0, removes: 0, creates: 0 })
})

test('moving a name back and forth before the worker runs sends nothing', async () => {
  const { github, repositoryId, work } = await starterIssueOnGitHub()
  github.clearLog()

  await saveSchemeOverrides(repositoryId, { 'language:1': 'easy' }, MAINTAINER, getDb())
  await saveSchemeOverrides(repositoryId, { 'language:1': 'simple' }, MAINTAINER, getDb())
  await saveSchemeOverrides(repositoryId, { 'language:1': '' }, MAINTAINER, getDb())
  await work()

  expect(github.requestLog).toEqual([])
  expect(github.issue('acme/app', 1)!.labels).toContain('lang/1★')
  expect((await buildLabelPlans({ db: getDb() })).totals.issues).toBe(0)
})

test('a new name someone created on GitHub meanwhile fails the rename and leaves both labels', async () => {
  const { github, repositoryId, work } = await starterIssueOnGitHub()
  await saveSchemeOverrides(repositoryId, { 'language:1': 'easy' }, MAINTAINER, getDb())
  github.addLabel('acme/app', 'easy')
  github.clearLog()

  expect(await work()).toMatchObject({ failed: 1, done: 0 })

  expect(github.requestLog.map((entry) => [entry.method, entry.status])).toEqual([['PATCH', 422]])
  expect(github.labels('acme/app').map((label) => label.name)).toEqual(
    expect.arrayContaining(['easy', 'lang/1★']),
  )
  expect(github.issue('acme/app', 1)!.labels).toContain('lang/1★')
  const [rename] = (await listLabelChanges({ repositoryId }, getDb())).items
  expect(rename).toMatchObject({ status: 'failed', github_status: 422 })
  expect(rename!.last_error).toMatch(/a label "easy" already exists there; nothing was renamed/)
})
