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
  expect(html).toContain('<input type="checkbox" disabled aria-label="Task done" checked /> done')
  expect(html).toContain('<input type="checkbox" disabled aria-label="Task to do" /> todo')
})

test('images load only from absolute https URLs: http is upgraded, anything else dropped', () => {
  const html = renderMarkdown(
    '![a](https://example.org/a.png) ![b](http://example.org/b.png) ![c](/sync) <img src="x"> <img src="//evil.example/d.png"> ![e](data:image/png;base64,AAAA)',
  )
  expect(html).toContain('<img src="https://example.org/a.png" alt="a" />')
  expect(html).toContain('<img src="https://example.org/b.png" alt="b" />')
  expect(html.match(/src=/g)).toHaveLength(2)
})

test('obfuscated script URLs in markdown links, autolinks and references are removed', () => {
  const html = renderMarkdown(
    [
      '[a](JAVASCRIPT:alert(1))',
      '[b](&#x6A;avascript:alert(2))',
      '[c](<javascript:alert(3)>)',
      '<javascript:alert(4)>',
      '[d][r]',
      '<a href="java&#x09;script:alert(5)">e</a>',
      '<a href="vbscript:msgbox(6)">f</a>',
      '[g](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==)',
      '',
      '[r]: javascript:alert(8)',
    ].join('\n'),
  )
  expect(html).not.toMatch(/href=/)
})

test('headings in the text sit below the page’s own: # becomes h3, deeper ones down to h6', () => {
  expect(renderMarkdown('# A\n\n## B\n\n#### D\n\n<h1>raw</h1>')).toBe(
    '<h3>A</h3>\n<h4>B</h4>\n<h6>D</h6>\n<h3>raw</h3>',
  )
})

test('text that is the page’s own content starts where the page says, still sanitised', () => {
  expect(renderMarkdown('## B\n\n### C\n\n<h1 onclick="x()">raw</h1>', { topLevel: 1 })).toBe(
    '<h2>B</h2>\n<h3>C</h3>\n<h1>raw</h1>',
  )
  // The default is unchanged by a call with another level (the options are not shared state).
  expect(renderMarkdown('# A')).toBe('<h3>A</h3>\n')
})
