import { expect, onTestFinished, test, vi } from 'vitest'

import { setupTestDatabase } from '../../../test/database'
import { repositoryPayload } from '../../../test/factories'
import { createFakeGitHub } from '../../../test/fake-github/server'
import { mirror } from '../../../test/mirror'

import { enqueueLabelChanges } from './outbox.server'
import { createLabelWorkerLoop } from './runner.server'

const getDb = setupTestDatabase()

test('the server’s label worker waiting out a used-up rate limit says so in one log line', async () => {
  const github = await createFakeGitHub()
  onTestFinished(() => github.close())
  github.addRepository('acme/app')
  github.addIssue('acme/app', { title: 'Crash', labels: ['bug'] })
  await mirror(getDb(), repositoryPayload('acme/app'))
  const repository = await getDb()
    .selectFrom('repository')
    .select('id')
    .where('full_name', '=', 'acme/app')
    .executeTakeFirstOrThrow()
  await enqueueLabelChanges(
    [
      {
        repositoryId: Number(repository.id),
        issueNumber: 1,
        label: 'starter',
        action: 'add',
        baseLabels: [],
      },
    ],
    { id: null, login: 'maintainer' },
    getDb(),
  )
  github.rateLimit.set({ remaining: 0, resetAt: Date.now() + 3_600_000 })
  const written: string[] = []
  const quiet = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    written.push(String(chunk))
    return true
  })
  onTestFinished(() => quiet.mockRestore())

  // The waits cost no time here; the limit stays used up, so the retries run out.
  const loop = createLabelWorkerLoop({
    token: 'test-token',
    baseUrl: github.url,
    intervalMs: 3_600_000,
    waitScale: 0,
  })
  onTestFinished(() => loop.stop())
  loop.kick()
  await vi.waitFor(() => expect(loop.status().lastFinishedAt).not.toBeNull(), {
    timeout: 30_000,
  })

  const waits = written
    .join('')
    .split('\n')
    .filter((line) => line.includes('waiting'))
  expect(waits).toHaveLength(1)
  // The sync sweep's words, naming the label worker.
  expect(waits[0]).toContain("label worker waiting: GitHub's rate limit is used up")
  expect(waits[0]).toMatch(/until=\d{4}-\d\d-\d\dT|"until":"\d{4}-/)
})
