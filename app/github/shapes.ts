import { z } from 'zod/v4'

import { MAX_INTEGER } from '../utils/id'

import type { IssuePayload, LabelPayload, RepositoryPayload } from './map'

// GitHub's answers as the app reads them, checked where they come in: only the fields the app
// uses, and of those only what it relies on. A proxy, or a GITHUB_API_URL naming some other JSON
// API, answers 200 with JSON of another shape ({} for a list of issues, an issue without its
// number); unchecked, a sync failed deep inside on "Cannot read properties of undefined", or
// stored half an answer. Fields the app does not read are not looked at, and the payload is
// handed on as GitHub sent it (the schemas' own output, stripped of them, is not used: building
// it is most of zod's cost, and the mirror of 100,000 issues reads a thousand pages).
// zod/v4 (shipped inside the zod 3.25 the app depends on): a 100-issue page is checked in
// about 0.26 ms, less than JSON.parse of it takes; zod 3's own parser took 2.9 ms.

const login = z.object({ login: z.string() })
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'a date')
// Issue numbers and counts are stored in PostgreSQL `integer` columns: one past it would pass
// here and then fail the sync's transaction on insert, so it fails here, naming the field.
// GitHub's ids go to `bigint` columns; zod/v4's int() already keeps them within safe integers.
const count = z.number().int().nonnegative().max(MAX_INTEGER)
const id = z.number().int().positive()
const issueNumber = id.max(MAX_INTEGER)

const RepositoryShape = z.object({
  id,
  name: z.string(),
  full_name: z.string(),
  owner: login,
  description: z.string().nullish(),
  html_url: z.string(),
  private: z.boolean(),
  fork: z.boolean(),
  archived: z.boolean().optional(),
  pushed_at: timestamp.nullish(),
})

const LabelShape = z.object({
  id,
  name: z.string(),
  color: z.string(),
  description: z.string().nullish(),
})

/** An issue's label: GitHub's object, or a bare name in legacy payloads (map.ts skips those). */
const IssueLabelShape = z.union([
  z.string(),
  z.object({
    id: id.optional(),
    name: z.string().optional(),
    color: z.string().nullish(),
    description: z.string().nullish(),
  }),
])

const IssueShape = z.object({
  id,
  number: issueNumber,
  title: z.string(),
  body: z.string().nullish(),
  state: z.string(),
  state_reason: z.string().nullish(),
  html_url: z.string(),
  comments: count,
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable(),
  user: login.nullable(),
  assignees: z.array(login).nullish(),
  labels: z.array(IssueLabelShape),
  pull_request: z.object({ merged_at: timestamp.nullish() }).nullish(),
  reactions: z.object({ '+1': count }).nullish(),
  repository_url: z.string().optional(),
})

const InstallationShape = z.object({
  id,
  account: login.nullable(),
  suspended_at: timestamp.nullish(),
})

const AccessTokenShape = z.object({ token: z.string().min(1), expires_at: timestamp })

const UserShape = z.object({
  id,
  login: z.string().min(1),
  name: z.string().nullable(),
  avatar_url: z.string(),
})
const ViewerShape = z.object({ login: z.string().min(1) })
const PushableShape = z.object({
  full_name: z.string(),
  permissions: z.object({ push: z.boolean().optional() }).optional(),
})
const EmailShape = z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() })
const PostedIssueShape = z.object({ number: issueNumber, html_url: z.string() })
const FoundIssueShape = PostedIssueShape.extend({
  body: z.string().nullish(),
  pull_request: z.object({}).nullish(),
})

export type InstallationPayload = {
  id: number
  account: { login: string } | null
  suspended_at?: string | null
}

/** A 2xx answer in JSON that is not shaped as GitHub's: the address is probably not the API. */
export class NotGitHubShapeError extends Error {
  constructor(url: string, what: string) {
    const { origin, pathname } = new URL(url)
    super(
      `${origin} answered ${pathname} with JSON not shaped as GitHub's (${what}): set GITHUB_API_URL to GitHub's API (https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise)`,
    )
    this.name = 'NotGitHubShapeError'
  }
}

