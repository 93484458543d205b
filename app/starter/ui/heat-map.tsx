import { useId } from 'react'

// A heat map as SVG: one row per category, one column per level, each cell shaded by its value.
// The chart has a <title> and <desc> for assistive technology, and the same numbers are in a
// visually hidden table, so nothing is only a colour.

export type HeatMapCell = {
  value: number
  /** What the cell shows; the value by default. */
  text?: string
  /** What the hidden table says for the cell; `text` by default. */
  description?: string
  /** Drawn with a red outline: something needs attention here. */
  isAlert?: boolean
}

export type HeatMapRow = { key: string; label: string; flag?: string | null }
export type HeatMapColumn = { key: string; label: string }

type HeatMapProps = {
  title: string
  description: string
  rowHeader: string
  rows: HeatMapRow[]
  columns: HeatMapColumn[]
  /** rows × columns, in the same order. */
  cells: HeatMapCell[][]
  /** The hue cells are shaded in. */
  tone?: 'blue' | 'amber'
  className?: string
}

const MIN_LABEL_WIDTH = 150
const MIN_CELL_WIDTH = 92
// About the width of a character at the 13px the labels use.
const CHARACTER_WIDTH = 8
const CELL_HEIGHT = 34
const HEADER_HEIGHT = 28
const LEGEND_HEIGHT = 34

const TONES = {
  blue: { from: [241, 245, 249], to: [29, 78, 216] },
  amber: { from: [255, 251, 235], to: [180, 83, 9] },
} as const

function shade(tone: keyof typeof TONES, intensity: number) {
  const { from, to } = TONES[tone]
  const mix = from.map((start, index) => Math.round(start + (to[index]! - start) * intensity))
  return `rgb(${mix.join(' ')})`
}

export function HeatMap({
  title,
  description,
  rowHeader,
  rows,
  columns,
  cells,
  tone = 'blue',
  className = '',
}: HeatMapProps) {
  const id = useId()
  const titleId = `${id}-title`
  const descId = `${id}-desc`
  const max = Math.max(1, ...cells.flat().map((cell) => cell.value))
  const longest = Math.max(
    ...columns.map((column) => column.label.length),
    ...cells.flat().map((cell) => (cell.text ?? String(cell.value)).length),
  )
  const cellWidth = Math.max(MIN_CELL_WIDTH, longest * CHARACTER_WIDTH + 20)
  const labelWidth = Math.max(
    MIN_LABEL_WIDTH,
    ...rows.map((row) => (row.label.length + (row.flag ? 2 : 0)) * CHARACTER_WIDTH + 20),
  )
  const width = labelWidth + columns.length * cellWidth
  const height = HEADER_HEIGHT + rows.length * CELL_HEIGHT + LEGEND_HEIGHT
  const legendSteps = 5

  return (
    <figure className={className}>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full"
        // Never drawn larger than its natural size, so text stays the size of the page's.
        style={{ fontFamily: 'inherit', maxWidth: width }}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {columns.map((column, index) => (
          <text
            key={column.key}
            x={labelWidth + index * cellWidth + cellWidth / 2}
            y={HEADER_HEIGHT - 10}
            textAnchor="middle"
            fontSize="13"
            fontWeight="600"
            fill="#334155"
          >
            {column.label}
          </text>
        ))}
        {rows.map((row, rowIndex) => {
          const y = HEADER_HEIGHT + rowIndex * CELL_HEIGHT
          return (
            <g key={row.key}>
              <text
                x={labelWidth - 10}
                y={y + CELL_HEIGHT / 2 + 4}
                textAnchor="end"
                fontSize="13"
                fill={row.flag ? '#b91c1c' : '#0f172a'}
                fontWeight={row.flag ? '600' : '400'}
              >
                {row.flag ? '⚠ ' : ''}
                {row.label}
              </text>
              {columns.map((column, columnIndex) => {
                const cell = cells[rowIndex]?.[columnIndex] ?? { value: 0 }
                const intensity = cell.value / max
                const x = labelWidth + columnIndex * cellWidth
                return (
                  <g key={column.key}>
                    <rect
                      x={x + 2}
                      y={y + 2}
                      width={cellWidth - 4}
                      height={CELL_HEIGHT - 4}
                      rx="4"
                      fill={shade(tone, intensity)}
                      stroke={cell.isAlert ? '#dc2626' : 'none'}
                      strokeWidth={cell.isAlert ? 2.5 : 0}
                    />
                    <text
                      x={x + cellWidth / 2}
                      y={y + CELL_HEIGHT / 2 + 4}
                      textAnchor="middle"
                      fontSize="13"
                      fontWeight="600"
                      fill={intensity > 0.55 ? '#ffffff' : '#0f172a'}
                    >
                      {cell.text ?? String(cell.value)}
                    </text>
                  </g>
                )
              })}
            </g>
          )
        })}
        <g aria-hidden="true">
          {Array.from({ length: legendSteps }, (_, step) => (
            <rect
              key={step}
              x={labelWidth + step * 22}
              y={height - LEGEND_HEIGHT + 12}
              width="22"
              height="12"
              fill={shade(tone, step / (legendSteps - 1))}
            />
          ))}
          <text
            x={labelWidth - 10}
            y={height - LEGEND_HEIGHT + 22}
            textAnchor="end"
            fontSize="11"
            fill="#475569"
          >
            0
          </text>
          <text
            x={labelWidth + legendSteps * 22 + 6}
            y={height - LEGEND_HEIGHT + 22}
            fontSize="11"
            fill="#475569"
          >
            {max}
          </text>
        </g>
      </svg>
      {/* A table hidden off screen must sit in a hidden box: a table is never narrower than its content. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={row.key}>
                <th scope="row">
                  {row.label}
                  {row.flag ? ` (${row.flag})` : ''}
                </th>
                {columns.map((column, columnIndex) => {
                  const cell = cells[rowIndex]?.[columnIndex] ?? { value: 0 }
                  return (
                    <td key={column.key}>{cell.description ?? cell.text ?? String(cell.value)}</td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
