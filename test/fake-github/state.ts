// The fake GitHub's data: owners, repositories, label catalogues and issues, plus a settable
// clock. Everything is keyed case-insensitively because GitHub resolves owner, repository and
// label names that way. Records hold plain data; payloads.ts turns them into REST JSON.

export type Timestamp = Date | string | number

export type OwnerType = 'User' | 'Organization'

export type UserRecord = {
  id: number
  login: string
  type: OwnerType | 'Bot'
  createdAt: number
}

export type LabelRecord = {
  id: number
  name: string
  color: string
  description: string | null
  isDefault: boolean
}

export type StateReason = 'completed' | 'reopened' | 'not_planned' | 'duplicate'

export type AuthorAssociation =
  | 'COLLABORATOR'
  | 'CONTRIBUTOR'
  | 'FIRST_TIMER'
  | 'FIRST_TIME_CONTRIBUTOR'
  | 'MANNEQUIN'
  | 'MEMBER'
  | 'NONE'
  | 'OWNER'

export type IssueRecord = {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  stateReason: StateReason | null
  isPullRequest: boolean
  isDraft: boolean
  mergedAt: number | null
  user: string | null
  assignees: string[]
  labelIds: number[]
  comments: number
  plusOnes: number
  isLocked: boolean
  authorAssociation: AuthorAssociation
  closedBy: string | null
  createdAt: number
  updatedAt: number
  closedAt: number | null
}

/**
 * A user's role on a repository, named as the keys of GitHub's `permissions` object (which says
 * true for this role and every lesser one: an admin may push, a triager may not).
 */
export type RepositoryPermission = 'admin' | 'maintain' | 'push' | 'triage' | 'pull'

export type RepositoryRecord = {
  id: number
  owner: string
  name: string
  description: string | null
  homepage: string | null
  language: string | null
  topics: string[]
  isPrivate: boolean
  isFork: boolean
  isArchived: boolean
  hasIssues: boolean
  defaultBranch: string
  createdAt: number
  updatedAt: number
  pushedAt: number
  labels: LabelRecord[]
  issues: Map<number, IssueRecord>
  deletedIssueNumbers: Set<number>
  nextNumber: number
  /** The viewer's role; null: none (not among their repositories, read only if public). */
  viewerPermission: RepositoryPermission | null
}

export type RepositoryOptions = {
  id?: number
  ownerType?: OwnerType
  description?: string | null
  homepage?: string | null
  language?: string | null
  topics?: string[]
  private?: boolean
  fork?: boolean
  archived?: boolean
  hasIssues?: boolean
  defaultBranch?: string
  createdAt?: Timestamp
  updatedAt?: Timestamp
  pushedAt?: Timestamp
  /** The viewer's role on it: admin by default (the viewer runs the board's repositories). */
  viewerPermission?: RepositoryPermission | null
}

export type RepositoryChanges = Omit<
  RepositoryOptions,
  'id' | 'ownerType' | 'createdAt' | 'viewerPermission'
>

export type LabelOptions = {
  id?: number
  name: string
  color?: string
  description?: string | null
  default?: boolean
}

export type LabelChanges = { name?: string; color?: string; description?: string | null }

export type IssueOptions = {
  id?: number
  number?: number
  title?: string
  body?: string | null
  state?: 'open' | 'closed'
  stateReason?: StateReason | null
  /** Label names; unknown names are added to the catalogue (grey), as a test convenience. */
  labels?: string[]
  isPullRequest?: boolean
  draft?: boolean
  mergedAt?: Timestamp | null
  user?: string | null
  assignees?: string[]
  comments?: number
  plusOnes?: number
  locked?: boolean
  authorAssociation?: AuthorAssociation
  closedBy?: string | null
  createdAt?: Timestamp
  updatedAt?: Timestamp
  closedAt?: Timestamp | null
}

export type IssueChanges = Omit<IssueOptions, 'id' | 'number' | 'isPullRequest' | 'createdAt'>

export const defaultLabelColor = 'ededed'

