// The product catalogue (`products`): every version of every user entry, immutable, and the built-in
// chip catalogue as read-only entries. An edit inserts the next version; a stored case document records
// which entry and version filled each of its items (`case_item_products`), so a later edit never changes
// what an earlier determination was made from. Every change appends its audit entry in the same
// transaction.
import { CHIPS, type Chip } from '../../../shared/catalog/chips';
import { canonicalJson } from '../../../shared/domain/canonical';
import { parseWith } from '../../../shared/domain/issues';
import { partKey, ProductInput, type Product, type ProductIc } from '../../../shared/domain/product';
import { appendAudit } from './audit-repo';
import { sha256Hex } from './hash';
import { recordRef, type RecordRef } from './records';
import { abort, write } from './tx';
import { fail, nowIso, type Db, type DbIssue, type Result, type WriteOptions } from './types';

interface ProductRow {
  id: number;
  part_number: string;
  version: number;
  description: string | null;
  kind: ProductInput['kind'];
  eccn: string | null;
  tpp_per_unit: number | null;
  performance_density: number | null;
  die_area_mm2: number | null;
  ics: string | null;
  datacenter: number | null;
  approved_designer: number | null;
  dram_bandwidth_gbs: number | null;
  source: string;
  note: string | null;
  sha256: string;
  created_at: string;
  actor: string;
}

/** The entry's values without undefined fields, in a fixed shape: what its sha256 is taken over. */
function clean(input: ProductInput): ProductInput {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out[k] = v;
  return out as ProductInput;
}

export function productSha256(input: ProductInput): string {
  return sha256Hex(canonicalJson(clean(input)));
}

function toProduct(r: ProductRow): Product {
  const input: ProductInput = { partNumber: r.part_number, kind: r.kind, source: r.source };
  if (r.description !== null) input.description = r.description;
  if (r.eccn !== null) input.eccn = r.eccn;
  if (r.tpp_per_unit !== null) input.tppPerUnit = r.tpp_per_unit;
  if (r.performance_density !== null) input.performanceDensity = r.performance_density;
  if (r.die_area_mm2 !== null) input.dieAreaMm2 = r.die_area_mm2;
  if (r.ics !== null) input.ics = JSON.parse(r.ics) as ProductIc[];
  if (r.datacenter !== null) input.datacenter = r.datacenter === 1;
  if (r.approved_designer !== null) input.approvedDesigner = r.approved_designer === 1;
  if (r.dram_bandwidth_gbs !== null) input.dramBandwidthGBs = r.dram_bandwidth_gbs;
  if (r.note !== null) input.note = r.note;
  return { ...clean(input), version: r.version, builtin: false, sha256: r.sha256, createdAt: r.created_at, actor: r.actor };
}

function chipSource(c: Chip): string {
  const parts = [`TPP: ${c.tpp.source}`, `density: ${c.performanceDensity.source}`];
  if (c.dieAreaMm2) parts.push(`die area: ${c.dieAreaMm2.source}${c.dieAreaMm2.estimate ? ' (an estimate in the source)' : ''}`);
  return [...new Set(parts)].join('; ');
}

function chipProduct(c: Chip): Product {
  const input: ProductInput = {
    partNumber: c.id,
    description: `${c.vendor} ${c.name}`,
    kind: 'ic',
    tppPerUnit: c.tpp.value,
    performanceDensity: c.performanceDensity.value,
    datacenter: true,
    source: chipSource(c),
    note: [`built-in chip catalogue; the reference classifies it ${c.referenceClass}`, c.note].filter(Boolean).join('. '),
  };
  if (c.dieAreaMm2) input.dieAreaMm2 = c.dieAreaMm2.value;
  const cleaned = clean(input);
  return { ...cleaned, version: 1, builtin: true, sha256: productSha256(cleaned), createdAt: null, actor: null };
}

const BUILTIN: ReadonlyMap<string, Product> = new Map(CHIPS.map((c) => [partKey(c.id), chipProduct(c)]));

export function builtinProducts(): Product[] {
  return [...BUILTIN.values()];
}

const LATEST_SQL = `SELECT p.* FROM products p
  WHERE p.version = (SELECT MAX(version) FROM products q WHERE q.part_key = p.part_key)`;

/** The current version of every user entry (by part number), then the built-in chips. */
export function listProducts(db: Db, opts: { builtin?: boolean } = {}): Product[] {
  const rows = db.prepare(`${LATEST_SQL} ORDER BY p.part_key`).all() as ProductRow[];
  const users = rows.map(toProduct);
  return opts.builtin === false ? users : [...users, ...builtinProducts()];
}

