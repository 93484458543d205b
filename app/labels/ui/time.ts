import { formatDate } from '../../utils/format'

// The log's times: a date and a UTC time, so the server's and the browser's renderings agree.

export function formatTime(value: string) {
  return `${formatDate(value)} ${new Date(value).toISOString().slice(11, 16)} UTC`
}
