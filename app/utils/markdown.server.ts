import { marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

// Text from GitHub is written by anyone on the internet: markdown is rendered, then everything
// that could run script, load active content or restyle the page is removed.
const SANITIZE_OPTIONS = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'h3',
    'h4',
    'h5',
    'h6',
    'del',
    'input',
    'details',
    'summary',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    code: ['class'],
    input: ['type', 'checked', 'disabled', 'aria-label'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  allowedClasses: { code: [/^language-[\w-]+$/] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer ugc' }),
    // Images load as soon as a page opens, so only absolute https URLs are kept: http is upgraded
    // (as browsers do on an https page; the Content-Security-Policy allows https images only), and
    // a relative URL, which would point at the board rather than GitHub, is dropped so an issue
    // cannot make its every reader's browser send a request to the board itself.
    img: (tagName, { src, ...attribs }) => {
      const url = src?.trim() ?? ''
      return /^https?:\/\//i.test(url)
        ? { tagName, attribs: { src: url.replace(/^http:/i, 'https:'), ...attribs } }
        : { tagName, attribs }
    },
    // Only GitHub's task-list checkboxes survive, and they can never be toggled; named, since
    // a screen reader announces a checkbox by its name (the task's text follows it).
    input: (tagName, attribs) =>
      attribs.type === 'checkbox'
        ? {
            tagName,
            attribs: {
              type: 'checkbox',
              disabled: '',
              'aria-label': attribs.checked !== undefined ? 'Task done' : 'Task to do',
              ...(attribs.checked !== undefined ? { checked: '' } : {}),
            },
          }
        : { tagName: 'span', attribs: {} },
  } satisfies sanitizeHtml.IOptions['transformTags'],
} satisfies sanitizeHtml.IOptions

const optionsByTopLevel = new Map<number, sanitizeHtml.IOptions>()

/** The sanitiser's options with "# Title" as an `h{topLevel}` and the levels below it shifted. */
function sanitizeOptions(topLevel: number) {
  let options = optionsByTopLevel.get(topLevel)
  if (!options) {
    const headings = [1, 2, 3, 4, 5, 6].map((level) => [
      `h${level}`,
      sanitizeHtml.simpleTransform(`h${Math.min(level + topLevel - 1, 6)}`, {}),
    ])
    options = {
      ...SANITIZE_OPTIONS,
      transformTags: { ...SANITIZE_OPTIONS.transformTags, ...Object.fromEntries(headings) },
    }
    optionsByTopLevel.set(topLevel, options)
  }
  return options
}

/**
 * Markdown as safe HTML. Text from GitHub sits inside a page whose own headings are h1 and h2:
 * by default its "# Title" becomes an h3, so a pasted heading never competes with the page's
 * title; `topLevel` says otherwise for text that is the page's own content.
 */
export function renderMarkdown(markdown: string, { topLevel = 3 } = {}): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true })
  return sanitizeHtml(html, sanitizeOptions(topLevel))
}
