import { userInfo } from 'node:os'
import { createInterface } from 'node:readline/promises'

import { SingleBar, Presets } from 'cli-progress'

import { createGitHubClient } from '../app/github/client.server'
import { countOpenConflicts, queueLabelPlans } from '../app/labels/outbox/apply.server'
import { countOpenLabelChanges } from '../app/labels/outbox/outbox.server'
import { drainLabelOutbox, workerId } from '../app/labels/outbox/runner.server'
import type { LabelWorkerSummary } from '../app/labels/outbox/worker.server'
import { buildLabelPlans, type LabelPlans } from '../app/labels/plan/plans.server'
import { describeOpenConflicts } from '../app/labels/plan/review'
import { defaultScheme } from '../app/labels/scheme/scheme'
import type { SchemeSettings } from '../app/labels/scheme/schemes.server'
import { parseSyncTargets } from '../app/sync/sweep.server'
import { githubAppOf, type Env } from '../app/utils/env.server'
import { migrateToLatest } from '../db/migrator'

import {
  type CommandIo,
  exitCodeOf,
  readCommandArguments,
  readSettings,
  runAsMain,
  UsageError,
  waitNotice,
  withDatabase,
} from './lib'

// `npm run labels`: the board's label plan, shown or sent to GitHub. runLabels takes its
// arguments, settings, output and terminal as parameters, so the tests run it in their own process.

const USAGE = `Usage: npm run labels -- <command> [owner/name]... [options]

Commands:
  plan [owner/name...]   show the label changes the board would make on GitHub (sends nothing)
  apply [owner/name...]  show the plan, ask, then queue it and send it (with any changes already
                         waiting) to GitHub, at most one write a second; needs GITHUB_TOKEN

A repository is owner/name or its github.com address (https://github.com/owner/name.git ...).

Options:
  --yes                  apply without asking (needed when not run from a terminal)
  --json                 print the plan (plan) or the outcome (apply) as JSON on stdout
  -h, --help             show this help

Exit codes: 0 done; 1 something needs attention (a repository not mirrored, a scheme problem,
a conflict, a failed or skipped change: see /labels/log); 2 bad arguments or settings, nothing sent.`