/** One entry: the given version, else the current one; built-in chips have version 1 only. */
export function getProduct(db: Db, partNumber: string, version?: number): Product | null {
  const key = partKey(partNumber);
  const builtin = BUILTIN.get(key);
  if (builtin) return version === undefined || version === 1 ? builtin : null;
  const row = (
    version === undefined
      ? db.prepare('SELECT * FROM products WHERE part_key = ? ORDER BY version DESC LIMIT 1').get(key)
      : db.prepare('SELECT * FROM products WHERE part_key = ? AND version = ?').get(key, version)
  ) as ProductRow | undefined;
  return row ? toProduct(row) : null;
}

/** Every version of one entry, oldest first. */
export function productHistory(db: Db, partNumber: string): Product[] {
  const key = partKey(partNumber);
  const builtin = BUILTIN.get(key);
  if (builtin) return [builtin];
  return (db.prepare('SELECT * FROM products WHERE part_key = ? ORDER BY version').all(key) as ProductRow[]).map(toProduct);
}

/** A lookup for many resolutions in a row (a batch): current versions, read once. */
export function productLookup(db: Db): (partNumber: string) => Product | null {
  const users = new Map<string, Product>();
  for (const p of listProducts(db, { builtin: false })) users.set(partKey(p.partNumber), p);
  return (partNumber) => {
    const key = partKey(partNumber);
    return BUILTIN.get(key) ?? users.get(key) ?? null;
  };
}

function validateInput(raw: unknown, path = '$'): Result<ProductInput> {
  const parsed = parseWith(ProductInput, raw);
  if (!parsed.ok) {
    const issues = parsed.errors.map((e) => ({ path: path === '$' ? e.path : `${path}${e.path.slice(1)}`, message: e.message }));
    return fail('INVALID_INPUT', `not a valid catalogue entry: ${issues[0].path}: ${issues[0].message}`, issues[0].path, issues);
  }
  return { ok: true, value: clean(parsed.value) };
}

