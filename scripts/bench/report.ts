import type { BenchResult } from './run'

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
  const { seeding, data, generated, environment } = result
  const count = (value: number) => value.toLocaleString('en')
  const lines: string[] = []
  lines.push('')
  lines.push(
    `Pioneer Board benchmark: ${count(generated.issues)} issues (${count(generated.open)} open, ${count(generated.pullRequests)} pull requests) over ${count(generated.repositories)} repositories, ${count(generated.authors)} authors`,
  )
  lines.push(
    `Node ${environment.node}, ${environment.cpus} CPUs, PostgreSQL ${environment.postgres} (shared_buffers ${environment.sharedBuffers})${environment.throwawayCluster ? ', throwaway cluster' : ''}`,
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
  const rows = result.timings.map((timing) => [
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
  const missed = result.timings.filter((timing) => !timing.pass)
  lines.push('')
  lines.push(
    missed.length === 0
      ? `All ${result.timings.length} targets met.`
      : `${missed.length} of ${result.timings.length} targets missed: ${missed.map((timing) => timing.name).join(', ')}.`,
  )
  return lines.join('\n')
}
