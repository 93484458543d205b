import type { GitHubFailure } from '../../github/labels.server'

import type { LabelChangeOutcome } from './outbox.server'

// What a failed request means for its change, in the words the label log shows: permanent
// failures fail the change, transient ones give it back to the outbox for a later run.

/** A change's outcome as the worker records it (the worker's id is added when recording). */
export type Verdict = Omit<LabelChangeOutcome, 'worker'>

/** A failure as the row's outcome: permanent ones fail, transient ones go back to the outbox. */
export function verdictFor(failure: GitHubFailure, what: string, fullName: string): Verdict {
  const { status, message } = failure
  const answered =
    status === null ? `no answer from GitHub: ${message}` : `GitHub answered ${status}: ${message}`
  switch (failure.kind) {
    case 'forbidden':
      return {
        status: 'failed',
        githubStatus: status,
        error: `The token cannot write to ${fullName} (${answered}).`,
      }
    case 'gone':
      return {
        status: 'failed',
        githubStatus: status,
        error: `${what} is gone from GitHub: deleted, transferred, or hidden from this token (${answered}).`,
      }
    case 'moved':
      return {
        status: 'failed',
        githubStatus: status,
        error: `${what} has moved on GitHub (transferred or renamed); plan it again where it is now.`,
      }
    case 'unauthorized':
      return {
        status: 'pending',
        githubStatus: status,
        error: `The token was refused (${answered}).`,
      }
    case 'rejected':
      return { status: 'failed', githubStatus: status, error: `${what}: ${answered}.` }
    case 'not-github':
      // A setting to fix (GITHUB_API_URL), not GitHub's verdict on the change: it waits for it.
      return {
        status: 'pending',
        githubStatus: status,
        error: `${what} will be tried again: ${message}.`,
      }
    case 'transient':
      return {
        status: 'pending',
        githubStatus: status,
        error: `${what} will be tried again: ${answered}.`,
      }
  }
}
