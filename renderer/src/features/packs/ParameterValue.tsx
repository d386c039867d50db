// A rule-pack parameter's value for a reader, not as JSON: country lists as names with their codes,
// numbers with the locale's separators and the unit, operations as "10²⁶", yes/no, dates as the locale
// writes them, and objects as labelled lines. Only the shape of the value decides; nothing is guessed
// from the parameter's name except that a count of operations is written in powers of ten.
import type { ReactNode } from 'react';
import { isCountryCode, countryName } from '../../../../shared/domain/countries';
import type { JsonValue } from '../../../../shared/domain/rulepack';
import { formatDate, Ops, Powers } from '../../components/format';

const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 });

/** camelCase and dotted keys as words: "aTppMinWithDensity" → "a TPP min with density". */
export function keyWords(k: string): string {
  return k
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]/g, ' ')
    .toLowerCase()
    .replace(/\btpp\b/g, 'TPP')
    .replace(/\bbis\b/g, 'BIS')
    .replace(/\beccns?\b/g, (w) => w.toUpperCase().replace('S', 's'))
    .trim();
}

function isCountryList(v: JsonValue[]): v is string[] {
  return v.length > 0 && v.every((x) => typeof x === 'string' && isCountryCode(x));
}

function NumberValue({ n, unit, ops }: { n: number; unit: string | null; ops: boolean }) {
  return (
    <span className="tl-nowrap">
      {ops && Math.abs(n) >= 1e6 ? <Ops n={n} /> : num.format(n)}
      {unit ? ` ${unit}` : ''}
    </span>
  );
}

export function ParameterValue({ value, unit, opsHint }: { value: JsonValue; unit: string | null; opsHint: boolean }): ReactNode {
  if (value === null) return <span className="tl-muted">none (not in force)</span>;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return <NumberValue n={value} unit={unit} ops={opsHint} />;
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    if (isCountryCode(value) && value.length === 2) return <>{countryName(value)} <span className="tl-muted">({value})</span></>;
    return <Powers text={value} />;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="tl-muted">none</span>;
    if (isCountryList(value)) {
      return (
        <span data-testid="country-list">
          <span className="tl-muted">{value.length} {value.length === 1 ? 'country' : 'countries'}: </span>
          {value.map((c, i) => (
            <span key={c}>
              {i > 0 && ', '}
              {countryName(c)} <span className="tl-muted">({c})</span>
            </span>
          ))}
        </span>
      );
    }
    if (value.every((x) => typeof x === 'string' || typeof x === 'number')) return <span>{value.map((x) => (typeof x === 'number' ? num.format(x) : x)).join(', ')}</span>;
    return (
      <ul className="tl-param-list">
        {value.map((x, i) => (
          <li key={i}>
            <ParameterValue value={x} unit={unit} opsHint={opsHint} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return <span className="tl-muted">none</span>;
  return (
    <dl className="tl-param-kv">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{keyWords(k)}</dt>
          <dd>
            {/* a unit list like "TPP; TPP per mm²" is for the fields together; a field names its own share */}
            <ParameterValue value={v} unit={typeof v === 'number' && /share/i.test(k) ? null : unitFor(k, unit)} opsHint={opsHint || /operations/i.test(k)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The unit that applies to one field of an object value: "TPP; TPP per mm²" names one per kind of field. */
function unitFor(k: string, unit: string | null): string | null {
  if (!unit || !unit.includes(';')) return unit;
  const parts = unit.split(';').map((u) => u.trim());
  if (/density/i.test(k)) return parts.find((u) => /per/i.test(u)) ?? null;
  if (/tpp/i.test(k)) return parts.find((u) => !/per/i.test(u)) ?? null;
  if (/operations/i.test(k)) return parts.find((u) => /operations/i.test(u)) ?? null;
  return null;
}
