import { userInfo } from 'node:os'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'

import { SingleBar, Presets } from 'cli-progress'

import { createGitHubClient } from '../app/github/client.server'
import { queueLabelPlans } from '../app/labels/outbox/apply.server'
import { countOpenLabelChanges } from '../app/labels/outbox/outbox.server'
import { drainLabelOutbox, workerId } from '../app/labels/outbox/runner.server'
import type { LabelWorkerSummary } from '../app/labels/outbox/worker.server'
import { buildLabelPlans, type LabelPlans } from '../app/labels/plan/plans.server'
import { githubAppOf } from '../app/utils/env.server'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, runMain } from './lib'

const USAGE = `Usage: npm run labels -- <command> [owner/name]... [options]

Commands:
  plan [owner/name...]   show the label changes the board would make on GitHub (sends nothing)
  apply [owner/name...]  show the plan, ask, then queue it and send it (with any changes already
                         waiting) to GitHub, at most one write a second; needs GITHUB_TOKEN

Options:
  --yes                  apply without asking (needed when not run from a terminal)
  --json                 print the plan (plan) or the outcome (apply) as JSON on stdout
  -h, --help             show this help

Exit codes: 0 done; 1 something needs attention (a repository not mirrored, a scheme problem,
a conflict or a failed change: see /labels/log); 2 bad arguments or settings, nothing sent.`

const REPOSITORY_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/

/** Exit code 2 and one line: bad arguments, nothing was done. */
function usageError(message: string): never {
  console.error(message)
  process.exit(2)
}

function readArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        yes: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error))
  }
}

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function printPlans(plans: LabelPlans) {
  const lines: string[] = []
  for (const name of plans.missing)
    lines.push(`${name}: not in the mirror (run npm run sync first)`)
  for (const repository of plans.repositories) {
    lines.push(repository.repo)
    for (const warning of repository.warnings) lines.push(`  ! ${warning}`)
    if (repository.blocked) {
      lines.push(`  ! ${repository.blocked}`)
      continue
    }
    if (repository.problems.length > 0) {
      lines.push('  Nothing is planned until the label scheme is fixed:')
      for (const problem of repository.problems) lines.push(`  ! ${problem.message}`)
      continue
    }
    if (repository.issues.length === 0) lines.push('  (labels already match the board)')
    for (const label of repository.creates) {
      lines.push(`  create label "${label.name}" (#${label.color}, ${label.description})`)
    }
    for (const issue of repository.issues) {
      lines.push(`  #${issue.number} ${issue.title}`)
      for (const name of issue.add) lines.push(`    + ${name}`)
      for (const name of issue.remove) lines.push(`    - ${name}`)
    }
    for (const issue of repository.leftOut) {
      lines.push(`  #${issue.number} ${issue.title}: left out. ${issue.reason}`)
    }
  }
  const { totals } = plans
  const blocked = plans.repositories.filter(
    (repository) => repository.problems.length > 0 || repository.blocked !== null,
  )
  lines.push(
    '',
    `Plan: ${plural(totals.issues, 'issue')}, ${plural(totals.adds, 'label')} to add, ` +
      `${totals.removes} to remove, ${plural(totals.creates, 'label')} to create` +
      (blocked.length > 0 ? `; ${plural(blocked.length, 'repository')} blocked (see above)` : ''),
  )
  console.log(lines.join('\n'))
}

function checkRepositoryNames(repos: string[]) {
  const invalid = repos.filter((name) => !REPOSITORY_NAME.test(name))
  if (invalid.length > 0) usageError(`Not a repository (owner/name): ${invalid.join(', ')}`)
}

function needsAttention(plans: LabelPlans) {
  // A named repository that is not mirrored, a repository or issue nothing can be sent to.
  return (
    plans.missing.length > 0 ||
    plans.repositories.some(
      (r) => r.problems.length > 0 || r.blocked !== null || r.leftOut.length > 0,
    )
  )
}

async function plan(repos: string[], json: boolean) {
  checkRepositoryNames(repos)
  loadEnvOrExit()
  try {
    await migrateToLatest(getDb())
    const plans = await buildLabelPlans({ repos: repos.length > 0 ? repos : undefined })
    if (json) console.log(JSON.stringify(plans, null, 2))
    else printPlans(plans)
    process.exitCode = needsAttention(plans) ? 1 : 0
  } finally {
    await closeDb()
  }
}

async function confirm(question: string) {
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim())
  } finally {
    prompt.close()
  }
}

