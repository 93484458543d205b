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