// GitHub timestamps have whole seconds; keeping the store at that precision means `since` and
// sorting agree with what clients read back.
export function toMs(at: Timestamp): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at)
  if (!Number.isFinite(ms)) throw new Error(`fake GitHub: invalid timestamp ${String(at)}`)
  return Math.floor(ms / 1000) * 1000
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export class Clock {
  #now: number

  constructor(at: Timestamp) {
    this.#now = toMs(at)
  }

  now(): Date {
    return new Date(this.#now)
  }

  nowMs(): number {
    return this.#now
  }

  set(at: Timestamp): Date {
    this.#now = toMs(at)
    return this.now()
  }

  advance(ms: number): Date {
    this.#now = toMs(this.#now + ms)
    return this.now()
  }
}

function key(name: string) {
  return name.toLowerCase()
}

export function splitFullName(fullName: string): [owner: string, name: string] {
  const parts = fullName.split('/')
  const [owner, name] = parts
  if (parts.length !== 2 || !owner || !name) {
    throw new Error(`fake GitHub: "${fullName}" is not an owner/name repository name`)
  }
  return [owner, name]
}

export function fullNameOf(repository: RepositoryRecord) {
  return `${repository.owner}/${repository.name}`
}

export class GitHubState {
  readonly clock: Clock
  readonly viewer: UserRecord
  #nextId = 1000
  readonly #users = new Map<string, UserRecord>()
  readonly #repositories = new Map<number, RepositoryRecord>()
  readonly #names = new Map<string, number>()
  // Old names of renamed or transferred repositories, answered with a redirect like GitHub does.
  readonly #redirects = new Map<string, number>()

  constructor(options: { now: Timestamp; viewerLogin: string }) {
    this.clock = new Clock(options.now)
    this.viewer = {
      id: 1,
      login: options.viewerLogin,
      type: 'User',
      createdAt: this.clock.nowMs(),
    }
    this.#users.set(key(options.viewerLogin), this.viewer)
  }

  #id(requested?: number) {
    if (requested !== undefined) {
      this.#nextId = Math.max(this.#nextId, requested + 1)
      return requested
    }
    return this.#nextId++
  }

  user(login: string, type: UserRecord['type'] = 'User'): UserRecord {
    const existing = this.#users.get(key(login))
    if (existing) return existing
    const user = { id: this.#id(), login, type, createdAt: this.clock.nowMs() }
    this.#users.set(key(login), user)
    return user
  }

  findUser(login: string): UserRecord | undefined {
    return this.#users.get(key(login))
  }

  findUserById(id: number): UserRecord | undefined {
    return [...this.#users.values()].find((user) => user.id === id)
  }

  repositories(): RepositoryRecord[] {
    return [...this.#repositories.values()]
  }

  findRepository(fullName: string): RepositoryRecord | undefined {
    const id = this.#names.get(key(fullName))
    return id === undefined ? undefined : this.#repositories.get(id)
  }

  findRepositoryById(id: number): RepositoryRecord | undefined {
    return this.#repositories.get(id)
  }

  findRedirect(fullName: string): RepositoryRecord | undefined {
    const id = this.#redirects.get(key(fullName))
    return id === undefined ? undefined : this.#repositories.get(id)
  }

  requireRepository(fullName: string): RepositoryRecord {
    const repository = this.findRepository(fullName)
    if (!repository) throw new Error(`fake GitHub: no repository ${fullName}`)
    return repository
  }

  addRepository(fullName: string, options: RepositoryOptions = {}): RepositoryRecord {
    const [owner, name] = splitFullName(fullName)
    if (this.findRepository(fullName)) throw new Error(`fake GitHub: ${fullName} already exists`)
    const ownerRecord = this.user(owner, options.ownerType ?? 'Organization')
    const now = this.clock.nowMs()
    const createdAt = options.createdAt === undefined ? now : toMs(options.createdAt)
    const repository: RepositoryRecord = {
      id: this.#id(options.id),
      owner: ownerRecord.login,
      name,
      description: options.description ?? null,
      homepage: options.homepage ?? null,
      language: options.language ?? null,
      topics: options.topics ?? [],
      isPrivate: options.private ?? false,
      isFork: options.fork ?? false,
      isArchived: options.archived ?? false,
      hasIssues: options.hasIssues ?? true,
      defaultBranch: options.defaultBranch ?? 'main',
      createdAt,
      updatedAt: options.updatedAt === undefined ? createdAt : toMs(options.updatedAt),
      pushedAt: options.pushedAt === undefined ? createdAt : toMs(options.pushedAt),
      labels: [],
      issues: new Map(),
      deletedIssueNumbers: new Set(),
      nextNumber: 1,
      viewerPermission: options.viewerPermission === undefined ? 'admin' : options.viewerPermission,
    }
    this.#repositories.set(repository.id, repository)
    this.#names.set(key(fullName), repository.id)
    // A new repository takes its name back from any redirect, as on GitHub.
    this.#redirects.delete(key(fullName))
    return repository
  }

  updateRepository(repository: RepositoryRecord, changes: RepositoryChanges) {
    if (changes.description !== undefined) repository.description = changes.description
    if (changes.homepage !== undefined) repository.homepage = changes.homepage
    if (changes.language !== undefined) repository.language = changes.language
    if (changes.topics !== undefined) repository.topics = changes.topics
    if (changes.private !== undefined) repository.isPrivate = changes.private
    if (changes.fork !== undefined) repository.isFork = changes.fork
    if (changes.archived !== undefined) repository.isArchived = changes.archived
    if (changes.hasIssues !== undefined) repository.hasIssues = changes.hasIssues
    if (changes.defaultBranch !== undefined) repository.defaultBranch = changes.defaultBranch
    if (changes.pushedAt !== undefined) repository.pushedAt = toMs(changes.pushedAt)
    repository.updatedAt =
      changes.updatedAt === undefined ? this.clock.nowMs() : toMs(changes.updatedAt)
  }

  renameRepository(repository: RepositoryRecord, newFullName: string) {
    const [owner, name] = splitFullName(newFullName)
    const oldFullName = fullNameOf(repository)
    const existing = this.findRepository(newFullName)
    if (existing && existing !== repository) {
      throw new Error(`fake GitHub: cannot rename ${oldFullName}: ${newFullName} exists`)
    }
    const ownerType = this.findUser(repository.owner)?.type === 'User' ? 'User' : 'Organization'
    repository.owner = this.user(owner, ownerType).login
    repository.name = name
    repository.updatedAt = this.clock.nowMs()
    this.#names.delete(key(oldFullName))
    this.#names.set(key(newFullName), repository.id)
    this.#redirects.delete(key(newFullName))
    if (key(oldFullName) !== key(newFullName)) this.#redirects.set(key(oldFullName), repository.id)
  }

  deleteRepository(repository: RepositoryRecord) {
    this.#repositories.delete(repository.id)
    this.#names.delete(key(fullNameOf(repository)))
    for (const [name, id] of this.#redirects) {
      if (id === repository.id) this.#redirects.delete(name)
    }
  }

  findLabel(repository: RepositoryRecord, name: string): LabelRecord | undefined {
    return repository.labels.find((label) => key(label.name) === key(name))
  }

  requireLabel(repository: RepositoryRecord, name: string): LabelRecord {
    const label = this.findLabel(repository, name)
    if (!label) throw new Error(`fake GitHub: ${fullNameOf(repository)} has no label "${name}"`)
    return label
  }

  addLabel(repository: RepositoryRecord, options: LabelOptions): LabelRecord {
    if (this.findLabel(repository, options.name)) {
      throw new Error(`fake GitHub: ${fullNameOf(repository)} already has "${options.name}"`)
    }
    const label = {
      id: this.#id(options.id),
      name: options.name,
      color: options.color ?? defaultLabelColor,
      description: options.description ?? null,
      isDefault: options.default ?? false,
    }
    repository.labels.push(label)
    return label
  }

  // Renaming or recolouring a label does not touch the issues that carry it: their updated_at
  // stays put on GitHub too, so an incremental sync by `since` does not see the change.
  updateLabel(repository: RepositoryRecord, label: LabelRecord, changes: LabelChanges) {
    if (changes.name !== undefined) {
      const clash = this.findLabel(repository, changes.name)
      if (clash && clash !== label) {
        throw new Error(`fake GitHub: ${fullNameOf(repository)} already has "${changes.name}"`)
      }
      label.name = changes.name
    }
    if (changes.color !== undefined) label.color = changes.color
    if (changes.description !== undefined) label.description = changes.description
  }

  deleteLabel(repository: RepositoryRecord, label: LabelRecord) {
    repository.labels = repository.labels.filter((candidate) => candidate !== label)
    for (const issue of repository.issues.values()) {
      issue.labelIds = issue.labelIds.filter((id) => id !== label.id)
    }
  }

  /** Finds a label by name, creating it grey when missing (what GitHub does on issue writes). */
  ensureLabel(
    repository: RepositoryRecord,
    name: string,
  ): { label: LabelRecord; created: boolean } {
    const existing = this.findLabel(repository, name)
    if (existing) return { label: existing, created: false }
    return { label: this.addLabel(repository, { name }), created: true }
  }

  issueLabels(repository: RepositoryRecord, issue: IssueRecord): LabelRecord[] {
    return issue.labelIds.flatMap((id) => repository.labels.find((label) => label.id === id) ?? [])
  }

  findIssue(repository: RepositoryRecord, number: number): IssueRecord | undefined {
    return repository.issues.get(number)
  }

  requireIssue(repository: RepositoryRecord, number: number): IssueRecord {
    const issue = this.findIssue(repository, number)
    if (!issue) throw new Error(`fake GitHub: ${fullNameOf(repository)} has no issue #${number}`)
    return issue
  }

  addIssue(repository: RepositoryRecord, options: IssueOptions = {}): IssueRecord {
    const number = options.number ?? repository.nextNumber
    if (repository.issues.has(number) || repository.deletedIssueNumbers.has(number)) {
      throw new Error(`fake GitHub: ${fullNameOf(repository)} already used #${number}`)
    }
    repository.nextNumber = Math.max(repository.nextNumber, number + 1)
    const isPullRequest = options.isPullRequest ?? false
    const state = options.state ?? 'open'
    const createdAt = options.createdAt === undefined ? this.clock.nowMs() : toMs(options.createdAt)
    const updatedAt = options.updatedAt === undefined ? createdAt : toMs(options.updatedAt)
    const user = options.user === undefined ? 'octocat' : options.user
    if (user !== null) this.user(user)
    const issue: IssueRecord = {
      id: this.#id(options.id),
      number,
      title: options.title ?? `Issue ${number}`,
      body: options.body ?? null,
      state,
      stateReason:
        options.stateReason !== undefined
          ? options.stateReason
          : state === 'closed' && !isPullRequest
            ? 'completed'
            : null,
      isPullRequest,
      isDraft: options.draft ?? false,
      mergedAt: options.mergedAt == null ? null : toMs(options.mergedAt),
      user,
      assignees: (options.assignees ?? []).map((login) => this.user(login).login),
      labelIds: [],
      comments: options.comments ?? 0,
      plusOnes: options.plusOnes ?? 0,
      isLocked: options.locked ?? false,
      authorAssociation: options.authorAssociation ?? 'NONE',
      closedBy: options.closedBy ?? null,
      createdAt,
      updatedAt,
      closedAt:
        options.closedAt != null
          ? toMs(options.closedAt)
          : state === 'closed' && options.closedAt === undefined
            ? updatedAt
            : null,
    }
    issue.labelIds = this.#labelIds(repository, options.labels ?? []).ids
    repository.issues.set(number, issue)
    return issue
  }

  #labelIds(repository: RepositoryRecord, names: string[]) {
    const created: LabelRecord[] = []
    const ids: number[] = []
    for (const name of names) {
      const result = this.ensureLabel(repository, name)
      if (result.created) created.push(result.label)
      if (!ids.includes(result.label.id)) ids.push(result.label.id)
    }
    return { ids, created }
  }

  /** Applies changes and bumps updated_at (to changes.updatedAt or the clock). */
  updateIssue(repository: RepositoryRecord, issue: IssueRecord, changes: IssueChanges) {
    const now = this.clock.nowMs()
    const created: LabelRecord[] = []
    if (changes.title !== undefined) issue.title = changes.title
    if (changes.body !== undefined) issue.body = changes.body
    if (changes.state !== undefined && changes.state !== issue.state) {
      issue.state = changes.state
      if (changes.state === 'closed') {
        issue.closedAt = now
        issue.stateReason = issue.isPullRequest ? null : 'completed'
      } else {
        issue.closedAt = null
        issue.closedBy = null
        issue.stateReason = issue.isPullRequest ? null : 'reopened'
      }
    }
    if (changes.stateReason !== undefined) issue.stateReason = changes.stateReason
    if (changes.closedAt !== undefined) {
      issue.closedAt = changes.closedAt === null ? null : toMs(changes.closedAt)
    }
    if (changes.closedBy !== undefined) issue.closedBy = changes.closedBy
    if (changes.labels !== undefined) {
      const result = this.#labelIds(repository, changes.labels)
      issue.labelIds = result.ids
      created.push(...result.created)
    }
    if (changes.draft !== undefined) issue.isDraft = changes.draft
    if (changes.mergedAt !== undefined) {
      issue.mergedAt = changes.mergedAt === null ? null : toMs(changes.mergedAt)
    }
    if (changes.user !== undefined) issue.user = changes.user
    if (changes.assignees !== undefined) {
      issue.assignees = changes.assignees.map((login) => this.user(login).login)
    }
    if (changes.comments !== undefined) issue.comments = changes.comments
    if (changes.plusOnes !== undefined) issue.plusOnes = changes.plusOnes
    if (changes.locked !== undefined) issue.isLocked = changes.locked
    if (changes.authorAssociation !== undefined) {
      issue.authorAssociation = changes.authorAssociation
    }
    issue.updatedAt = changes.updatedAt === undefined ? now : toMs(changes.updatedAt)
    return { created }
  }

  deleteIssue(repository: RepositoryRecord, issue: IssueRecord) {
    repository.issues.delete(issue.number)
    repository.deletedIssueNumbers.add(issue.number)
  }
}
