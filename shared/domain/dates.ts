// Calendar dates are plain `YYYY-MM-DD` strings everywhere: they compare correctly as strings and carry
// no time zone, which is what "as of the case date" means in the regulations.
import { z } from 'zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export const IsoDate = z
  .string()
  .refine(isValidIsoDate, { message: 'expected a calendar date written YYYY-MM-DD' });
export type IsoDate = string;

/** Next calendar day, used to walk date ranges without Date/time-zone arithmetic. */
export function nextDay(s: string): string {
  let y = Number(s.slice(0, 4));
  let m = Number(s.slice(5, 7));
  let d = Number(s.slice(8, 10)) + 1;
  if (d > daysInMonth(y, m)) {
    d = 1;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function previousDay(s: string): string {
  let y = Number(s.slice(0, 4));
  let m = Number(s.slice(5, 7));
  let d = Number(s.slice(8, 10)) - 1;
  if (d < 1) {
    m -= 1;
    if (m < 1) {
      m = 12;
      y -= 1;
    }
    d = daysInMonth(y, m);
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function yearOf(s: string): number {
  return Number(s.slice(0, 4));
}

/** Calendar quarter key such as "2025Q3". */
export function quarterOf(s: string): string {
  const m = Number(s.slice(5, 7));
  return `${s.slice(0, 4)}Q${Math.floor((m - 1) / 3) + 1}`;
}
