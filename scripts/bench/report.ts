import type { LabelsBenchResult } from './labels'
import { LOAD_TARGETS, mb } from './load'
import type { BenchResult } from './run'
import { formatMegabytes, type SweepFigures, type SyncBenchResult } from './sync'
import type { TallyBenchResult } from './tally'

// Plain-text report of a run, for the terminal.

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-')

export function formatBytes(bytes: number) {
  const units = ['B', 'kB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`
}

function table(header: string[], rows: string[][], rightAligned: Set<number>) {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]!.length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)]
}

export function formatReport(result: BenchResult): string {
  const { environment } = result
  const lines: string[] = []
  lines.push('')
  lines.push('Pioneer Board benchmark')
  const postgres =
    environment.postgres === null
      ? ''
      : `, PostgreSQL ${environment.postgres} (shared_buffers ${environment.sharedBuffers}; ${environment.durability})${environment.throwawayCluster ? ', throwaway cluster' : ''}`
  lines.push(`Node ${environment.node}, ${environment.cpus} CPUs${postgres}`)
  if (result.tally) lines.push('', ...formatTally(result.tally))
  if (result.board) lines.push('', ...formatBoard(result.board))
  if (result.sync) lines.push('', ...formatSync(result.sync))
  if (result.labels) lines.push('', ...formatLabels(result.labels))
  return lines.join('\n')
}

const count = (value: number) => value.toLocaleString('en')

function formatBoard(board: NonNullable<BenchResult['board']>): string[] {
  const { seeding, data, generated } = board
  const lines: string[] = []
  lines.push(
    `Board: ${count(generated.issues)} issues (${count(generated.open)} open, ${count(generated.pullRequests)} pull requests) over ${count(generated.repositories)} repositories, ${count(generated.authors)} authors; database ${board.database}`,
  )
  lines.push('')
  lines.push(
    `Seeding: ${count(seeding.issues)} issues in ${seeding.seconds.toFixed(1)} s (${count(Math.round(seeding.issuesPerSecond))} issues/s, ${seeding.batches} transactions), VACUUM ANALYZE ${seeding.analyzeSeconds.toFixed(1)} s`,
  )
  lines.push(
    `Rows: ${count(data.rows.repository)} repositories, ${count(data.rows.label)} labels, ${count(data.rows.issue)} issues, ${count(data.rows.issue_label)} issue labels`,
  )
  lines.push(
    `Size: issue table ${formatBytes(data.issueTableBytes)} + indexes ${formatBytes(data.issueIndexesBytes)} = ${formatBytes(data.issueTotalBytes)}; database ${formatBytes(data.databaseBytes)}`,
  )
  lines.push(
    `  issue indexes: ${data.issueIndexes.map((index) => `${index.name} ${formatBytes(index.bytes)}`).join(', ')}`,
  )
  lines.push('')
  const rows = board.timings.map((timing) => [
    timing.name,
    timing.kind === 'query' ? (timing.detail ?? '') : 'time to first byte',
    timing.kind === 'query' ? count(timing.rows) : '',
    ms(timing.p50),
    ms(timing.p95),
    ms(timing.max),
    `<= ${timing.targetMs}`,
    timing.pass ? 'PASS' : 'MISS',
  ])
  lines.push(
    ...table(
      ['query', 'detail', 'rows', 'p50 ms', 'p95 ms', 'max ms', 'target p95', 'result'],
      rows,
      new Set([2, 3, 4, 5]),
    ),
  )
  const missed = board.timings.filter((timing) => !timing.pass)
  lines.push('')
  lines.push(
    missed.length === 0
      ? `All ${board.timings.length} board targets met.`
      : `${missed.length} of ${board.timings.length} board targets missed: ${missed.map((timing) => timing.name).join(', ')}.`,
  )
  if (board.load) {
    const first = board.load[0]
    lines.push('')
    lines.push(
      `Pages under load: ${first?.clients ?? 0} clients in flight for ${first ? Math.round(first.seconds) : 0} s per page, a Node client on loopback sharing the machine's cores with the server and PostgreSQL; latency to the answer's last byte; server RSS is its largest process`,
    )
    lines.push(
      ...table(
        [
          'page',
          'requests/s',
          'p50 ms',
          'p95 ms',
          'errors',
          'RSS peak, first third',
          'RSS peak, last third',
          'result',
        ],
        board.load.map((result) => [
          `GET ${result.path}`,
          result.requestsPerSecond.toFixed(0),
          ms(result.p50),
          ms(result.p95),
          count(result.errors),
          mb(result.rssEarlyPeakBytes),
          mb(result.rssLatePeakBytes),
          result.pass ? 'PASS' : 'MISS',
        ]),
        new Set([1, 2, 3, 4, 5, 6]),
      ),
    )
    lines.push(
      `Targets: p95 <= ${LOAD_TARGETS.p95Ms} ms, ${LOAD_TARGETS.errors} errors, server RSS's peak in the last third of each load within ${LOAD_TARGETS.rssGrowthFraction * 100}% of its peak in the first third (sampled every 250 ms).${board.load.some((result) => result.errorSamples.length > 0) ? ` Errors: ${board.load.flatMap((result) => result.errorSamples.map((sample) => `${result.path} ${sample}`)).join('; ')}` : ''}`,
    )
  }
  return lines
}