function kindOf(value: unknown) {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

const typeNames: Record<string, string> = {
  array: 'a list',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
}

/** The first mismatch, in words: "issue 3: updated_at is missing". */
function describeMismatch(error: z.ZodError, data: unknown, noun: string) {
  const issue = error.issues[0]
  if (!issue) return 'unreadable'
  const path = issue.path.filter((key) => typeof key !== 'symbol')
  const [first, ...rest] = path
  const isItem = typeof first === 'number'
  const where = isItem ? `${noun} ${first + 1}` : noun
  const fieldPath = (isItem ? rest : path).join('.')
  let received: unknown = data
  for (const key of path) received = (received as Record<string, unknown> | null)?.[key]
  if (fieldPath === '') {
    if (isItem) return `${where}: an object was expected, not ${kindOf(received)}`
    const isList = issue.code === 'invalid_type' && issue.expected === 'array'
    const plural = noun === 'repository' ? 'repositories' : `${noun}s`
    return `${isList ? `a list of ${plural}` : `a ${noun} (an object)`} was expected, not ${kindOf(received)}`
  }
  if (received === undefined) return `${where}: ${fieldPath} is missing`
  if (issue.code === 'invalid_type') {
    return `${where}: ${fieldPath} is ${kindOf(received)}, not ${typeNames[issue.expected] ?? issue.expected}`
  }
  if (issue.code === 'custom') return `${where}: ${fieldPath} is not ${issue.message}`
  return `${where}: ${fieldPath} is out of range (${JSON.stringify(received)})`
}

function check<T>(shape: z.ZodTypeAny, answer: { data: unknown; url: string }, noun: string): T {
  const result = shape.safeParse(answer.data)
  if (!result.success) {
    throw new NotGitHubShapeError(answer.url, describeMismatch(result.error, answer.data, noun))
  }
  return answer.data as T
}

const Repositories = z.array(RepositoryShape)
const Labels = z.array(LabelShape)
const Issues = z.array(IssueShape)
const Installations = z.array(InstallationShape)
const RepositoryName = z.object({ full_name: z.string() })

/** One page of a repository's issues (GET /repos/{owner}/{repo}/issues). */
export const readIssuePage = (answer: { data: unknown; url: string }) =>
  check<(IssuePayload & { repository_url?: string })[]>(Issues, answer, 'issue')

/** One issue (GET /repos/{owner}/{repo}/issues/{issue_number}). */
export const readIssuePayload = (answer: { data: unknown; url: string }) =>
  check<IssuePayload & { repository_url?: string }>(IssueShape, answer, 'issue')

/** One page of repositories (an organisation's, a user's, an installation's). */
export const readRepositoryPage = (answer: { data: unknown; url: string }) =>
  check<RepositoryPayload[]>(Repositories, answer, 'repository')

/** One page of a repository's labels. */
export const readLabelPage = (answer: { data: unknown; url: string }) =>
  check<LabelPayload[]>(Labels, answer, 'label')

/** One page of the app's installations. */
export const readInstallationPage = (answer: { data: unknown; url: string }) =>
  check<InstallationPayload[]>(Installations, answer, 'installation')

/** One repository (GET /repos/{owner}/{repo}). */
export const readRepository = (answer: { data: unknown; url: string }) =>
  check<RepositoryPayload>(RepositoryShape, answer, 'repository')

/** Only the name of a repository looked up by id (GET /repositories/{id}). */
export const readRepositoryName = (answer: { data: unknown; url: string }) =>
  check<{ full_name: string }>(RepositoryName, answer, 'repository').full_name

/** An installation's access token, as minted (POST /app/installations/{id}/access_tokens). */
export const readAccessToken = (answer: { data: unknown; url: string }) =>
  check<{ token: string; expires_at: string }>(AccessTokenShape, answer, 'access token')

/** The token's user (GET /user). */
export const readUser = (answer: { data: unknown; url: string }) =>
  check<{ id: number; login: string; name: string | null; avatar_url: string }>(
    UserShape,
    answer,
    'user',
  )

/** Only the login of the token's user (GET /user), all a caller reads of it. */
export const readViewerLogin = (answer: { data: unknown; url: string }) =>
  check<{ login: string }>(ViewerShape, answer, 'user').login

/** One page of the user's repositories, with their permissions (GET /user/repos). */
export const readPushablePage = (answer: { data: unknown; url: string }) =>
  check<{ full_name: string; permissions?: { push?: boolean } }[]>(
    z.array(PushableShape),
    answer,
    'repository',
  )

/** The user's addresses (GET /user/emails). */
export const readEmails = (answer: { data: unknown; url: string }) =>
  check<{ email: string; primary: boolean; verified: boolean }[]>(
    z.array(EmailShape),
    answer,
    'email',
  )

/** An issue just opened or edited. */
export const readPostedIssue = (answer: { data: unknown; url: string }) =>
  check<{ number: number; html_url: string }>(PostedIssueShape, answer, 'issue')

/** One page of issues searched for a marker in their bodies. */
export const readFoundIssuePage = (answer: { data: unknown; url: string }) =>
  check<{ number: number; html_url: string; body?: string | null; pull_request?: object | null }[]>(
    z.array(FoundIssueShape),
    answer,
    'issue',
  )

/** One label, as created or renamed. */
export const readLabel = (answer: { data: unknown; url: string }) =>
  check<LabelPayload>(LabelShape, answer, 'label')

const ApiRootShape = z.object({ current_user_url: z.string() })

/**
 * The API's root (GET /), which GitHub answers with the addresses of its resources: a sweep asks
 * it once when an answer was not GitHub's, to tell one odd answer from a GITHUB_API_URL that is
 * not GitHub's API at all.
 */
export const readApiRoot = (answer: { data: unknown; url: string }) =>
  check<{ current_user_url: string }>(ApiRootShape, answer, 'root document')
