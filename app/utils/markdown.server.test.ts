import { expect, test } from 'vitest'

import { renderMarkdown } from './markdown.server'

test('GitHub-flavoured markdown renders: code, lists, tables, links', () => {
  const html = renderMarkdown(
    '**Bold** and `code`\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nhttps://mirage.io',
  )
  expect(html).toContain('<strong>Bold</strong>')
  expect(html).toContain('<code>code</code>')
  expect(html).toContain('<li>one</li>')
  expect(html).toContain('<td>1</td>')
  expect(html).toContain('<a href="https://mirage.io" rel="nofollow noopener noreferrer ugc">')
})

test('script, event handlers and javascript: URLs are removed', () => {
  const html = renderMarkdown(
    '<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x</a>[y](javascript:alert(4))<iframe src="https://evil"></iframe>',
  )
  expect(html).not.toMatch(/<script|onerror|href="javascript:|<iframe/i)
  // The markdown link whose target is a script stays inert text.
  expect(html).toContain('[y](javascript:alert(4))')
})

test('task-list checkboxes stay, and can never be ticked by a reader', () => {
  const html = renderMarkdown('- [x] done\n- [ ] todo')
  expect(html).toContain('<input type="checkbox" disabled checked /> done')
  expect(html).toContain('<input type="checkbox" disabled /> todo')
})
