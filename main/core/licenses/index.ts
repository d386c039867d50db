// Licenses in the core: the status of a stored license (what remains, warnings) in plain words, and the
// draft license application built from a determination that needs a license (application.ts, pdf.ts).
import { getLicense, licenseUsage, type Db } from '../db';
import { licenseStatus, type License, type LicenseStatus } from '../../../shared/domain/license';

export { buildApplication, type LicenseApplication } from './application';
export { renderApplicationPdf } from './pdf';

export function statusOf(db: Db, number: string, asOf: string): { license: License; status: LicenseStatus } | null {
  const rec = getLicense(db, number);
  if (!rec) return null;
  return { license: rec.license, status: licenseStatus(rec.license, licenseUsage(db, rec.id), asOf) };
}

const num = (v: number) => Math.round(v).toLocaleString('en-US');

/** One line per license line: "line 1 3A090.a: 4 of 20 units left, 19,200 of 96,000 TPP left, …". */
export function describeStatus(s: LicenseStatus): string[] {
  const out = s.lines.map((l) => {
    const parts = [`${num(l.quantity.left)} of ${num(l.quantity.limit)} units left`];
    if (l.tpp) parts.push(`${num(l.tpp.left)} of ${num(l.tpp.limit)} TPP left`);
    if (l.valueUsd) parts.push(`$${num(l.valueUsd.left)} of $${num(l.valueUsd.limit)} left`);
    return `  line ${l.index + 1} ${l.eccn} (${l.description}): ${parts.join(', ')}`;
  });
  for (const w of s.warnings) out.push(`  warning: ${w}`);
  return out;
}
