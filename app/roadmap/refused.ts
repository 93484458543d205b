/**
 * A request the roadmap refuses for a reason the person can fix (bad dates, a ballot naming an
 * unknown idea, a merge cycle). Its message is shown to them as is; model functions throw it
 * before writing anything, or inside a transaction that it rolls back, so nothing changes.
 */
export class Refused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Refused'
  }
}

export function refuse(message: string): never {
  throw new Refused(message)
}
