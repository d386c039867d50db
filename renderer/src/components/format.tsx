// How the workbench writes dates and large numbers, one way on every screen. Dates follow the browser's
// locale (Intl.DateTimeFormat with no locale given): a calendar date (2026-01-15) stays that calendar date
// whatever the time zone, because it is formatted as the UTC day it names; a moment (an ISO timestamp)
// shows in the reader's own time zone, with the zone named. Operations read "2 × 10²⁶", as the rule does.
import { Fragment, type ReactNode } from 'react';
import { fmtOps } from '../../../shared/engine/context';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

let dayFmt: Intl.DateTimeFormat | null = null;
let momentFmt: Intl.DateTimeFormat | null = null;

/** A calendar date (YYYY-MM-DD) as the user's locale writes it; a timestamp goes to formatMoment. */
export function formatDate(iso: string | null | undefined): string {
  if (iso == null || iso === '') return '—';
  const m = DAY.exec(iso);
  if (!m) return MOMENT.test(iso) ? formatMoment(iso) : iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime())) return iso;
  dayFmt ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  return dayFmt.format(d);
}

/** A moment (ISO timestamp) in the reader's time zone, to the minute, the zone named. */
export function formatMoment(iso: string | null | undefined): string {
  if (iso == null || iso === '') return '—';
  const d = new Date(iso);
  if (!MOMENT.test(iso) || Number.isNaN(d.getTime())) return formatDateOrRaw(iso);
  momentFmt ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  return momentFmt.format(d);
}

function formatDateOrRaw(s: string): string {
  return DAY.test(s) ? formatDate(s) : s;
}

/** ISO dates inside a sentence from the core ("Status on 2025-06-02", "from 2026-05-15") as the locale writes them. */
export function localizeDates(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?\b/g, (all, day: string, time: string | undefined) => (time ? formatMoment(all) : formatDate(day)));
}

/** Text with "10^26" written as 10 with a raised 26 (and its dates localized), for engine and pack texts. */
export function Powers({ text }: { text: string }): ReactNode {
  const parts = localizeDates(text).split(/10\^(-?\d+)/);
  if (parts.length === 1) return parts[0];
  return parts.map((p, i) =>
    i % 2 === 1 ? (
      <Fragment key={i}>
        10<sup>{p}</sup>
      </Fragment>
    ) : (
      <Fragment key={i}>{p}</Fragment>
    ),
  );
}

/** A count of operations as "2 × 10²⁶" (an HTML superscript), e.g. for a model's training compute. */
export function Ops({ n }: { n: number }): ReactNode {
  return <Powers text={fmtOps(n)} />;
}

/** Today's calendar date where the reader is (not in UTC), as YYYY-MM-DD for inputs and requests. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
