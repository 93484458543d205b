import { useEffect, useRef, useState } from 'react'

import { axisName } from '../axes'

// The triage page's keyboard shortcuts: one key per choice, so a maintainer can go through the
// queue without the mouse. Progressive enhancement: the forms work without them (and without
// JavaScript). The list is data, shown on the page as it is used here.

/**
 * Class for what only a keyboard uses (the key beside each choice, the shortcut list): hidden on a
 * touch screen, where a phone showed "Shift+2" beside every star and no key to press.
 */
export const KEYBOARD_ONLY = '[@media(pointer:coarse)]:hidden'

export type TriageCommand =
  | { kind: 'check'; field: 'languageStars' | 'domainStars' | 'size'; value: string }
  | { kind: 'focus'; field: 'primaryDomain' | 'mentors' | 'reason' }
  | { kind: 'save' }
  | { kind: 'skip' }
  | { kind: 'help' }

export type TriageShortcut = { keys: string[]; does: string }

export function triageShortcuts(languageName: string): TriageShortcut[] {
  return [
    {
      keys: ['1', '2', '3'],
      does: `${axisName('language', languageName)} 1★, 2★, 3★ (0: unrated)`,
    },
    {
      keys: ['Shift+1', 'Shift+2', 'Shift+3'],
      does: `${axisName('domain', languageName)} 1★, 2★, 3★ (Shift+0: unrated)`,
    },
    { keys: ['d', 'w', 'm', 'e'], does: 'Size: a day, a week, a month, elastic (u: unknown)' },
    { keys: ['p'], does: 'Primary domain: go to the list, then choose with the arrow keys' },
    { keys: ['t'], does: 'Mentors: go to the field and type (Esc to leave a field)' },
    { keys: ['s'], does: 'Save and go to the next item' },
    { keys: ['n'], does: 'Not a starter project: type the reason, then Enter' },
    { keys: ['j', '→'], does: 'Skip to the next item' },
    { keys: ['?'], does: 'Show these shortcuts' },
  ]
}

const SIZE_KEYS: Record<string, string> = { d: 'day', w: 'week', m: 'month', e: 'elastic', u: '' }

type KeyFacts = { key: string; code: string; shiftKey: boolean }

/**
 * The mentors field as "t" leaves it: a new line after the names already there (one per line or
 * comma), so what is typed next is a mentor of its own.
 */
export function withLineForNewMentor(value: string) {
  return value.trim() === '' || /[\n,]\s*$/.test(value) ? value : `${value}\n`
}

/**
 * What a key press asks for: a command, 'ignored' (a modifier on its own, a key with Ctrl/Alt/Meta,
 * Tab, Enter...), or 'unknown' (a key that is no shortcut: the page says so).
 */
export function commandForKey(event: KeyFacts): TriageCommand | 'ignored' | 'unknown' {
  const digit = /^Digit([0-3])$/.exec(event.code)
  if (digit) {
    const value = digit[1] === '0' ? 'unrated' : (digit[1] as string)
    return { kind: 'check', field: event.shiftKey ? 'domainStars' : 'languageStars', value }
  }
  if (event.key === '?') return { kind: 'help' }
  if (event.key === 'ArrowRight') return { kind: 'skip' }
  // Only printable keys can be shortcuts; the rest (Tab, arrows, Enter) keep their meaning.
  if (event.key.length !== 1 || event.key === ' ') return 'ignored'
  const key = event.key.toLowerCase()
  if (key in SIZE_KEYS) return { kind: 'check', field: 'size', value: SIZE_KEYS[key] as string }
  if (key === 'p') return { kind: 'focus', field: 'primaryDomain' }
  if (key === 't') return { kind: 'focus', field: 'mentors' }
  if (key === 'n') return { kind: 'focus', field: 'reason' }
  if (key === 's') return { kind: 'save' }
  if (key === 'j') return { kind: 'skip' }
  return 'unknown'
}

function isTypingIn(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false
  if (target instanceof HTMLInputElement) {
    return !['radio', 'checkbox', 'submit', 'button'].includes(target.type)
  }
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable
  )
}

/**
 * Listens for the shortcuts on the page; returns the message to show after a key that is no
 * shortcut (null otherwise). `formId`/`dismissFormId` name the two forms, `skip` follows the
 * "skip" link, `showHelp` opens the list.
 */
export function useTriageShortcuts({
  formId,
  dismissFormId,
  skip,
  showHelp,
}: {
  formId: string
  dismissFormId: string
  skip: () => void
  showHelp: () => void
}) {
  const [message, setMessage] = useState<string | null>(null)
  const handlers = useRef({ skip, showHelp })
  handlers.current = { skip, showHelp }
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return
      if (isTypingIn(event.target)) {
        if (event.key === 'Escape') (event.target as HTMLElement).blur()
        return
      }
      // On a radio button the arrow keys move between its choices, as everywhere.
      if (event.key.startsWith('Arrow') && event.target instanceof HTMLInputElement) return
      const command = commandForKey(event)
      if (command === 'ignored') return
      event.preventDefault()
      if (command === 'unknown') {
        setMessage(`“${event.key}” is not a shortcut: the list is under “Keyboard shortcuts”.`)
        return
      }
      setMessage(null)
      const form = document.getElementById(formId) as HTMLFormElement | null
      const dismissForm = document.getElementById(dismissFormId) as HTMLFormElement | null
      switch (command.kind) {
        case 'check': {
          const input = form?.querySelector<HTMLInputElement>(
            `input[name="${command.field}"][value="${command.value}"]`,
          )
          if (input) {
            input.checked = true
            input.focus()
          }
          return
        }
        case 'focus': {
          const target = command.field === 'reason' ? dismissForm : form
          const field = target?.querySelector<HTMLElement>(`[name="${command.field}"]`)
          field?.focus()
          if (field instanceof HTMLTextAreaElement && command.field === 'mentors') {
            // Typing adds a mentor on a line of its own: at the caret's first place it ran into
            // the first name ("@loginAmir Chaudhry"), one unreachable name instead of two.
            field.value = withLineForNewMentor(field.value)
            field.setSelectionRange(field.value.length, field.value.length)
          }
          return
        }
        case 'save':
          form?.requestSubmit()
          return
        case 'skip':
          handlers.current.skip()
          return
        case 'help':
          handlers.current.showHelp()
          return
      }
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [formId, dismissFormId])
  return { message, clear: () => setMessage(null) }
}
