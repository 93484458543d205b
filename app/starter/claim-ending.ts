// Ending one's own claim takes two steps: "I finished it" or "I'm stopping" opens the project page
// with `?confirm=finish` or `?confirm=stop`, which says what will happen beside the real button.
// A newcomer exploring the page could otherwise mark a project done for everyone with one tap.
// It is an address rather than a script so it works before (or without) JavaScript.

export const CONFIRM_ENDING_PARAM = 'confirm'

export const ENDINGS_TO_CONFIRM = ['finish', 'stop'] as const

export type EndingToConfirm = (typeof ENDINGS_TO_CONFIRM)[number]

/** The ending the address asks to confirm; anything else shows the page as it is. */
export function endingToConfirm(value: string | null): EndingToConfirm | null {
  return ENDINGS_TO_CONFIRM.find((ending) => ending === value) ?? null
}
