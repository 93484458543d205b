import { formatDateTime } from '~/utils/format'

/**
 * For maintainers, why a running sweep makes no progress: it waits out a GitHub rate limit
 * (a used-up primary limit lasts up to an hour), and until when.
 */
export function SweepWaiting({
  wait,
}: {
  wait: { reason: 'rate-limit' | 'secondary-limit'; until: string | Date }
}) {
  const until = formatDateTime(wait.until)
  return (
    <p role="status" className="mt-1 text-amber-800">
      {wait.reason === 'rate-limit'
        ? `The sweep is waiting for GitHub’s rate limit, used up until ${until}; it goes on then, keeping what it has mirrored.`
        : `The sweep is waiting until ${until}: GitHub asked it to slow down (secondary rate limit).`}
    </p>
  )
}
