// The response value the router produces and helpers for GitHub's error bodies.

export type FakeResponse = {
  status: number
  headers?: Record<string, string>
  /** A JSON value; undefined sends no body (204, 304). */
  body?: unknown
  /** Sent as is instead of `body`, with the content-type `headers` give: not GitHub's JSON. */
  rawBody?: string
  /** Epoch ms of the newest thing in the body, sent as Last-Modified. */
  lastModified?: number
}

export const docs = {
  rest: 'https://docs.github.com/rest',
  rateLimits: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
  secondaryRateLimits:
    'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  redirects:
    'https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#follow-redirects',
  getAuthenticatedUser: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  getRepository: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  listOrganizationRepositories:
    'https://docs.github.com/rest/repos/repos#list-organization-repositories',
  listUserRepositories: 'https://docs.github.com/rest/repos/repos#list-repositories-for-a-user',
  listAuthenticatedUserRepositories:
    'https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user',
  listIssues: 'https://docs.github.com/rest/issues/issues#list-repository-issues',
  getIssue: 'https://docs.github.com/rest/issues/issues#get-an-issue',
  createIssue: 'https://docs.github.com/rest/issues/issues#create-an-issue',
  updateIssue: 'https://docs.github.com/rest/issues/issues#update-an-issue',
  listLabels: 'https://docs.github.com/rest/issues/labels#list-labels-for-a-repository',
  getLabel: 'https://docs.github.com/rest/issues/labels#get-a-label',
  createLabel: 'https://docs.github.com/rest/issues/labels#create-a-label',
  updateLabel: 'https://docs.github.com/rest/issues/labels#update-a-label',
  deleteLabel: 'https://docs.github.com/rest/issues/labels#delete-a-label',
  listIssueLabels: 'https://docs.github.com/rest/issues/labels#list-labels-for-an-issue',
  addIssueLabels: 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
  setIssueLabels: 'https://docs.github.com/rest/issues/labels#set-labels-for-an-issue',
  removeAllIssueLabels:
    'https://docs.github.com/rest/issues/labels#remove-all-labels-from-an-issue',
  removeIssueLabel: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
} as const

export const messages = {
  badCredentials: 'Bad credentials',
  notFound: 'Not Found',
  validationFailed: 'Validation Failed',
  issuesDisabled: 'Issues are disabled for this repo',
  issueDeleted: 'This issue was deleted',
  archived: 'Repository was archived so is read-only.',
  labelNotOnIssue: 'Label does not exist',
  problemsParsingJson: 'Problems parsing JSON',
  notAccessible: 'Resource not accessible by personal access token',
  primaryRateLimit: 'API rate limit exceeded for user ID 1.',
  secondaryRateLimit:
    'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
    'If you reach out to GitHub Support for help, please include the request ID.',
} as const

export type ValidationIssue = {
  resource: string
  field: string
  code: 'invalid' | 'missing_field' | 'already_exists' | 'custom'
  value?: string
  message?: string
}

export function json(
  status: number,
  body: unknown,
  extra: { headers?: Record<string, string>; lastModified?: number } = {},
): FakeResponse {
  return { status, body, ...extra }
}

export function noContent(): FakeResponse {
  return { status: 204 }
}

// GitHub's error bodies carry the status as a string since 2024.
export function error(
  status: number,
  message: string,
  documentationUrl: string = docs.rest,
): FakeResponse {
  return json(status, { message, documentation_url: documentationUrl, status: String(status) })
}

export function notFound(documentationUrl: string = docs.rest): FakeResponse {
  return error(404, messages.notFound, documentationUrl)
}

export function validationFailed(
  errors: ValidationIssue[],
  documentationUrl: string = docs.rest,
): FakeResponse {
  return json(422, {
    message: messages.validationFailed,
    errors,
    documentation_url: documentationUrl,
    status: '422',
  })
}
