import fc from 'fast-check'
import { expect, onTestFinished, test } from 'vitest'

import { setupTestDatabase } from '../../test/database'
import { createFakeGitHub } from '../../test/fake-github/server'
import { mirror } from '../../test/mirror'
import { fakeClient } from '../../test/sync-helpers'
import type { IssuePayload, RepositoryPayload } from '../github/map'

import { enqueueLabelChanges } from './outbox/outbox.server'
import { runLabelWorker } from './outbox/worker.server'
import { planIssue } from './plan/plan'
import { defaultScheme, labelKey, resolveScheme } from './scheme/scheme'

// The write-back's laws end to end, on the real outbox, worker, mirror and a GitHub that records
// every clobbering call: for any labels people set and any sequence of board plans, every label
// outside the board's namespaces survives, GitHub ends with exactly the people's labels plus the
// board's last plan, and planning the same again afterwards sends nothing at all.

const getDb = setupTestDatabase()

const scheme = resolveScheme(defaultScheme(), {}, { domains: ['networking', 'storage'], areas: [] })
const MANAGED = scheme.labels.map((label) => label.name)
// People's labels, some looking like the board's own.
const HUMAN = ['bug', 'help wanted', 'lang/4★', 'domain/whatever', 'priority/urgent', 'E-easy']

const managedSet = fc.uniqueArray(fc.constantFrom(...MANAGED), { maxLength: 6 })

function sorted(labels: readonly string[]) {
  return [...labels].map(labelKey).sort()
}

test('people’s labels survive any sequence of applied plans, and re-planning sends nothing', async () => {
  const github = await createFakeGitHub()
  onTestFinished(() => github.close())
  github.addRepository('acme/app')
  const repositoryPayload = github.payloads.repository('acme/app') as unknown as RepositoryPayload
  await mirror(getDb(), repositoryPayload)
  const repositoryId = repositoryPayload.id

  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.constantFrom(...HUMAN), { maxLength: 4 }),
      managedSet,
      fc.array(managedSet, { minLength: 1, maxLength: 3 }),
      async (human, initial, plans) => {
        const { number } = github.addIssue('acme/app', { labels: [...human, ...initial] })
        const mirrorIssue = () =>
          mirror(getDb(), repositoryPayload, [
            github.payloads.issue('acme/app', number) as unknown as IssuePayload,
          ])
        await mirrorIssue()
        const mirrored = async () => {
          const rows = await getDb()
            .selectFrom('issue')
            .select('label_keys')
            .where('repository_id', '=', repositoryId)
            .where('number', '=', number)
            .executeTakeFirstOrThrow()
          return rows.label_keys
        }

        for (const desired of plans) {
          // Planned against the mirror, as the board does.
          const current = await mirrored()
          const plan = planIssue({ current, desired, scheme })
          const base = current.filter(scheme.isManaged)
          await enqueueLabelChanges(
            [
              ...plan.add.map((label) => ({ label, action: 'add' as const })),
              ...plan.remove.map((label) => ({ label, action: 'remove' as const })),
            ].map((change) => ({ ...change, repositoryId, issueNumber: number, baseLabels: base })),
            { id: null, login: 'maintainer' },
            getDb(),
          )
          const summary = await runLabelWorker({
            db: getDb(),
            client: fakeClient(github),
            workerId: 'property',
            schemeFor: () => scheme,
            minIntervalMs: 0,
          })
          expect(summary).toMatchObject({ conflicts: 0, failed: 0, retried: 0 })
          expect(sorted(github.issue('acme/app', number)!.labels)).toEqual(
            sorted([...human, ...desired]),
          )
        }

        // The mirror took GitHub's answers: the same plan again is empty, so nothing is queued
        // and not one request is sent.
        const last = plans.at(-1)!
        const again = planIssue({ current: await mirrored(), desired: last, scheme })
        expect(again).toEqual({ add: [], remove: [] })
        github.clearLog()
        const summary = await runLabelWorker({
          db: getDb(),
          client: fakeClient(github),
          workerId: 'property',
          schemeFor: () => scheme,
          minIntervalMs: 0,
        })
        expect(summary.requests).toBe(0)
        expect(github.requestLog).toEqual([])
        expect(github.clobberingCalls).toEqual([])
        expect(github.autoCreatedLabels).toEqual([])
      },
    ),
    { numRuns: 15 },
  )
})
