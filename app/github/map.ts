import type { components } from '@octokit/openapi-types'

import type { NewLabel, NewRepository } from '../../db/schema'
import { storableText } from '../../db/storable-text'
import type { MappedIssue } from '../mirror/issue.server'

import { closingReferences, repositoryOfUrl } from './closing-references'

// Pure mapping from GitHub REST payloads to mirror rows, shared by the demo seed, the sync and the
// webhooks so that all three store exactly the same thing for the same payload.

type Schemas = components['schemas']

// The fields we read, as GitHub's OpenAPI description types them, except ids: the description
// allows int64 as bigint, but a parsed JSON body always holds plain numbers.
type WithNumericId<T> = Omit<T, 'id'> & { id: number }

export type RepositoryPayload = WithNumericId<
  Pick<
    Schemas['repository'],
    'id' | 'name' | 'full_name' | 'description' | 'html_url' | 'private' | 'fork' | 'archived'
  >
> & {
  owner: { login: string }
  pushed_at?: string | null
}

export type LabelPayload = WithNumericId<
  Pick<Schemas['label'], 'id' | 'name' | 'color' | 'description'>
>

export type IssuePayload = WithNumericId<
  Pick<
    Schemas['issue'],
    | 'id'
    | 'number'
    | 'title'
    | 'body'
    | 'state'
    | 'html_url'
    | 'comments'
    | 'created_at'
    | 'updated_at'
    | 'closed_at'
  >
> & {
  state_reason?: string | null
  user: { login: string } | null
  assignees?: { login: string }[] | null
  labels: (string | Partial<LabelPayload>)[]
  pull_request?: { merged_at?: string | null } | null
  reactions?: { '+1': number } | null
}

const storableOrNull = (text: string | null | undefined) =>
  text == null ? null : storableText(text)

export function mapRepository(payload: RepositoryPayload): NewRepository {
  return {
    id: payload.id,
    owner: payload.owner.login,
    name: payload.name,
    full_name: payload.full_name,
    description: storableOrNull(payload.description),
    html_url: payload.html_url,
    is_private: payload.private,
    is_fork: payload.fork,
    is_archived: payload.archived ?? false,
    pushed_at: payload.pushed_at ?? null,
  }
}

export function mapLabel(payload: LabelPayload, repositoryId: number): NewLabel {
  return {
    id: payload.id,
    repository_id: repositoryId,
    name: storableText(payload.name),
    color: payload.color.toLowerCase(),
    description: storableOrNull(payload.description || null),
  }
}

function isFullLabel(label: string | Partial<LabelPayload>): label is LabelPayload {
  return typeof label === 'object' && typeof label.id === 'number' && typeof label.name === 'string'
}

export function mapIssue(payload: IssuePayload, repositoryId: number): MappedIssue {
  // GitHub may send a bare label name in some legacy payloads; without an id it cannot be linked.
  const labels = payload.labels
    .filter(isFullLabel)
    .map((label) => mapLabel({ ...label, color: label.color ?? 'ededed' }, repositoryId))
  return {
    issue: {
      id: payload.id,
      repository_id: repositoryId,
      number: payload.number,
      title: storableText(payload.title),
      body: storableOrNull(payload.body),
      state: payload.state === 'closed' ? 'closed' : 'open',
      state_reason: payload.state_reason ?? null,
      is_pull_request: payload.pull_request != null,
      merged_at: payload.pull_request?.merged_at ?? null,
      author_login: payload.user?.login ?? null,
      assignee_logins: (payload.assignees ?? []).map((assignee) => assignee.login),
      comment_count: payload.comments,
      plus_one_count: payload.reactions?.['+1'] ?? 0,
      html_url: payload.html_url,
      created_at: payload.created_at,
      updated_at: payload.updated_at,
      closed_at: payload.closed_at,
      label_keys: [...new Set(labels.map((label) => label.name.toLowerCase()))].sort(),
      closes_numbers:
        payload.pull_request != null
          ? closingReferences(payload.body ?? null, repositoryOfUrl(payload.html_url))
          : [],
    },
    labels,
  }
}
