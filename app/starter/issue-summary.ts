// What a starter project made from a mirrored issue starts with as its summary: the issue's first
// paragraph (its markdown kept), then where it came from. Issue templates put HTML comments and
// headings ("### Description") first; those are not the paragraph a newcomer should read.

const MAX_SUMMARY_CHARS = 2_000

/** The first paragraph of a GitHub issue body that says something, or '' when none does. */
export function firstParagraph(body: string | null | undefined): string {
  if (!body) return ''
  const text = body.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(-->|$)/g, '')
  for (const block of text.split(/\n[ \t]*\n/)) {
    const lines = block
      .split('\n')
      .map((line) => line.trim())
      // A heading or a rule is a title, not the paragraph.
      .filter((line) => line && !/^#{1,6}(\s|$)/.test(line) && !/^([-*_])(\s*\1){2,}$/.test(line))
    if (lines.length === 0) continue
    const paragraph = lines.join('\n')
    return paragraph.length > MAX_SUMMARY_CHARS
      ? `${paragraph.slice(0, MAX_SUMMARY_CHARS - 1).trimEnd()}…`
      : paragraph
  }
  return ''
}

/** The summary prefilled from an issue: its first paragraph, then a link to the issue. */
export function summaryFromIssue(issue: {
  body: string | null
  repo: string
  number: number
  html_url: string
}) {
  const source = `From [${issue.repo}#${issue.number}](${issue.html_url}).`
  const paragraph = firstParagraph(issue.body)
  return paragraph ? `${paragraph}\n\n${source}` : source
}