function insertVersion(db: Db, input: ProductInput, version: number, sha256: string, at: string, actor: string): number {
  const b = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0);
  return Number(
    db
      .prepare(
        `INSERT INTO products (part_number, part_key, version, description, kind, eccn, tpp_per_unit, performance_density,
                               die_area_mm2, ics, datacenter, approved_designer, dram_bandwidth_gbs, source, note, sha256,
                               created_at, actor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.partNumber,
        partKey(input.partNumber),
        version,
        input.description ?? null,
        input.kind,
        input.eccn ?? null,
        input.tppPerUnit ?? null,
        input.performanceDensity ?? null,
        input.dieAreaMm2 ?? null,
        input.ics ? JSON.stringify(input.ics) : null,
        b(input.datacenter),
        b(input.approvedDesigner),
        input.dramBandwidthGBs ?? null,
        input.source,
        input.note ?? null,
        sha256,
        at,
        actor,
      ).lastInsertRowid,
  );
}

export type ProductChange = 'added' | 'changed' | 'unchanged';

/**
 * Adds an entry (`mode: 'add'`: refused when the part number exists), edits one (`'edit'`: refused when
 * it does not; identical values add no version) or either (`'upsert'`, the CSV import). Built-in chips
 * are read-only.
 */
function putOne(db: Db, input: ProductInput, mode: 'add' | 'edit' | 'upsert', at: string, opts: WriteOptions, path: string): { product: Product; change: ProductChange; id?: number } {
  const key = partKey(input.partNumber);
  if (BUILTIN.has(key)) abort('CONFLICT', `${input.partNumber} is a built-in chip catalogue entry and cannot be changed; add your product under its own part number`, `${path}.partNumber`);
  const current = db.prepare('SELECT * FROM products WHERE part_key = ? ORDER BY version DESC LIMIT 1').get(key) as ProductRow | undefined;
  if (current && mode === 'add') abort('CONFLICT', `${input.partNumber} is already in the catalogue (version ${current.version}): edit it instead`, `${path}.partNumber`);
  if (!current && mode === 'edit') abort('NOT_FOUND', `${input.partNumber} is not in the catalogue`, `${path}.partNumber`);
  const sha256 = productSha256(input);
  if (current && current.sha256 === sha256) return { product: toProduct(current), change: 'unchanged' };
  const version = (current?.version ?? 0) + 1;
  const id = insertVersion(db, input, version, sha256, at, opts.actor);
  const product: Product = { ...input, version, builtin: false, sha256, createdAt: at, actor: opts.actor };
  return { product, change: current ? 'changed' : 'added', id };
}

export function addProduct(db: Db, raw: unknown, opts: WriteOptions): Result<Product & { changed: boolean }> {
  return saveProduct(db, raw, 'add', opts);
}

/**
 * An edit: the next version of the entry (the earlier versions stay, and cases keep the one they used).
 * Values identical to the current version add nothing (`changed: false`).
 */
export function editProduct(db: Db, raw: unknown, opts: WriteOptions): Result<Product & { changed: boolean }> {
  return saveProduct(db, raw, 'edit', opts);
}

function saveProduct(db: Db, raw: unknown, mode: 'add' | 'edit', opts: WriteOptions): Result<Product & { changed: boolean }> {
  const valid = validateInput(raw);
  if (!valid.ok) return valid;
  const at = nowIso(opts);
  return write(db, () => {
    const { product, change, id } = putOne(db, valid.value, mode, at, opts, '$');
    if (change !== 'unchanged') {
      appendAudit(
        db,
        {
          action: change === 'added' ? 'product.added' : 'product.changed',
          subject: `product:${product.partNumber}`,
          details: { version: product.version, sha256: product.sha256 },
          records: id === undefined ? [] : [recordRef(db, 'product', id)],
        },
        { ...opts, at },
      );
    }
    return { ...product, changed: change !== 'unchanged' };
  });
}

export interface ProductImportRow {
  /** Where the row came from, for errors (`row 3`). */
  location: string;
  raw: unknown;
}

/**
 * Imports many entries at once (a catalogue CSV): every row validated first, then all written in one
 * transaction with one audit entry; a bad row stores nothing and every problem names its row.
 */
export function importProducts(
  db: Db,
  rows: readonly ProductImportRow[],
  opts: WriteOptions & { sha256?: string },
): Result<{ added: number; changed: number; unchanged: number }> {
  const issues: DbIssue[] = [];
  const inputs: ProductInput[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const v = validateInput(row.raw);
    if (!v.ok) {
      for (const i of v.error.issues ?? [{ path: v.error.path, message: v.error.message }]) {
        issues.push({ path: `${row.location}, column ${i.path.replace(/^\$\.?/, '') || 'row'}`, message: i.message });
      }
      continue;
    }
    const key = partKey(v.value.partNumber);
    const first = seen.get(key);
    if (first) issues.push({ path: `${row.location}, column partNumber`, message: `${v.value.partNumber} appears again (first at ${first})` });
    else seen.set(key, row.location);
    if (BUILTIN.has(key)) issues.push({ path: `${row.location}, column partNumber`, message: `${v.value.partNumber} is a built-in chip catalogue entry and cannot be changed` });
    inputs.push(v.value);
  }
  if (rows.length === 0) issues.push({ path: 'row 1', message: 'no catalogue entries in the file' });
  if (issues.length) return fail('INVALID_CSV', `${issues.length} problem(s) in the catalogue file; nothing stored`, issues[0].path, issues);
  const at = nowIso(opts);
  return write(db, () => {
    const counts = { added: 0, changed: 0, unchanged: 0 };
    const changedParts: string[] = [];
    const records: RecordRef[] = [];
    inputs.forEach((input, i) => {
      const { change, id } = putOne(db, input, 'upsert', at, opts, rows[i].location);
      if (id !== undefined) records.push(recordRef(db, 'product', id));
      counts[change] += 1;
      if (change !== 'unchanged') changedParts.push(input.partNumber);
    });
    if (counts.added + counts.changed > 0) {
      appendAudit(
        db,
        {
          action: 'products.imported',
          subject: 'catalogue',
          details: { ...counts, parts: changedParts.slice(0, 50), more: Math.max(0, changedParts.length - 50), sha256: opts.sha256 ?? null },
          records,
        },
        { ...opts, at },
      );
    }
    return counts;
  });
}

export interface UsedProduct {
  idx: number;
  partNumber: string;
  version: number;
  builtin: boolean;
  sha256: string;
}

/** Records which catalogue entry and version filled each item of a stored case document (idempotent). */
export function recordItemProducts(db: Db, caseSha256: string, used: readonly UsedProduct[]): void {
  if (used.length === 0) return;
  const stmt = db.prepare(
    `INSERT OR IGNORE INTO case_item_products (case_sha256, idx, part_number, product_id, builtin, version, product_sha256)
     VALUES (?, ?, ?, (SELECT id FROM products WHERE part_key = ? AND version = ? AND ? = 0), ?, ?, ?)`,
  );
  for (const u of used) {
    stmt.run(caseSha256, u.idx, u.partNumber, partKey(u.partNumber), u.version, u.builtin ? 1 : 0, u.builtin ? 1 : 0, u.version, u.sha256);
  }
}

/** The catalogue versions a stored case document was filled from. */
export function itemProductsFor(db: Db, caseSha256: string): UsedProduct[] {
  return (
    db
      .prepare('SELECT idx, part_number, version, builtin, product_sha256 FROM case_item_products WHERE case_sha256 = ? ORDER BY idx')
      .all(caseSha256) as { idx: number; part_number: string; version: number; builtin: number; product_sha256: string }[]
  ).map((r) => ({ idx: r.idx, partNumber: r.part_number, version: r.version, builtin: r.builtin === 1, sha256: r.product_sha256 }));
}
