import fc from 'fast-check'
import { marked } from 'marked'
import { expect, test } from 'vitest'

import { escapeMarkdown } from './markdown-text'
import { renderMarkdown } from './markdown.server'

// Every ASCII punctuation mark, letters, digits and white space; without `.`, `:` and `@`, which
// spell the bare URLs and addresses a renderer may link on purpose (escapeMarkdown's comment).
const ALPHABET = [...'abcxyzABCXYZ019 \t\n', ...'*_[]()<>!#`~|\\&;-+=/"\'?$%^{},']
const plainText = fc
  .string({ unit: fc.constantFrom(...ALPHABET), maxLength: 40 })
  .filter((text) => text.trim() !== '')

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decode = (html: string) =>
  html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) =>
    name.startsWith('#')
      ? String.fromCodePoint(Number(name.replace(/^#x/i, '0x').replace(/^#/, '')))
      : (ENTITIES[name] ?? entity),
  )
const renderers = {
  renderMarkdown,
  // The sanitiser must not be what hides a link or a tag: the parser's own output too.
  marked: (markdown: string) => marked.parse(markdown, { async: false, gfm: true, breaks: true }),
}
// Where people's words stand in the markdown the board writes: a paragraph, a list item followed
// by more words, a heading.
const contexts = [
  { wrap: (line: string) => line, read: /^<p>([^<]*)<\/p>\s*$/ },
  {
    wrap: (line: string) => `- ${line} (idea 1, +0)`,
    read: /^<ul>\s*<li>([^<]*) \(idea 1, \+0\)<\/li>\s*<\/ul>\s*$/,
  },
  { wrap: (line: string) => `### ${line}`, read: /^<h[1-6]>([^<]*)<\/h[1-6]>\s*$/ },
]

test.each(Object.entries(renderers))(
  'escaped text renders, through %s, as exactly the text: no emphasis, link, HTML or block',
  (_name, render) => {
    fc.assert(
      fc.property(plainText, (text) => {
        const expected = text.replace(/\s+/g, ' ').trim()
        for (const { wrap, read } of contexts) {
          const html = render(wrap(escapeMarkdown(text)))
          const inner = read.exec(html)?.[1]
          expect(inner, html).toBeDefined()
          expect(decode(inner ?? '')).toBe(expected)
        }
      }),
      { numRuns: 300 },
    )
  },
)

test('the markdown holds no HTML, and markup reads as the characters it is made of', () => {
  const markdown = escapeMarkdown('<img src=x> **bold** [link](javascript:alert(1))')
  expect(markdown).toBe('&lt;img src=x&gt; \\*\\*bold\\*\\* \\[link\\](javascript:alert(1))')
  expect(renderMarkdown(markdown)).toBe(
    '<p>&lt;img src=x&gt; **bold** [link](javascript:alert(1))</p>\n',
  )
})

test('a line that starts like a list item or a numbered one stays a line', () => {
  expect(renderMarkdown(`- ${escapeMarkdown('1. Release')}`)).toBe(
    '<ul>\n<li>1. Release</li>\n</ul>\n',
  )
  expect(renderMarkdown(escapeMarkdown('- a'))).toBe('<p>- a</p>\n')
})

test('plain words are left alone', () => {
  expect(escapeMarkdown('TLS 1.3 in ocaml-tls, now?')).toBe('TLS 1.3 in ocaml-tls, now?')
})