function formatSync(sync: SyncBenchResult): string[] {
  const { fake, initial, resweep, afterChanges, mirrored, rawWalk } = sync
  const lines: string[] = []
  lines.push(
    `Sync: ${count(fake.issues)} issues (${count(fake.pullRequests)} pull requests) over ${count(fake.repositories)} repositories, from a fake GitHub in a child process (populated in ${fake.populateSeconds.toFixed(1)} s); database ${sync.database}`,
  )
  lines.push(
    `Mirrored: ${count(mirrored.repositories)} repositories, ${count(mirrored.labels)} labels, ${count(mirrored.issues)} issues, ${count(mirrored.issueLabels)} issue labels`,
  )
  lines.push(
    `Syncing process RSS before the initial mirror: ${formatMegabytes(initial.rssBeforeBytes)}; machine load average then: ${initial.loadAverage.toFixed(1)} (wall times stretch when other work shares the CPUs)`,
  )
  lines.push(
    `Raw page walk (same client, same pages: each repository, its issues, its labels; ${rawWalk.repositoriesAtOnce} repositories at a time as the sweep, nothing stored), measured in this run: ${rawWalk.seconds.toFixed(2)} s wall, ${rawWalk.cpuSeconds.toFixed(1)} CPU-s, ${count(rawWalk.requests)} requests; initial mirror / raw walk: ${initial.overRawWalk.toFixed(2)}×`,
  )
  lines.push(
    `The fake GitHub shares the CPUs: it used ${rawWalk.githubCpuSeconds.toFixed(1)} CPU-s answering the raw walk and ${initial.githubCpuSeconds.toFixed(1)} CPU-s answering the initial mirror (GitHub's own servers cost a real deployment none).`,
  )
  lines.push('')
  const row = (name: string, figures: SweepFigures, issuesPerSecond: string) => [
    name,
    figures.seconds.toFixed(2),
    count(figures.requests),
    count(figures.notModified),
    count(figures.primaryPoints),
    formatMegabytes(figures.peakRssBytes),
    figures.cpuSeconds.toFixed(1),
    figures.postgresCpuSeconds === null ? '-' : figures.postgresCpuSeconds.toFixed(1),
    figures.githubCpuSeconds.toFixed(1),
    issuesPerSecond,
    Object.entries(figures.outcomes)
      .map(([outcome, repositories]) => `${repositories} ${outcome}`)
      .join(', '),
  ]
  lines.push(
    ...table(
      [
        'sweep',
        'wall s',
        'requests',
        '304s',
        'points',
        'peak RSS',
        'sync CPU s',
        'PG CPU s',
        'GitHub CPU s',
        'issues/s',
        'repositories',
      ],
      [
        row('initial mirror', initial, count(Math.round(initial.issuesPerSecond))),
        row('unchanged re-sweep', resweep, '-'),
        row(`after ${afterChanges.changes} changes in 1 repo`, afterChanges, '-'),
      ],
      new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ),
  )
  lines.push('')
  lines.push(
    ...table(
      ['target', 'measured', 'target', 'result'],
      sync.checks.map((check) => [
        check.name,
        check.measured,
        check.target,
        check.pass ? 'PASS' : 'MISS',
      ]),
      new Set([1]),
    ),
  )
  const missed = sync.checks.filter((check) => !check.pass)
  lines.push('')
  lines.push(
    missed.length === 0
      ? `All ${sync.checks.length} sync targets met.`
      : `${missed.length} of ${sync.checks.length} sync targets missed: ${missed.map((check) => check.name).join(', ')}.`,
  )
  return lines
}

