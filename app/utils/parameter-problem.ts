/**
 * A query parameter that was not valid, as pages show it ("ignored") and the JSON APIs answer it
 * (400): which parameter, what was wrong, and what it accepts.
 */
export type FilterProblem = { parameter: string; message: string; allowed: string }
