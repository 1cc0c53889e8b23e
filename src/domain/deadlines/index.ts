/**
 * Statutory deadlines: working-day calendar, the table of statutory limits, due dates and 临期/超期 status.
 * See docs/deadlines.md.
 */
export * from './calendar.ts';
export * from './due.ts';
export * from './rules.ts';
export * from './statutes.ts';
