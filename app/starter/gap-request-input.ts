import { z } from 'zod'

import { parseId } from '../utils/id'

import {
  KNOWN_DOMAIN_MAX_STARS,
  LANGUAGE_LEVEL_LABELS,
  LANGUAGE_LEVELS,
  LEVEL_MAX_LANGUAGE_STARS,
  OTHER_DOMAIN_MAX_STARS,
  TIME_AVAILABLE,
  TIME_LABELS,
} from './finder'

// "Nothing fits me": what a newcomer sends when no starter project fits, checked before anything
// is stored, and the rule for which projects would have fitted. Pure, so the pages can use it.

export const GAP_NOTE_MAX = 2000

/** After a request is stored, the page it came from gets `?nothingFits=sent` to thank the sender. */
export const GAP_SENT_PARAM = 'nothingFits'

/** `/starter/new?answers=12`: the project being tagged answers request 12 once created. */
export const GAP_ANSWERS_PARAM = 'answers'
/** `/starter/34?answered=12`: the project page says it just answered request 12. */
export const GAP_ANSWERED_PARAM = 'answered'

/**
 * Which projects would fit a request: the finder's own level rule (app/starter/finder.ts) —
 * language difficulty up to LEVEL_MAX_LANGUAGE_STARS for the person's level, domain difficulty
 * up to KNOWN_DOMAIN_MAX_STARS in a domain they know (primary or secondary), and a request naming
 * no domain fits only OTHER_DOMAIN_MAX_STARS-domain projects, in any domain. Unlike the finder,
 * projects with an unrated axis are not counted as fitting: nobody knows what they need; they are
 * counted apart, as rating them may close a gap.
 */
export const FIT_RULE = {
  languageMaxStars: LEVEL_MAX_LANGUAGE_STARS,
  knownDomainMaxStars: KNOWN_DOMAIN_MAX_STARS,
  otherDomainMaxStars: OTHER_DOMAIN_MAX_STARS,
} as const

// Every count on the gap dashboard carries its noun: a bare "8" or "1 · 0" read alike beside the
// home page's counts of other things.

/** A demand cell: "1 asked · 0 fit", requests from people at that level, projects that fit them. */
export function demandCellText(requests: number, fitting: number) {
  return `${requests} asked · ${fitting} fit`
}

/** The projects left out of the demand for want of a rating, said apart from any 1★ count. */
export function unratedSupplyNote(count: number) {
  return count === 1
    ? '1 open, unclaimed project has no rating yet on one axis or both, so it is not counted as fitting anyone: rating it may close a gap.'
    : `${count} open, unclaimed projects have no rating yet on one axis or both, so they are not counted as fitting anyone: rating them may close a gap.`
}

/** The choices as the form shows them: a message naming `none` or `any` means nothing to the sender. */
const choices = (labels: readonly string[]) => labels.map((label) => `“${label}”`).join(', ')

/** Form → validated request; `domains` must all be configured domains. */
export function gapRequestInputSchema(domains: readonly string[]) {
  return z.object({
    languageLevel: z.enum(LANGUAGE_LEVELS, {
      errorMap: () => ({
        message: `choose one of ${choices(LANGUAGE_LEVELS.map((level) => LANGUAGE_LEVEL_LABELS[level]))}`,
      }),
    }),
    domains: z
      .array(z.string())
      .default([])
      .superRefine((chosen, context) => {
        const unknown = chosen.filter((domain) => !domains.includes(domain))
        if (unknown.length > 0) {
          context.addIssue({
            code: 'custom',
            message: `unknown domain${unknown.length === 1 ? '' : 's'} ${unknown.map((d) => `"${d}"`).join(', ')}: must be among ${domains.join(', ')}`,
          })
        }
      })
      .transform((chosen) => [...new Set(chosen)]),
    time: z
      .enum(['', ...TIME_AVAILABLE], {
        errorMap: () => ({
          message: `choose one of ${choices(TIME_AVAILABLE.map((time) => TIME_LABELS[time]))}`,
        }),
      })
      .default('')
      .transform((value) => (value === '' ? null : value)),
    wantsMentor: z
      .enum(['on', 'true', ''], { errorMap: () => ({ message: 'must be ticked or not' }) })
      .default('')
      .transform((value) => value !== ''),
    note: z
      .string()
      .default('')
      .transform((value) => value.trim())
      .pipe(
        z
          .string()
          .max(GAP_NOTE_MAX, `must be at most ${GAP_NOTE_MAX.toLocaleString('en')} characters`),
      ),
  })
}

export type GapRequestInput = z.output<ReturnType<typeof gapRequestInputSchema>>

/** Form data → the schema's input: `domains` repeats, the rest are single strings. */
export function gapRequestFormValues(formData: FormData) {
  const strings = (key: string) =>
    formData.getAll(key).filter((value): value is string => typeof value === 'string')
  return {
    languageLevel: strings('languageLevel')[0] ?? '',
    domains: strings('domains'),
    time: strings('time')[0] ?? '',
    wantsMentor: strings('wantsMentor')[0] ?? '',
    note: strings('note')[0] ?? '',
  }
}

/** What the answer form says the project field takes, and what a refusal repeats. */
export const ANSWER_PROJECT_HINT =
  'its number, the end of its page’s address (12 for /starter/12), or that address; or pick from the list'

// Longer than any address of the board; refused before it is parsed.
const PROJECT_REFERENCE_MAX = 2000

/**
 * The project a maintainer names when answering a request: blank (none), its number ("12" or
 * "#12"), or its page's address, relative or absolute ("/starter/12",
 * "https://board.example/starter/12?x#y"). Only the path is read, and only a project page's path
 * counts: null for blank, the id, or undefined for anything else.
 */
export function parseProjectReference(text: string): number | null | undefined {
  const value = text.trim()
  if (value === '') return null
  if (value.length > PROJECT_REFERENCE_MAX) return undefined
  if (/^#?\d+$/.test(value)) return parseId(value.replace('#', '')) ?? undefined
  if (!/^(https?:\/\/|\/)/i.test(value)) return undefined
  let url: URL
  try {
    // The base only gives a relative address somewhere to stand; its host is never read.
    url = new URL(value, 'http://board.invalid')
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const match = /^\/starter\/(\d+)\/?$/.exec(url.pathname)
  return match ? (parseId(match[1]) ?? undefined) : undefined
}