function readArguments(argv: string[]) {
  return readCommandArguments('labels', {
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function printPlans(plans: LabelPlans, io: CommandIo) {
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
  io.out(lines.join('\n'))
}

/** The repositories named, read as `npm run sync` reads them: `owner/name` or its github.com address. */
function repositoryNames(words: string[]) {
  const { targets, invalid } = parseSyncTargets(words)
  // `npm run sync` also takes an organisation; labels are planned repository by repository.
  const owners = targets.flatMap((target) => (target.kind === 'owner' ? [target.owner] : []))
  if (invalid.length === 0 && owners.length === 0) {
    return targets.flatMap((target) => (target.kind === 'repository' ? [target.fullName] : []))
  }
  throw new UsageError(
    `Not a repository (owner/name), nor a github.com address of one: ${[...invalid, ...owners].join(', ')}` +
      (owners[0]
        ? ` (labels take repositories only, not organisations: name each, as ${owners[0]}/<name>)`
        : ''),
  )
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

/** The community's settings the plans and schemes are built with: the command's, not the process's. */
function schemeSettings(env: Env): SchemeSettings {
  return { defaults: defaultScheme(env.LANGUAGE_NAME), domains: env.STARTER_DOMAINS }
}

async function plan(words: string[], json: boolean, io: CommandIo) {
  const repos = repositoryNames(words)
  const env = readSettings(io.env)
  return withDatabase(io, env, async (db) => {
    await migrateToLatest(db)
    const plans = await buildLabelPlans({
      ...schemeSettings(env),
      repos: repos.length > 0 ? repos : undefined,
      db,
    })
    if (json) io.out(JSON.stringify(plans, null, 2))
    else printPlans(plans, io)
    return needsAttention(plans) ? 1 : 0
  })
}

async function confirm(question: string, input: NodeJS.ReadStream) {
  const prompt = createInterface({ input, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await prompt.question(question)).trim())
  } finally {
    prompt.close()
  }
}

function progressBar(total: number, quiet: boolean, io: CommandIo) {
  // A bar where someone watches; a line per change in logs; nothing with --json.
  if (quiet || total === 0) return { tick: (_line: string) => {}, stop: () => {} }
  if (!io.terminal) {
    return { tick: (line: string) => io.err(line), stop: () => {} }
  }
  const bar = new SingleBar(
    {
      format: ' labels |{bar}| {value}/{total} changes {last}',
      hideCursor: true,
      stream: io.terminal,
    },
    Presets.shades_classic,
  )
  bar.start(total, 0, { last: '' })
  return {
    tick: (line: string) => bar.increment(1, { last: line }),
    stop: () => bar.stop(),
  }
}

type OpenConflicts = { changes: number; issues: number }

/**
 * The conflicts waiting for a maintainer, counted and worded as the label pages do (by issue:
 * settling one change settles its issue's others); null when none waits.
 */
function openConflictsLine(open: OpenConflicts) {
  const waiting = describeOpenConflicts(open)
  if (!waiting) return null
  const them = open.issues === 1 ? 'it' : 'them'
  return `${waiting}: someone changed those labels on GitHub since the plan; review ${them} at /labels/log?conflicts=open.`
}

function printOutcome(
  summary: LabelWorkerSummary,
  problems: ReadonlySet<string>,
  open: OpenConflicts,
  io: CommandIo,
) {
  const lines = [
    `Applied: ${summary.done} done, ${summary.failed} failed, ${summary.skipped} skipped, ` +
      `${summary.retried} to try again; ${plural(summary.requests, 'request')} to GitHub.`,
  ]
  const conflicts = openConflictsLine(open)
  if (conflicts) lines.push(conflicts)
  // Each distinct reason once: a refused token fails every change the same way.
  for (const problem of [...problems].slice(0, 5)) lines.push(`! ${problem}`)
  if (problems.size > 5) lines.push(`! … and ${problems.size - 5} more`)
  if (summary.failed > 0 || summary.retried > 0)
    lines.push('Every change and its reason: /labels/log.')
  io.out(lines.join('\n'))
}

async function apply(words: string[], options: { json: boolean; yes: boolean }, io: CommandIo) {
  const repos = repositoryNames(words)
  const env = readSettings(io.env)
  // Checked before anything is queued: without a token the changes could only wait.
  const app = githubAppOf(env)
  if (!env.GITHUB_TOKEN && !app) {
    throw new UsageError(
      'GITHUB_TOKEN is not set: applying writes labels on GitHub and needs a token that can write issues (or the GitHub App: GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY).',
    )
  }
  const input = io.input
  if (!options.yes && !input) {
    throw new UsageError('Not run from a terminal: pass --yes to apply without being asked.')
  }
  const settings = schemeSettings(env)
  return withDatabase(io, env, async (db) => {
    await migrateToLatest(db)
    const repoFilter = repos.length > 0 ? repos : undefined
    const plans = await buildLabelPlans({ ...settings, repos: repoFilter, db })
    if (!options.json) printPlans(plans, io)
    const repositoryIds = repoFilter
      ? plans.repositories.map((repository) => repository.repositoryId)
      : undefined
    const waiting = await countOpenLabelChanges(repositoryIds, db)
    const planned = plans.totals.adds + plans.totals.removes
    if (planned === 0 && waiting === 0) {
      const open = await countOpenConflicts(db, repositoryIds)
      if (options.json)
        io.out(JSON.stringify({ queued: 0, summary: null, openConflicts: open }, null, 2))
      else io.out(['Nothing to apply.', openConflictsLine(open)].filter(Boolean).join('\n'))
      return needsAttention(plans) ? 1 : 0
    }
    if (waiting > 0 && !options.json) {
      io.out(`${plural(waiting, 'change')} already waiting in the outbox will be sent too.`)
    }
    if (
      input &&
      !options.yes &&
      !(await confirm(`Apply ${plural(planned + waiting, 'change')} to GitHub? [y/N] `, input))
    ) {
      io.err('Nothing was applied.')
      return 2
    }
    const actor = { id: null, login: `cli:${userInfo().username}` }
    const queued = await queueLabelPlans({
      selection: 'all',
      actor,
      repos: repoFilter,
      db,
      settings,
    })
    const total = await countOpenLabelChanges(repositoryIds, db)
    const bar = progressBar(total, options.json, io)
    // As a GitHub App, each repository's changes go out with its installation's token.
    const client = createGitHubClient({
      ...(app ? { app } : { token: env.GITHUB_TOKEN }),
      baseUrl: env.GITHUB_API_URL,
      waitScale: io.waitScale,
      // A used-up limit waits up to an hour: said once, as npm run sync says it.
      onWait: waitNotice(io, 'what is sent stays sent, the rest waits in the outbox').onWait,
    })
    const controller = new AbortController()
    const problems = new Set<string>()
    // Ctrl-C stops between requests; what is left waits in the outbox for the next run.
    const abort = () => controller.abort()
    process.once('SIGINT', abort)
    let summary: LabelWorkerSummary
    try {
      summary = await drainLabelOutbox({
        db,
        client,
        workerId: workerId('cli'),
        repositoryIds,
        signal: controller.signal,
        settings,
        clock: io.clock,
        onFinish: (change, outcome) => {
          const isUnsent = ['pending', 'failed', 'skipped'].includes(outcome.status)
          if (isUnsent && outcome.error) {
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
    } finally {
      process.off('SIGINT', abort)
      bar.stop()
    }
    const open = await countOpenConflicts(db, repositoryIds)
    if (options.json) {
      io.out(
        JSON.stringify(
          {
            queued: queued.queued,
            alreadyQueued: queued.alreadyQueued,
            summary,
            openConflicts: open,
          },
          null,
          2,
        ),
      )
    } else {
      printOutcome(summary, problems, open, io)
      if (summary.aborted) io.out('Stopped: the rest waits in the outbox for the next run.')
    }
    // A skipped change was asked for and not sent (not the board's label, or the demo's copy).
    const attention =
      summary.conflicts + summary.failed + summary.retried + summary.skipped > 0 || summary.aborted
    return attention || needsAttention(plans) ? 1 : 0
  })
}

/** The command `io.argv` names, run; the exit code (see USAGE). */
export function runLabels(io: CommandIo): Promise<number> {
  return exitCodeOf(io, async () => {
    const { values, positionals } = readArguments(io.argv)
    const [command, ...rest] = positionals
    if (values.help) {
      io.out(USAGE)
      return 0
    }
    switch (command) {
      case 'plan':
        return plan(rest, values.json, io)
      case 'apply':
        return apply(rest, { json: values.json, yes: values.yes }, io)
      case undefined:
        throw new UsageError('Name a command: plan or apply (npm run labels -- --help).')
      default:
        throw new UsageError(
          `Unknown command "${command}": use plan or apply (npm run labels -- --help).`,
        )
    }
  })
}

runAsMain(import.meta.url, runLabels)
