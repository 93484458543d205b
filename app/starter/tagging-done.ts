import { demoActionNote } from '~/accounts/person'

// After the tagging form saves, it sends the maintainer to the project page with what it did
// (`/starter/34?saved=created`), so the page can say so, and say when it was a demo action.

export const TAGGING_DONE_PARAM = 'saved'

const DONE_TEXT = {
  created: 'Created this starter project',
  edited: 'Saved your changes',
} as const

export type TaggingDone = keyof typeof DONE_TEXT

export function taggingDoneHref(projectId: number, done: TaggingDone) {
  return `/starter/${projectId}?${TAGGING_DONE_PARAM}=${done}`
}

/** The project page's notice for `?saved=…` (null for anything else). */
export function taggingDoneNotice(param: string | null, isDemo: boolean) {
  if (param !== 'created' && param !== 'edited') return null
  return `${DONE_TEXT[param]}${demoActionNote(isDemo)}.`
}
