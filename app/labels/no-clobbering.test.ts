import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { expect, test } from 'vitest'

// The build fails if any code path could replace or wipe an issue's labels, or delete a
// repository's label: the board writes deltas only (POST one label, DELETE one label from one
// issue), so labels people set by hand always survive. Tests are not scanned: the fake GitHub's
// own tests call these endpoints on purpose to check they are recorded. The board's label
// requests themselves are in app/github/labels.server.ts.

const ROOT = path.resolve(__dirname, '../..')

type Rule = { what: string; pattern: RegExp }

const RULES: Rule[] = [
  {
    what: "PUT of an issue's label set",
    pattern: /\bPUT\s+\/repos\/[^\s'"`]*\/issues\/[^\s'"`]*\/labels/g,
  },
  {
    what: "DELETE of all an issue's labels",
    pattern: /\bDELETE\s+\/repos\/[^\s'"`]+\/issues\/[^\s'"`/]+\/labels['"`?]/g,
  },
  // A PATCH of an issue may edit its title and body (the digest's agenda issue), never its labels:
  // its fields must be written out in the call, and none of them may be `labels`.
  {
    what: 'PATCH of an issue with labels (it would replace them)',
    pattern:
      /\bPATCH\s+\/repos\/[^\s'"`/]+\/[^\s'"`/]+\/issues\/[^\s'"`/]+['"`]\s*,\s*\{[^}]*\blabels\b/g,
  },
  {
    what: 'PATCH of an issue whose fields are out of sight (they could replace its labels)',
    pattern:
      /\bPATCH\s+\/repos\/[^\s'"`/]+\/[^\s'"`/]+\/issues\/[^\s'"`/]+['"`]\s*(?:,\s*[^{\s]|\))/g,
  },
  {
    what: 'DELETE of a repository label',
    pattern: /\bDELETE\s+\/repos\/[^\s'"`/]+\/[^\s'"`/]+\/labels\//g,
  },
  { what: 'issues.setLabels', pattern: /\.setLabels\b/g },
  { what: 'issues.removeAllLabels', pattern: /\bremoveAllLabels\b/g },
  {
    what: 'issues.deleteLabel (deletes the label everywhere)',
    pattern: /\bissues\.deleteLabel\b/g,
  },
  {
    what: 'issues.update with labels',
    // The call's argument, up to its closing `})`, naming labels.
    pattern: /\bissues\.update\(\s*\{[^}]*\blabels\b/g,
  },
]

/** Every forbidden call in a source text, as `file:line what`. */
function forbiddenCalls(file: string, text: string): string[] {
  return RULES.flatMap(({ what, pattern }) =>
    [...text.matchAll(pattern)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length
      return `${file}:${line} ${what}`
    }),
  )
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative)
    const isSource = /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
    return isSource ? [relative] : []
  })
}

test('no code path in app/ or scripts/ replaces or wipes labels or deletes a repository label', () => {
  const files = [...sourceFiles('app'), ...sourceFiles('scripts')]
  expect(files.length).toBeGreaterThan(10)
  expect(files).toContain(path.join('app', 'github', 'labels.server.ts'))
  const found = files.flatMap((file) =>
    forbiddenCalls(file, readFileSync(path.join(ROOT, file), 'utf8')),
  )
  expect(found).toEqual([])
})

test('the guard recognises every forbidden form, and lets the delta calls through', () => {
  const source = [
    "await octokit.request('PUT /repos/{owner}/{repo}/issues/{issue_number}/labels', args)",
    "await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels', args)",
    "await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', args)",
    'await octokit.request(`DELETE /repos/${owner}/${repo}/labels/${name}`)',
    'await octokit.rest.issues.setLabels(args)',
    'await octokit.rest.issues.removeAllLabels(args)',
    'await octokit.rest.issues.deleteLabel(args)',
    "await octokit.rest.issues.update({ owner, repo, issue_number: 1, labels: ['x'] })",
    "await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { labels: [] })",
    // Allowed: the deltas, a read, and the mirror's own deleteLabel (a database row).
    "await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', args)",
    "await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', a)",
    "await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', args)",
    "await octokit.request('PATCH /repos/{owner}/{repo}/labels/{name}', { new_name })",
    'await deleteLabel(repository.id, label.id, trx)',
    "await octokit.rest.issues.update({ owner, repo, issue_number: 1, state: 'closed' })",
    "await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { title, body })",
  ].join('\n')

  expect(forbiddenCalls('example.ts', source)).toEqual([
    "example.ts:1 PUT of an issue's label set",
    "example.ts:2 DELETE of all an issue's labels",
    'example.ts:9 PATCH of an issue with labels (it would replace them)',
    'example.ts:3 PATCH of an issue whose fields are out of sight (they could replace its labels)',
    'example.ts:4 DELETE of a repository label',
    'example.ts:5 issues.setLabels',
    'example.ts:6 issues.removeAllLabels',
    'example.ts:7 issues.deleteLabel (deletes the label everywhere)',
    'example.ts:8 issues.update with labels',
  ])
})
