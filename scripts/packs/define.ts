// Small helpers to write pack sources: every parameter carries its citation, a short excerpt of the
// text it encodes and its confidence from ../shared/rules/REFERENCE.md.
import type { Confidence } from '../../shared/domain/determination';
import type { JsonValue, Parameter, ParameterVersion } from '../../shared/domain/rulepack';

export const COVERAGE_FROM = '2022-10-07';

export interface Source {
  title: string;
  citation: string;
  excerpt: string;
  confidence: Confidence;
  note?: string;
  unit?: string;
}

export function param(src: Source, versions: ParameterVersion[]): Parameter {
  return { ...src, versions };
}

/** One value for the whole coverage. */
export function always(value: JsonValue): ParameterVersion[] {
  return [{ from: COVERAGE_FROM, to: null, value }];
}

type V = Omit<ParameterVersion, 'to'>;
/** Consecutive versions: each ends the day before the next begins; the last stays open. */
export function timeline(...versions: V[]): ParameterVersion[] {
  return versions.map((v, i) => ({ ...v, to: i + 1 < versions.length ? dayBefore(versions[i + 1].from) : null }));
}

function dayBefore(d: string): string {
  const t = new Date(`${d}T00:00:00Z`).getTime() - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
