import { personName, type Person } from '~/accounts/person'
import { getIssue } from '~/mirror/issue.server'
import {
  createStarterProject,
  getStarterProject,
  updateStarterProject,
  type StarterProjectDetail,
} from '~/starter/project.server'
import { Refusal, type RefusalStatus } from '~/utils/refusal'

import { getDb } from '../../db/client.server'
import { inTransaction } from '../../db/transaction'
import { fieldErrors } from '../utils/field-errors'

import { axisName } from './axes'
import { guessDomainFromLabels } from './candidate-score'
import { LANGUAGE_LEVEL_LABELS, LEVEL_MAX_LANGUAGE_STARS } from './finder'
import { answerGapRequest, requireOpenGapRequest } from './gap-request.server'
import { summaryFromIssue } from './issue-summary'
import { parseIssueRef, starterProjectFormValues, starterProjectInputSchema } from './project-input'
import { changedMeanwhile, lockProjectVersion } from './project-version.server'

// The maintainers' tagging form (new and edit): what it starts with, and what a submission does.

/** The form's fields as typed: every one a string but the secondary domains. */
export type TaggingFormValues = {
  title: string
  summary: string
  primaryDomain: string
  secondaryDomains: string[]
  languageStars: string
  domainStars: string
  size: string
  status: string
  mentors: string
  repos: string
  relatedIssues: string
  readFirst: string
  issue: string
  mentorContact: string
}

export const EMPTY_TAGGING_FORM: TaggingFormValues = {
  title: '',
  summary: '',
  primaryDomain: '',
  secondaryDomains: [],
  languageStars: 'unrated',
  domainStars: 'unrated',
  size: '',
  status: 'open',
  mentors: '',
  repos: '',
  relatedIssues: '',
  readFirst: '',
  issue: '',
  mentorContact: '',
}

/** Whatever was posted, as the form shows it back (unknown fields dropped). */
export function taggingFormValuesFrom(formData: FormData): TaggingFormValues {
  const posted = starterProjectFormValues(formData)
  const text = (key: keyof TaggingFormValues, fallback = '') => {
    const value = posted[key]
    return typeof value === 'string' ? value : fallback
  }
  const secondary = posted.secondaryDomains
  return {
    title: text('title'),
    summary: text('summary'),
    primaryDomain: text('primaryDomain'),
    secondaryDomains: Array.isArray(secondary) ? secondary : [],
    languageStars: text('languageStars'),
    domainStars: text('domainStars'),
    size: text('size'),
    status: text('status'),
    mentors: text('mentors'),
    repos: text('repos'),
    relatedIssues: text('relatedIssues'),
    readFirst: text('readFirst'),
    issue: text('issue'),
    mentorContact: text('mentorContact'),
  }
}

/**
 * The form prefilled from a mirrored issue ("owner/name#N"): its title, the first paragraph of its
 * body as the summary, its repository and the attachment, and a domain when its labels make it
 * obvious. A reference that is not mirrored
 * gives a note instead, and the form starts empty but for the reference.
 */
export async function prefillFromIssue(ref: string, domains: readonly string[]) {
  const parsed = parseIssueRef(ref)
  if (!parsed) {
    return {
      values: EMPTY_TAGGING_FORM,
      note: `"${ref}" is not an issue reference (owner/name#number); starting from an empty form.`,
    }
  }
  const issue = await getIssue(parsed.repo, parsed.number)
  if (!issue || issue.is_pull_request) {
    return {
      values: { ...EMPTY_TAGGING_FORM, issue: `${parsed.repo}#${parsed.number}` },
      note: `${parsed.repo}#${parsed.number} is not a mirrored issue; sync its repository, or fill in the form by hand.`,
    }
  }
  const guessed = guessDomainFromLabels(
    issue.labels.map((label) => label.name),
    domains,
  )
  return {
    values: {
      ...EMPTY_TAGGING_FORM,
      title: issue.title,
      repos: issue.repo,
      issue: `${issue.repo}#${issue.number}`,
      primaryDomain: guessed ?? '',
      summary: summaryFromIssue(issue),
    },
    note: guessed
      ? `Prefilled from ${issue.repo}#${issue.number}; the domain “${guessed}” was guessed from its labels.`
      : `Prefilled from ${issue.repo}#${issue.number}.`,
  }
}

/**
 * The form for a project made to answer "nothing fits me" request `requestId` (from the gap
 * dashboard): the domains it names (primary = the first, as stored, sorted), and a note saying
 * what fits the newcomer. An unknown or answered request gives an error instead (`requestId`
 * null: the form is then not tied to any request).
 */
export async function prefillForRequest(
  requestId: number,
  domains: readonly string[],
  languageName: string,
): Promise<
  | { requestId: number; values: TaggingFormValues; note: string }
  | { requestId: null; values: TaggingFormValues; error: string }
