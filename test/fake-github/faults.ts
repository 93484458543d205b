import type { FakeGitHub } from './server'

// A queue of faults that tests arm before a client runs. Each rule matches a method, a path
// pattern and optionally a page; the first armed rule that matches a request is used up by it.

export type Fault =
  /** 403 "You have exceeded a secondary rate limit", with Retry-After only when given. */
  | { kind: 'secondary-rate-limit'; retryAfter?: number }
  /** 429 with the secondary-rate-limit message and Retry-After (default 1 second). */
  | { kind: 'too-many-requests'; retryAfter?: number }
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  /** Waits, then answers normally. */
  | { kind: 'delay'; ms: number }
  /** Destroys the socket without answering. */
  | { kind: 'connection-reset' }
  /**
   * 200 with a body that is not GitHub's JSON: what a web page or a proxy's sign-in page at
   * GITHUB_API_URL answers.
   */
  | { kind: 'not-the-api'; contentType: string; body: string }
  /**
   * Answers as usual, its JSON body passed through `change` first: JSON of another shape, as a
   * proxy or another JSON API at GITHUB_API_URL answers (an issue without its number ...).
   */
  | { kind: 'reshape'; change: (body: unknown) => unknown }
  /** Runs before the request is served, e.g. to move an issue while a client walks pages. */
  | { kind: 'mutate'; run: (github: FakeGitHub) => void | Promise<void> }

export type FaultKind = Fault['kind']

export type FaultRule = {
  /** Any method when omitted. */
  method?: string
  /**
   * Matched against the path as requested and its /repos/{owner}/{repo}/... form (so a rule for
   * /repos/acme/app/issues also catches the /repositories/{id}/issues pages of Link headers).
   * In strings `*` stands for one path segment and `**` for any rest; matching ignores case.
   */
  path: string | RegExp
  /** Only this page (a request without `page` is page 1). */
  page?: number
  /** How many requests the rule hits; Infinity repeats it. Default 1. */
  times?: number
  fault: Fault
}

export type FaultHandle = {
  readonly rule: FaultRule
  /** How many requests the rule has hit so far. */
  readonly hits: number
  readonly remaining: number
  remove(): void
}

function pathPattern(path: string | RegExp): RegExp {
  if (path instanceof RegExp) return path
  const source = path
    .split(/(\*\*|\*)/)
    .map((part) =>
      part === '**' ? '.*' : part === '*' ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('')
  return new RegExp(`^${source}/?$`, 'i')
}

type ArmedFault = { rule: FaultRule; pattern: RegExp; hits: number; remaining: number }

export class FaultQueue {
  #armed: ArmedFault[] = []

  add(rule: FaultRule): FaultHandle {
    const armed = { rule, pattern: pathPattern(rule.path), hits: 0, remaining: rule.times ?? 1 }
    this.#armed.push(armed)
    return {
      rule,
      get hits() {
        return armed.hits
      },
      get remaining() {
        return armed.remaining
      },
      remove: () => {
        this.#armed = this.#armed.filter((candidate) => candidate !== armed)
      },
    }
  }

  clear() {
    this.#armed = []
  }

  /** Rules not used up yet. */
  pending(): FaultRule[] {
    return this.#armed.filter((armed) => armed.remaining > 0).map((armed) => armed.rule)
  }

  take(method: string, paths: string[], page: number): Fault | undefined {
    const armed = this.#armed.find(
      ({ rule, pattern, remaining }) =>
        remaining > 0 &&
        (rule.method === undefined || rule.method.toUpperCase() === method) &&
        (rule.page === undefined || rule.page === page) &&
        paths.some((path) => {
          pattern.lastIndex = 0
          return pattern.test(path)
        }),
    )
    if (!armed) return undefined
    armed.hits++
    armed.remaining--
    return armed.rule.fault
  }
}
