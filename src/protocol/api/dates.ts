// Dates the FatSecret way: "the number of days since January 1, 1970" (date_int), UTC. fitgate
// also accepts an ISO 8601 calendar date (YYYY-MM-DD) wherever a date is taken.

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 … 2099-12-31 */
export const MAX_DATE_INT = 47_481;

export function dateIntOf(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function isoDateOf(dateInt: number): string {
  return new Date(dateInt * MS_PER_DAY).toISOString().slice(0, 10);
}

/** a date_int from "20413" or "2025-11-21"; null when neither form or no such calendar day */
export function parseDateInt(value: string): number | null {
  if (/^\d{1,6}$/.test(value)) return Number(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.floor(time / MS_PER_DAY);
}

/** the first and last date_int of the calendar month holding `dateInt` */
export function monthOf(dateInt: number): { fromDateInt: number; toDateInt: number } {
  const date = new Date(dateInt * MS_PER_DAY);
  const first = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return { fromDateInt: first / MS_PER_DAY, toDateInt: next / MS_PER_DAY - 1 };
}
