// Plain text written into markdown so that it reads as exactly that text once rendered.

/**
 * `text` as one line of markdown that renders as the same characters and nothing else: no
 * emphasis, code, strikethrough, link, image, table cell, heading or list. Line breaks and runs of
 * white space become one space, trimmed (a rendered page shows them so anyway; a leading space
 * could indent into a code block). Every inline marker of CommonMark and GitHub's dialect is
 * backslash-escaped; `&`, `<` and `>` are written as entities, so the markdown holds no HTML at
 * all, not even a comment (a raw search of the source and the rendered page read the same); and
 * what would open a block at the start of the line (`-`, `+`, `1.`, `1)`) is escaped there.
 * Bare URLs and addresses may still be linked by a renderer that links them: their text is their
 * destination, so nothing is hidden.
 */
export function escapeMarkdown(text: string) {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_~[\]|#]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^[-+]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2')
}

/**
 * A link the board writes itself: `label` is markdown already (escaped text, as `escapeMarkdown`
 * gives, with no code span holding a parenthesis), `url` an address the board built. Parentheses
 * in the label are escaped as well: marked, which renders the board's pages, reads `\[x\](y)`
 * inside a link's text as a link of its own. Spaces, parentheses and angle brackets in the address
 * are percent-encoded, so no address can end the link early or spill its rest into the line.
 */
export function markdownLink(label: string, url: string) {
  // A parenthesis after an even run of backslashes (none, or escaped ones) is bare: escape it.
  const text = label.replace(/(\\*)([()])/g, (_match, slashes: string, paren: string) =>
    slashes.length % 2 === 0 ? `${slashes}\\${paren}` : `${slashes}${paren}`,
  )
  const destination = url.replace(
    /[\s()<>\\]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
  return `[${text}](${destination})`
}
