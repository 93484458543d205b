import { isDatabaseUnavailableError } from '../../db/client.server'
import { describeError, log } from '../utils/log.server'

import { sendReminders, type ReminderSummary } from './reminders.server'

// The server's notification job: every interval it sends the reminders due by its clock and
// then the email that is due. One run at a time in this process; the notices' event keys and
// the email outbox's claims keep several processes from telling anyone twice.

export type Clock = () => Date

export type NotificationRun = { reminders: ReminderSummary; email: unknown }

export type NotificationLoop = {
  /** Runs now (after the run going, if any); resolves with what it did. */
  runNow: () => Promise<NotificationRun | null>
  stop: () => Promise<void>
}

export function createNotificationLoop(options: {
  intervalMs: number
  clock: Clock
  /** Sends the email due by `now`; absent when the board sends no email. */
  drainEmail?: (now: Date) => Promise<unknown>
}): NotificationLoop {
  let running: Promise<NotificationRun | null> = Promise.resolve(null)
  let stopped = false

  const run = async (): Promise<NotificationRun | null> => {
    if (stopped) return null
    try {
      const reminders = await sendReminders(options.clock())
      const email = options.drainEmail ? await options.drainEmail(options.clock()) : null
      if (Object.values(reminders).some((count) => count > 0)) {
        log.info('reminders sent', reminders)
      }
      return { reminders, email }
    } catch (error) {
      // A database outage is retried at the next run: one line, no stack.
      log.error(
        'the notification job failed',
        describeError(error, { withStack: !isDatabaseUnavailableError(error) }),
      )
      return null
    }
  }

  const runNow = () => {
    running = running.then(run)
    return running
  }

  const timer = setInterval(() => void runNow(), options.intervalMs)
  timer.unref()
  void runNow()
  return {
    runNow,
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

/** A clock that reads real time moved by an offset: only the test-clock hook moves it. */
export function createMovableClock() {
  let offsetMs = 0
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms: number) => {
      offsetMs += ms
    },
  }
}
