import { parseArgs } from 'node:util'

import { buildLabelPlans, type LabelPlans } from '../app/labels/plans.server'
import { closeDb, getDb } from '../db/client.server'
import { migrateToLatest } from '../db/migrator'

import { loadEnvOrExit, runMain } from './lib'

const USAGE = `Usage: npm run labels -- <command> [owner/name]... [options]

Commands:
  plan [owner/name...]   show the label changes the board would make on GitHub (sends nothing)
  apply                  not available yet

Options:
  --json                 print the plan as JSON on stdout
  -h, --help             show this help`

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
        // Accepted now so `apply --yes` gets the message below, not an unknown-option error.
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
  }
  const { totals } = plans
  const blocked = plans.repositories.filter((repository) => repository.problems.length > 0)
  lines.push(
    '',
    `Plan: ${plural(totals.issues, 'issue')}, ${plural(totals.adds, 'label')} to add, ` +
      `${totals.removes} to remove, ${plural(totals.creates, 'label')} to create` +
      (blocked.length > 0
        ? `; ${plural(blocked.length, 'repository')} blocked by scheme problems`
        : ''),
  )
  console.log(lines.join('\n'))
}

async function plan(repos: string[], json: boolean) {
  const invalid = repos.filter((name) => !REPOSITORY_NAME.test(name))
  if (invalid.length > 0) usageError(`Not a repository (owner/name): ${invalid.join(', ')}`)
  loadEnvOrExit()
  try {
    await migrateToLatest(getDb())
    const plans = await buildLabelPlans({ repos: repos.length > 0 ? repos : undefined })
    if (json) console.log(JSON.stringify(plans, null, 2))
    else printPlans(plans)
    // A named repository that is not mirrored, or a scheme that blocks planning, needs attention.
    const blocked = plans.repositories.some((repository) => repository.problems.length > 0)
    process.exitCode = plans.missing.length > 0 || blocked ? 1 : 0
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
      // Said loudly, so nobody believes labels were written.
      return usageError(
        'npm run labels -- apply is not available yet: the outbox lands in the next release',
      )
    case undefined:
      return usageError('Name a command: plan or apply (npm run labels -- --help).')
    default:
      return usageError(
        `Unknown command "${command}": use plan or apply (npm run labels -- --help).`,
      )
  }
}

runMain(main)