> {
  try {
    const request = await requireOpenGapRequest(requestId)
    const known = request.domains.filter((domain) => domains.includes(domain))
    const [primary = '', ...secondary] = known
    const who =
      request.login === null
        ? 'a deleted account'
        : personName({ login: request.login, isDemo: request.is_demo_request })
    const maxStars = LEVEL_MAX_LANGUAGE_STARS[request.language_level]
    return {
      requestId,
      values: { ...EMPTY_TAGGING_FORM, primaryDomain: primary, secondaryDomains: secondary },
      note:
        `Answering request #${requestId} from ${who} (${languageName}: ${LANGUAGE_LEVEL_LABELS[request.language_level]} · knows ${request.domains.length > 0 ? request.domains.join(', ') : 'no domain named'}). ` +
        `To fit them, rate ${axisName('language', languageName)} at most ${maxStars}★. Creating the project marks the request answered with it and tells ${who}.`,
    }
  } catch (error) {
    if (error instanceof Refusal) {
      return {
        requestId: null,
        values: EMPTY_TAGGING_FORM,
        error: `${error.message.replace(/: nothing changed\.$/, '.')} This form will not answer it.`,
      }
    }
    throw error
  }
}

/** An existing project as the edit form shows it; account mentors as "@login". */
export function taggingFormValuesOf(project: StarterProjectDetail): TaggingFormValues {
  return {
    title: project.title,
    summary: project.summary,
    primaryDomain: project.primary_domain,
    secondaryDomains: project.secondary_domains,
    languageStars: project.language_stars === null ? 'unrated' : String(project.language_stars),
    domainStars: project.domain_stars === null ? 'unrated' : String(project.domain_stars),
    size: project.size ?? '',
    status: project.status,
    mentors: project.mentors
      .map((mentor) => (mentor.account_id !== null ? `@${mentor.name}` : mentor.name))
      .join('\n'),
    repos: project.repos.join('\n'),
    relatedIssues: project.related_issues.join('\n'),
    readFirst: project.read_first,
    mentorContact: project.mentor_contact ?? '',
    issue:
      project.issue_repo && project.issue_number !== null
        ? `${project.issue_repo}#${project.issue_number}`
        : '',
  }
}

/** The fields where `current` differs from `typed`, with the current value. */
export function differingFields(typed: TaggingFormValues, current: TaggingFormValues) {
  const shown = (value: string | string[]) => (Array.isArray(value) ? value.join(', ') : value)
  return (Object.keys(current) as (keyof TaggingFormValues)[])
    .filter((field) => shown(typed[field]).trim() !== shown(current[field]).trim())
    .map((field) => ({ field, now: shown(current[field]) }))
}

/** Someone saved the project since the form was loaded: how it is now. */
export type TaggingConflict = {
  differences: ReturnType<typeof differingFields>
}

export type TaggingResult =
  | { ok: true; id: number }
  | {
      ok: false
      status: RefusalStatus
      message: string
      errors: Record<string, string>
      values: TaggingFormValues
      /** The version the form carries next: the posted one, or the current one after a conflict. */
      version: string
      conflict: TaggingConflict | null
    }

/**
 * Validates a posted form and creates (no id) or rewrites (id) the project; nothing changes on
 * refusal. A rewrite must find the project at the version the form was loaded with (its `version`
 * field): someone else's save in between is refused with 409 rather than overwritten, and the
 * refusal says where the project now differs from the form and carries the current version, so
 * saving again is a deliberate choice. A new project made for a request (`answersRequest`) answers
 * it in the same transaction, through the gap dashboard's own path (with its notification): if the
 * request is gone or answered meanwhile, no project is created either.
 */
export async function submitTaggingForm(
  formData: FormData,
  target: { id: number | null; answersRequest?: number | null },
  actor: Person,
  domains: readonly string[],
): Promise<TaggingResult> {
  const values = taggingFormValuesFrom(formData)
  const posted = formData.get('version')
  const version = typeof posted === 'string' ? posted : ''
  const parsed = starterProjectInputSchema(domains).safeParse(starterProjectFormValues(formData))
  if (!parsed.success) {
    return {
      ok: false,
      status: 400,
      message: 'Nothing was saved: please check the fields marked below.',
      errors: fieldErrors(parsed.error),
      values,
      version,
      conflict: null,
    }
  }
  try {
    if (target.id === null) {
      const { answersRequest = null } = target
      const id = await inTransaction(getDb(), async (trx) => {
        const created = await createStarterProject(parsed.data, actor, trx)
        if (answersRequest !== null) {
          await answerGapRequest(answersRequest, { projectId: created }, actor, trx)
        }
        return created
      })
      return { ok: true, id }
    }
    const { id } = target
    const outcome = await inTransaction(getDb(), async (trx) => {
      const lock = await lockProjectVersion(id, version, trx)
      if (!lock.isCurrent) {
        const current = await getStarterProject(id, trx)
        return { ...lock, current: current && taggingFormValuesOf(current) }
      }
      await updateStarterProject(id, parsed.data, actor, trx)
      return null
    })
    if (outcome === null) return { ok: true, id }
    return {
      ok: false,
      status: 409,
      message: `${changedMeanwhile(outcome.updatedAt)} What you typed is still in the form below; saving it again replaces their changes with it.`,
      errors: {},
      values,
      version: outcome.version,
      conflict: {
        differences: outcome.current ? differingFields(values, outcome.current) : [],
      },
    }
  } catch (error) {
    if (error instanceof Refusal) {
      return {
        ok: false,
        status: error.status,
        message: `Nothing was saved: ${error.message}`,
        // Errors about the attached issue belong beside that field.
        errors: /mirror|issue/i.test(error.message) ? { issue: error.message } : {},
        values,
        version,
        conflict: null,
      }
    }
    throw error
  }
}