function progressBar(total: number, quiet: boolean) {
  // A bar where someone watches; a line per change in logs; nothing with --json.
  if (quiet || total === 0) return { tick: (_line: string) => {}, stop: () => {} }
  if (!process.stderr.isTTY) {
    return { tick: (line: string) => console.error(line), stop: () => {} }
  }
  const bar = new SingleBar(
    {
      format: ' labels |{bar}| {value}/{total} changes {last}',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  )
  bar.start(total, 0, { last: '' })
  return {
    tick: (line: string) => bar.increment(1, { last: line }),
    stop: () => bar.stop(),
  }
}

function printOutcome(summary: LabelWorkerSummary, problems: ReadonlySet<string>) {
  const lines = [
    `Applied: ${summary.done} done, ${summary.conflicts} conflicts, ${summary.failed} failed, ` +
      `${summary.skipped} skipped, ${summary.retried} to try again; ${plural(summary.requests, 'request')} to GitHub.`,
  ]
  if (summary.conflicts > 0) {
    lines.push('Conflicts: someone changed those labels on GitHub since; choose at /labels/log.')
  }
  // Each distinct reason once: a refused token fails every change the same way.
  for (const problem of [...problems].slice(0, 5)) lines.push(`! ${problem}`)
  if (problems.size > 5) lines.push(`! … and ${problems.size - 5} more`)
  if (summary.failed > 0 || summary.retried > 0)
    lines.push('Every change and its reason: /labels/log.')
  console.log(lines.join('\n'))
}

async function apply(repos: string[], options: { json: boolean; yes: boolean }) {
  checkRepositoryNames(repos)
  const env = loadEnvOrExit()
  // Checked before anything is queued: without a token the changes could only wait.
  const app = githubAppOf(env)
  if (!env.GITHUB_TOKEN && !app) {
    usageError(
      'GITHUB_TOKEN is not set: applying writes labels on GitHub and needs a token that can write issues (or the GitHub App: GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY).',
    )
  }
  if (!options.yes && !process.stdin.isTTY) {
    usageError('Not run from a terminal: pass --yes to apply without being asked.')
  }
  try {
    const db = getDb()
    await migrateToLatest(db)
    const repoFilter = repos.length > 0 ? repos : undefined
    const plans = await buildLabelPlans({ repos: repoFilter, db })
    if (!options.json) printPlans(plans)
    const repositoryIds = repoFilter
      ? plans.repositories.map((repository) => repository.repositoryId)
      : undefined
    const waiting = await countOpenLabelChanges(repositoryIds, db)
    const planned = plans.totals.adds + plans.totals.removes
    if (planned === 0 && waiting === 0) {
      if (!options.json) console.log('Nothing to apply.')
      else console.log(JSON.stringify({ queued: 0, summary: null }, null, 2))
      process.exitCode = needsAttention(plans) ? 1 : 0
      return
    }
    if (waiting > 0 && !options.json) {
      console.log(`${plural(waiting, 'change')} already waiting in the outbox will be sent too.`)
    }
    if (
      !options.yes &&
      !(await confirm(`Apply ${plural(planned + waiting, 'change')} to GitHub? [y/N] `))
    ) {
      console.error('Nothing was applied.')
      process.exitCode = 2
      return
    }
    const actor = { id: null, login: `cli:${userInfo().username}` }
    const queued = await queueLabelPlans({ selection: 'all', actor, repos: repoFilter, db })
    const total = await countOpenLabelChanges(repositoryIds, db)
    const bar = progressBar(total, options.json)
    // As a GitHub App, each repository's changes go out with its installation's token.
    const client = createGitHubClient({
      ...(app ? { app } : { token: env.GITHUB_TOKEN }),
      baseUrl: env.GITHUB_API_URL,
    })
    const controller = new AbortController()
    const problems = new Set<string>()
    // Ctrl-C stops between requests; what is left waits in the outbox for the next run.
    process.once('SIGINT', () => controller.abort())
    const summary = await drainLabelOutbox({
      db,
      client,
      workerId: workerId('cli'),
      repositoryIds,
      signal: controller.signal,
      onFinish: (change, outcome) => {
        if ((outcome.status === 'pending' || outcome.status === 'failed') && outcome.error) {
          problems.add(outcome.error)
        }
        if (outcome.status === 'pending') return
        const where = change.issue_number === null ? '' : `#${change.issue_number} `
        const what =
          change.action === 'rename'
            ? `rename ${change.label} → ${change.new_label}`
            : `${change.action === 'add' ? '+' : '-'}${change.label}`
        bar.tick(`${where}${what}: ${outcome.status}`)
      },
    })
    bar.stop()
    if (options.json) {
      console.log(
        JSON.stringify(
          { queued: queued.queued, alreadyQueued: queued.alreadyQueued, summary },
          null,
          2,
        ),
      )
    } else {
      printOutcome(summary, problems)
      if (summary.aborted) console.log('Stopped: the rest waits in the outbox for the next run.')
    }
    const attention = summary.conflicts + summary.failed + summary.retried > 0 || summary.aborted
    process.exitCode = attention || needsAttention(plans) ? 1 : 0
  } finally {
    await closeDb()
  }
}

async function main() {
  const { values, positionals } = readArguments()
  const [command, ...rest] = positionals
  if (values.help) {
    console.log(USAGE)
    return
  }
  switch (command) {
    case 'plan':
      return plan(rest, values.json)
    case 'apply':
      return apply(rest, { json: values.json, yes: values.yes })
    case undefined:
      return usageError('Name a command: plan or apply (npm run labels -- --help).')
    default:
      return usageError(
        `Unknown command "${command}": use plan or apply (npm run labels -- --help).`,
      )
  }
}

runMain(main)
