import { useId } from 'react'

import { formatDate } from '~/utils/format'

// A small SVG line chart of a few daily series (the first drawn as an area), with a <title>,
// a <desc> and a visually hidden table of the same numbers. A single day is drawn as points.

export type TimeSeries = { key: string; label: string; color: string }
export type TimeSeriesPoint = { day: string; values: Record<string, number> }

type TimeSeriesChartProps = {
  title: string
  description: string
  series: TimeSeries[]
  points: TimeSeriesPoint[]
  className?: string
  /** Drawing size in SVG units (the chart still shrinks to its box); a small chart keeps its text legible. */
  width?: number
  height?: number
}

const PAD = { top: 16, right: 16, bottom: 30, left: 40 }
const DAY_MS = 86_400_000

function dayNumber(day: string) {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS
}

/** 0, a round step and the maximum: at most five gridlines. */
function ticksFor(max: number) {
  const step = Math.max(1, Math.ceil(max / 4))
  const ticks: number[] = []
  for (let value = 0; value <= max; value += step) ticks.push(value)
  if (ticks.at(-1)! < max) ticks.push(ticks.at(-1)! + step)
  return ticks
}

export function TimeSeriesChart({
  title,
  description,
  series,
  points,
  className = '',
  width: WIDTH = 640,
  height: HEIGHT = 220,
}: TimeSeriesChartProps) {
  const id = useId()
  const titleId = `${id}-title`
  const descId = `${id}-desc`
  const yTicks = ticksFor(
    Math.max(1, ...points.flatMap((point) => series.map((s) => point.values[s.key] ?? 0))),
  )
  const yMax = yTicks.at(-1)!
  const first = points[0] ? dayNumber(points[0].day) : 0
  const last = points.at(-1) ? dayNumber(points.at(-1)!.day) : 0
  const span = Math.max(1, last - first)
  const plotWidth = WIDTH - PAD.left - PAD.right
  const plotHeight = HEIGHT - PAD.top - PAD.bottom
  const x = (day: string) =>
    points.length === 1
      ? PAD.left + plotWidth / 2
      : PAD.left + ((dayNumber(day) - first) / span) * plotWidth
  const y = (value: number) => PAD.top + plotHeight - (value / yMax) * plotHeight
  const baseline = y(0)

  return (
    <figure className={className}>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        style={{ maxWidth: WIDTH }}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {yTicks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#475569">
              {tick}
            </text>
          </g>
        ))}
        {points.length > 0 ? (
          <>
            <text
              x={points.length === 1 ? x(points[0]!.day) : PAD.left}
              y={HEIGHT - 8}
              textAnchor={points.length === 1 ? 'middle' : 'start'}
              fontSize="11"
              fill="#475569"
            >
              {formatDate(points[0]!.day)}
            </text>
            {points.length > 1 ? (
              <text
                x={WIDTH - PAD.right}
                y={HEIGHT - 8}
                textAnchor="end"
                fontSize="11"
                fill="#475569"
              >
                {formatDate(points.at(-1)!.day)}
              </text>
            ) : null}
          </>
        ) : null}
        {series.map((s, index) => {
          const coordinates = points.map(
            (point) => [x(point.day), y(point.values[s.key] ?? 0)] as const,
          )
          const line = coordinates.map(([px, py]) => `${px},${py}`).join(' ')
          return (
            <g key={s.key}>
              {index === 0 && coordinates.length > 1 ? (
                <polygon
                  points={`${coordinates[0]![0]},${baseline} ${line} ${coordinates.at(-1)![0]},${baseline}`}
                  fill={s.color}
                  fillOpacity="0.15"
                />
              ) : null}
              {coordinates.length > 1 ? (
                <polyline points={line} fill="none" stroke={s.color} strokeWidth="2" />
              ) : null}
              {coordinates.length <= 1 || coordinates.length <= 14
                ? coordinates.map(([px, py], pointIndex) => (
                    <circle key={pointIndex} cx={px} cy={py} r="3.5" fill={s.color} />
                  ))
                : null}
            </g>
          )
        })}
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-sm text-slate-700">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block h-2 w-4 rounded"
              style={{ backgroundColor: s.color }}
            />
            {s.label}
          </span>
        ))}
      </figcaption>
      {/* A table hidden off screen must sit in a hidden box: a table is never narrower than its content. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.day}>
                <th scope="row">{formatDate(point.day)}</th>
                {series.map((s) => (
                  <td key={s.key}>{point.values[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}
