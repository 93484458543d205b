// The limits of the agenda's hand-written items, shared by the form (app/routes/digest.tsx) and
// the model that enforces them (items.server.ts).

/** An item is one line of the agenda, not a document. */
export const DIGEST_ITEM_MAX_LENGTH = 500
/** More than this is no longer an agenda a call gets through. */
export const DIGEST_ITEMS_PER_PERIOD = 30
