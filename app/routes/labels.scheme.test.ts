import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { expect, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { issuePayload, labelPayload, repositoryPayload } from '../../test/factories'
import { mirror } from '../../test/mirror'
import { callAction, callLoader } from '../../test/route-requests'
import { createAccount, createMaintainer } from '../../test/starter-factories'
import { loadDemoData } from '../demo/demo.server'
import { DemoCopiesNotice } from '../labels/ui/scheme-form'

import { action, loader } from './labels.scheme'

const getDb = setupTestDatabase()

async function mirrorApp() {
  await mirror(getDb(), repositoryPayload('acme/app'), [
    issuePayload('acme/app', 1, {
      labels: [labelPayload('lang/1★', { color: '0e8a16' }), labelPayload('E-easy')],
    }),
  ])
}

const post = (form: Record<string, string>, accountId?: number) =>
  callAction(action, '/labels/scheme?repo=acme/app', form, { accountId })

async function snapshot() {
  const [overrides, changes] = await Promise.all([
    getDb().selectFrom('label_scheme_override').selectAll().execute(),
    getDb().selectFrom('label_change').selectAll().execute(),
  ])
  return { overrides, changes }
}

test('the scheme page is for maintainers only', async () => {
  await mirrorApp()
  const ana = await createAccount(getDb(), 'ana')
  const form = { intent: 'preview', repo: 'acme/app', 'label:language:1': 'easy' }
  expect((await callLoader(loader, '/labels/scheme')).status).toBe(401)
  expect((await callLoader(loader, '/labels/scheme', { accountId: ana.id })).status).toBe(403)
  expect((await post(form)).status).toBe(401)
  expect((await post({ ...form, intent: 'save' }, ana.id)).status).toBe(403)
  expect(await snapshot()).toEqual({ overrides: [], changes: [] })
})

test('the page lists mirrored repositories, then each value of the one picked', async () => {
  await mirrorApp()
  const mia = await createAccount(getDb(), 'mia', 'maintainer')

  const empty = await (await callLoader(loader, '/labels/scheme', { accountId: mia.id })).json()
  expect(
    empty.repositories.map((repository: { full_name: string }) => repository.full_name),
  ).toEqual(['acme/app'])
  expect(empty.settings).toBeNull()

  const response = await callLoader(loader, '/labels/scheme?repo=acme/app', { accountId: mia.id })
  const { settings } = await response.json()
  expect(settings.catalogue.map((label: { name: string }) => label.name)).toEqual([
    'E-easy',
    'lang/1★',
  ])
  expect(settings.rows[1]).toEqual({
    value: 'language:1',
    description: 'OCaml difficulty 1★',
    defaultLabel: 'lang/1★',
    override: null,
    currentLabel: 'lang/1★',
    color: '0e8a16',
    isOnGitHub: true,
    suggestion: null,
  })
  const missing = await callLoader(loader, '/labels/scheme?repo=acme/gone', { accountId: mia.id })
  expect(missing.status).toBe(404)
})

test('a preview shows the changes, and saving what was previewed stores it and queues the rename', async () => {
  await mirrorApp()
  const mia = await createMaintainer(getDb(), 'mia')
  const names = { 'label:language:1': 'easy', 'label:language:2': 'E-easy', 'label:starter': '' }

  const previewed = await post({ intent: 'preview', repo: 'acme/app', ...names }, mia.id)
  expect(previewed.status).toBe(200)
  const preview = await previewed.json()
  expect(preview).toMatchObject({ intent: 'preview', ok: true, problems: [] })
  expect(
    preview.changes.map((change: { kind: string; to: string }) => [change.kind, change.to]),
  ).toEqual([
    ['rename', 'easy'],
    ['adopt', 'E-easy'],
  ])
  expect(await snapshot()).toEqual({ overrides: [], changes: [] })

  const saved = await post(
    { intent: 'save', repo: 'acme/app', previewed: preview.proposalKey, ...names },
    mia.id,
  )
  expect(saved.status).toBe(200)
  expect(await saved.json()).toMatchObject({ intent: 'save', ok: true })
  const { overrides, changes } = await snapshot()
  expect(
    overrides.map(({ value, label, updated_by_login }) => [value, label, updated_by_login]),
  ).toEqual(
    expect.arrayContaining([
      ['language:1', 'easy', 'mia'],
      ['language:2', 'E-easy', 'mia'],
    ]),
  )
  expect(changes).toMatchObject([
    { action: 'rename', label: 'lang/1★', new_label: 'easy', status: 'pending' },
  ])
})

test('a demo maintainer saving names that rename a label on a mirror is refused, nothing saved or queued', async () => {
  await mirrorApp()
  const dana = await createAccount(getDb(), 'demo-maintainer', 'maintainer')
  const names = { 'label:language:1': 'easy' }
  const preview = await (
    await post({ intent: 'preview', repo: 'acme/app', ...names }, dana.id)
  ).json()

  const saved = await post(
    { intent: 'save', repo: 'acme/app', previewed: preview.proposalKey, ...names },
    dana.id,
  )

  expect(saved.status).toBe(403)
  expect(await saved.json()).toMatchObject({
    ok: false,
    message: expect.stringMatching(
      /^Demo people’s label changes are never sent to GitHub, and acme\/app is mirrored from GitHub: nothing was queued\./,
    ),
  })
  expect(await snapshot()).toEqual({ overrides: [], changes: [] })
})

test('saving without a preview, or with other names than previewed, previews instead', async () => {
  await mirrorApp()
  const mia = await createAccount(getDb(), 'mia', 'maintainer')

  const unpreviewed = await post(
    { intent: 'save', repo: 'acme/app', 'label:language:1': 'easy' },
    mia.id,
  )
  expect(await unpreviewed.json()).toMatchObject({
    intent: 'preview',
    ok: false,
    message: expect.stringMatching(/Preview the change first/),
  })
  const preview = await (
    await post({ intent: 'preview', repo: 'acme/app', 'label:language:1': 'easy' }, mia.id)
  ).json()
  const edited = await post(
    {
      intent: 'save',
      repo: 'acme/app',
      previewed: preview.proposalKey,
      'label:language:1': 'simple',
    },
    mia.id,
  )
  expect(await edited.json()).toMatchObject({
    intent: 'preview',
    ok: false,
    message: expect.stringMatching(/changed since the preview/),
  })
  expect(await snapshot()).toEqual({ overrides: [], changes: [] })
})

test('bad names get a message per field and nothing is saved', async () => {
  await mirrorApp()
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const names = {
    'label:language:1': 'x'.repeat(51),
    'label:language:2': 'easy',
    'label:language:3': 'easy',
  }

  const response = await post({ intent: 'preview', repo: 'acme/app', ...names }, mia.id)
  expect(response.status).toBe(400)
  const body = await response.json()
  expect(body.ok).toBe(false)
  expect(body.changes).toEqual([])
  expect(body.problems).toEqual([
    {
      kind: 'name-too-long',
      values: ['language:1'],
      message: expect.stringMatching(/51 characters long; GitHub allows 50/),
    },
    {
      kind: 'collision',
      values: ['language:2', 'language:3'],
      message:
        'The label "easy" would stand for OCaml difficulty 2★ and OCaml difficulty 3★ at once: give each its own label.',
    },
  ])
  // Even a save carrying a matching key is refused.
  const saved = await post(
    { intent: 'save', repo: 'acme/app', previewed: body.proposalKey, ...names },
    mia.id,
  )
  expect(saved.status).toBe(400)
  expect(await snapshot()).toEqual({ overrides: [], changes: [] })
})

test('an unknown intent or repository is refused with a message', async () => {
  await mirrorApp()
  const mia = await createAccount(getDb(), 'mia', 'maintainer')

  const badIntent = await post({ intent: 'delete', repo: 'acme/app' }, mia.id)
  expect(badIntent.status).toBe(400)
  expect((await badIntent.json()).message).toMatch(/Choose "Preview"/)
  const badRepo = await post({ intent: 'preview', repo: 'not a repo' }, mia.id)
  expect(badRepo.status).toBe(400)
  const unknown = await post({ intent: 'preview', repo: 'acme/gone' }, mia.id)
  expect(unknown.status).toBe(404)
  expect((await unknown.json()).message).toMatch(/acme\/gone is not a mirrored repository/)
})

test('on the demo’s copies the page says renames are kept and logged, never sent to GitHub', async () => {
  await mirrorApp()
  const mia = await createAccount(getDb(), 'mia', 'maintainer')
  const mirrored = await (
    await callLoader(loader, '/labels/scheme?repo=acme/app', { accountId: mia.id })
  ).json()
  expect(mirrored.holdsDemo).toBe(false)

  await loadDemoData(getDb())
  const demo = await (await callLoader(loader, '/labels/scheme', { accountId: mia.id })).json()
  expect(demo.holdsDemo).toBe(true)
  expect(renderToStaticMarkup(createElement(DemoCopiesNotice))).toContain(
    'renames queued and logged, but never sent to GitHub',
  )
})
