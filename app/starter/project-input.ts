import { z } from 'zod'

import type { ProjectSize, ProjectStatus, Stars } from '../../db/schema'

import { axisName } from './axes'

// What a maintainer may write on a starter project, checked before anything touches the
// database. Shared by the tagging form, the re-rate button and the demo loader.

export const PROJECT_SIZES = ['day', 'week', 'month', 'elastic'] as const satisfies ProjectSize[]
export const PROJECT_STATUSES = ['open', 'done', 'inactive'] as const satisfies ProjectStatus[]

export const SIZE_LABELS: Record<ProjectSize, string> = {
  day: 'About a day',
  week: 'About a week',
  month: 'About a month',
  elastic: 'Elastic: starts small, can grow into months',
}

const REPO_PATTERN = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/
const ISSUE_REF_PATTERN = /^([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)#(\d{1,9})$/

/** "owner/name#12" → its parts, or null when it is not such a reference. */
export function parseIssueRef(ref: string) {
  const match = ISSUE_REF_PATTERN.exec(ref.trim())
  if (!match) return null
  return { repo: match[1] as string, number: Number(match[2]) }
}

/** Schemes a mentor contact may name; anything else (javascript:, data: …) is refused. */
const CONTACT_SCHEMES = ['http', 'https', 'mailto', 'irc', 'ircs', 'matrix', 'xmpp']

/**
 * Why a mentor contact (a chat room, a mailing list, a URL) is refused, or null when it is fine:
 * one line of at most 300 characters, and if it starts with a scheme, one of CONTACT_SCHEMES
 * (web addresses must parse as URLs).
 */
export function mentorContactProblem(value: string): string | null {
  if (value.length > 300) return 'must be at most 300 characters'
  // Any control character (a newline, a NUL …): code points below 32, and DEL.
  if ([...value].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127)) {
    return 'must be one line of text'
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase()
  if (scheme === undefined) return null
  if (!CONTACT_SCHEMES.includes(scheme)) {
    return `may be a web address, an email (mailto:) or chat address (${CONTACT_SCHEMES.slice(3).join(', ')}), or plain text`
  }
  if (scheme === 'http' || scheme === 'https') {
    try {
      new URL(value)
    } catch {
      return 'is not a valid web address'
    }
  }
  return null
}

/** A contact as the page shows it: a link for web and mail addresses, text otherwise. */
export function mentorContactLink(value: string): { text: string; href: string | null } {
  const isLink = mentorContactProblem(value) === null && /^(https?|mailto):/i.test(value)
  return { text: value, href: isLink ? value : null }
}

/** 'unrated' or '' → null; '1'..'3' → stars; anything else is refused with the axis named. */
export const StarsField = z
  .union([z.literal('unrated'), z.literal(''), z.literal('1'), z.literal('2'), z.literal('3')], {
    errorMap: () => ({ message: 'must be 1, 2 or 3 stars, or unrated' }),
  })
  .transform((value) => (value === 'unrated' || value === '' ? null : (Number(value) as Stars)))

/** One entry per line or comma; blanks dropped, duplicates kept once. */
const listField = (max: number) =>
  z
    .string()
    .default('')
    .transform((value) => [
      ...new Set(
        value
          .split(/[\n,]/)
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ])
    .refine((items) => items.length <= max, { message: `at most ${max} entries` })

export function starterProjectInputSchema(domains: readonly string[]) {
  const domainField = z.string().refine((value) => domains.includes(value), {
    message: `must be one of: ${domains.join(', ')}`,
  })
  return z
    .object({
      title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
      summary: z.string().max(20_000, 'must be at most 20,000 characters').default(''),
      primaryDomain: z
        .string()
        .min(1, 'choose the domain this project needs most')
        .pipe(domainField),
      secondaryDomains: z
        .union([z.string(), z.array(z.string())])
        .default([])
        .transform((value) => (Array.isArray(value) ? value : value ? [value] : []))
        .pipe(z.array(domainField).max(domains.length)),
      languageStars: StarsField,
      domainStars: StarsField,
      size: z
        .enum(['', ...PROJECT_SIZES], {
          errorMap: () => ({ message: `must be one of: ${PROJECT_SIZES.join(', ')}` }),
        })
        .default('')
        .transform((value) => (value === '' ? null : value)),
      status: z
        .enum(PROJECT_STATUSES, {
          errorMap: () => ({ message: `must be one of: ${PROJECT_STATUSES.join(', ')}` }),
        })
        .default('open'),
      mentors: listField(10).refine((names) => names.every((name) => name.length <= 100), {
        message: 'each mentor must be at most 100 characters',
      }),
      repos: listField(50).refine((repos) => repos.every((repo) => REPO_PATTERN.test(repo)), {
        message: 'each repository must be written owner/name',
      }),
      relatedIssues: listField(100).refine((refs) => refs.every((ref) => parseIssueRef(ref)), {
        message: 'each issue must be written owner/name#number',
      }),
      readFirst: z.string().max(20_000, 'must be at most 20,000 characters').default(''),
      // How to reach the mentors; left out (undefined) by writers that do not handle it, so an
      // update from them keeps the stored contact.
      mentorContact: z
        .string()
        .trim()
        .superRefine((value, ctx) => {
          const problem = mentorContactProblem(value)
          if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem })
        })
        .transform((value) => value || null)
        .optional(),
      // The GitHub issue the project is attached to, if any (it must be in the mirror).
      issue: z
        .string()
        .trim()
        .default('')
        .refine((value) => value === '' || parseIssueRef(value), {
          message: 'must be written owner/name#number',
        })
        .transform((value) => value || null),
    })
    .transform((input) => ({
      ...input,
      // The primary domain is not also a secondary one.
      secondaryDomains: [...new Set(input.secondaryDomains)].filter(
        (domain) => domain !== input.primaryDomain,
      ),
    }))
}

export type StarterProjectInput = z.output<ReturnType<typeof starterProjectInputSchema>>

/** Every field of the project forms as they label it ("Mentors", "OCaml difficulty"). */
export function projectFieldLabels(languageName: string) {
  return {
    title: 'Title',
    summary: 'Summary',
    primaryDomain: 'Primary domain',
    secondaryDomains: 'Secondary domains',
    languageStars: axisName('language', languageName),
    domainStars: axisName('domain', languageName),
    size: 'Size',
    status: 'Status',
    mentors: 'Mentors',
    mentorContact: 'Mentor contact',
    repos: 'Repositories',
    relatedIssues: 'Related issues',
    issue: 'Attached GitHub issue',
    readFirst: 'Read first',
  }
}

/**
 * A field of the schema named as the forms label it, for refusals that cannot point at the field
 * itself; anything else reads as "The form".
 */
export function projectFieldLabel(field: PropertyKey | undefined, languageName: string) {
  const labels: Record<string, string> = projectFieldLabels(languageName)
  return (typeof field === 'string' && Object.hasOwn(labels, field) && labels[field]) || 'The form'
}

/** Form data → the schema's input: repeated fields become arrays, the rest strings. */
export function starterProjectFormValues(formData: FormData) {
  const values: Record<string, string | string[]> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((value): value is string => typeof value === 'string')
    values[key] = key === 'secondaryDomains' ? all : (all[0] ?? '')
  }
  return values
}
