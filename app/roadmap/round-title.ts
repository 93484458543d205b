// A round's name is unique only within its release target: two targets may each hold a "January
// 2027 round". Wherever a round is named away from its target's pages (notices and the inbox,
// email, "Waiting for maintainers", the home page, the call's agenda), it names its target too, as
// an area is named beside its target ("Security (MirageOS 3.0)"). Always, not only once a board
// has a second target: a notice written today is read after the next target is added.

/** "January 2027 round (MirageOS 3.0)": reads the same at the start of a line and inside one. */
export function roundWithTarget(roundName: string, targetName: string) {
  return `${roundName} (${targetName})`
}
