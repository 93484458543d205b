import { getEnv } from './env.server'

type Fields = Record<string, unknown>
type Level = 'info' | 'warn' | 'error'

function write(level: Level, message: string, fields: Fields) {
  const stream = level === 'info' ? process.stdout : process.stderr
  if (getEnv().LOG_FORMAT === 'json') {
    stream.write(
      JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n',
    )
    return
  }
  const details = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
  stream.write(`${level.toUpperCase()} ${message}${details ? ' ' + details : ''}\n`)
}

export const log = {
  info: (message: string, fields: Fields = {}) => write('info', message, fields),
  warn: (message: string, fields: Fields = {}) => write('warn', message, fields),
  error: (message: string, fields: Fields = {}) => write('error', message, fields),
}

export function describeError(
  error: unknown,
  { withStack = true }: { withStack?: boolean } = {},
): Fields {
  if (error instanceof Error) {
    return {
      error: error.message,
      errorName: error.name,
      ...(withStack ? { stack: error.stack } : {}),
    }
  }
  return { error: describeValue(error) }
}

/** A thrown value that is not an Error, readable in a log line rather than `[object Object]`. */
function describeValue(value: unknown) {
  if (typeof value !== 'object' || value === null) return String(value)
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    // Circular, or holding a BigInt.
    return Object.prototype.toString.call(value)
  }
}