function formatTally(tally: TallyBenchResult): string[] {
  const lines: string[] = []
  lines.push(
    `Tally: ${count(tally.ballots)} random ballots over ${count(tally.ideas)} ideas (${tally.partialBallots} leave ideas out, ${tally.ballotsWithTies} share a rank), in memory; winner idea ${tally.winner}, ${tally.tieBreaks} shared ranks broken`,
  )
  lines.push(
    `Process CPU time (all threads, garbage collection included): ${tally.cpuMsPerTally.toFixed(2)} ms per tally; machine load average then: ${tally.loadAverage.toFixed(1)} (a busy machine stretches the slowest wall times)`,
  )
  lines.push('')
  lines.push(
    ...table(
      ['count', 'detail', 'p50 ms', 'p95 ms', 'max ms', 'target p95', 'result'],
      [
        [
          tally.name,
          tally.detail,
          tally.p50.toFixed(2),
          tally.p95.toFixed(2),
          tally.max.toFixed(2),
          `<= ${tally.targetMs}`,
          tally.pass ? 'PASS' : 'MISS',
        ],
      ],
      new Set([2, 3, 4]),
    ),
  )
  lines.push('')
  lines.push(
    tally.pass
      ? 'The tally target is met.'
      : `The tally target is missed: p95 ${tally.p95.toFixed(2)} ms > ${tally.targetMs} ms.`,
  )
  return lines
}

function formatLabels(labels: LabelsBenchResult): string[] {
  const { seeding, planning, queueing, applying } = labels
  const lines: string[] = []
  lines.push(
    `Labels: ${count(seeding.issues)} issues with open starter projects (${count(seeding.mentors)} mentored) over ${count(seeding.repositories)} repositories, ${count(seeding.ideas)} roadmap ideas linking ${count(seeding.ideaLinks)} of them; ${count(seeding.issueLabels)} mirrored issue labels; seeded in ${seeding.seconds.toFixed(1)} s; database ${labels.database}`,
  )
  lines.push(
    `Plan: ${count(planning.changes)} changes (${count(planning.adds)} adds, ${count(planning.removes)} removes) on ${count(planning.issues)} issues in ${count(planning.repositories)} repositories, ${count(planning.creates)} catalogue labels to create`,
  )
  lines.push(
    queueing.error
      ? `Queueing the whole plan (queueLabelPlans) FAILED after ${queueing.ms.toFixed(0)} ms, nothing queued: ${queueing.error}`
      : `Queueing the whole plan (queueLabelPlans, which plans again first): ${queueing.ms.toFixed(0)} ms for ${count(queueing.queued)} outbox rows (no target)`,
  )
  lines.push('')
  lines.push(
    ...table(
      ['step', 'runs', 'p50 ms', 'p95 ms', 'max ms', 'target p95', 'result'],
      [
        [
          planning.name,
          String(planning.samples),
          ms(planning.p50),
          ms(planning.p95),
          ms(planning.max),
          `<= ${planning.targetMs}`,
          planning.pass ? 'PASS' : 'MISS',
        ],
      ],
      new Set([1, 2, 3, 4]),
    ),
  )
  lines.push('')
  lines.push(
    `Apply: ${applying.changes} changes on ${applying.issues} issues of ${applying.repository} through the fake GitHub, one write per ${applying.intervalMs} ms: ${applying.wallSeconds.toFixed(1)} s wall, ${applying.writes} writes`,
  )
  lines.push('')
  lines.push(
    ...table(
      ['target', 'measured', 'target', 'result'],
      labels.checks.map((check) => [
        check.name,
        check.measured,
        check.target,
        check.pass ? 'PASS' : 'MISS',
      ]),
      new Set(),
    ),
  )
  const missed = labels.checks.filter((check) => !check.pass)
  lines.push('')
  lines.push(
    missed.length === 0
      ? `All ${labels.checks.length} label targets met.`
      : `${missed.length} of ${labels.checks.length} label targets missed: ${missed.map((check) => check.name).join(', ')}.`,
  )
  return lines
}
