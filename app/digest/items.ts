// The limits of the agenda's hand-written items, shared by the form (app/routes/digest.tsx) and
// the model that enforces them (items.server.ts).

/** An item is one line of the agenda, not a document. */
export const DIGEST_ITEM_MAX_LENGTH = 500
/**
 * At most this many items are added in any 14 days (the time between two calls), and an agenda
 * lists at most this many: more is no longer an agenda a call gets through.
 */
export const DIGEST_ITEMS_SHOWN = 30
/** The span the cap counts over: one call to the next. */
export const DIGEST_ITEM_WINDOW_DAYS = 14
