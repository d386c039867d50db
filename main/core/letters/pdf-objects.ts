// A small, defensive reader for the objects of a PDF: enough to find a letter's embedded files. It
// scans top-level `N G obj … endobj` in order (skipping stream bodies, so binary data never looks like
// an object), parses dictionaries, arrays, names, strings, numbers and references, and bounds every
// loop and buffer, so that a malformed or hostile file ends in an error, not a crash or a hang.
import { inflateSync } from 'node:zlib';

export type PdfValue =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfValue[]
  | PdfDict;

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  constructor(readonly bytes: Buffer) {}
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      const swapped = Buffer.from(b.subarray(2));
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
    return b.toString('latin1');
  }
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
}

export interface PdfObject {
  num: number;
  gen: number;
  offset: number;
  value: PdfValue;
  stream?: { start: number; end: number };
}

export class PdfParseError extends Error {}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const MAX_DEPTH = 64;
const MAX_OBJECTS = 200_000;

class Parser {
  pos: number;
  constructor(
    readonly buf: Buffer,
    pos: number,
  ) {
    this.pos = pos;
  }

  skipWs(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  token(): string {
    const b = this.buf;
    const start = this.pos;
    while (this.pos < b.length && !WS.has(b[this.pos]) && !DELIM.has(b[this.pos])) this.pos++;
    return b.toString('latin1', start, this.pos);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfParseError('objects nested too deeply');
    this.skipWs();
    const b = this.buf;
    if (this.pos >= b.length) throw new PdfParseError('unexpected end of file');
    const c = b[this.pos];
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        this.skipWs();
        if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return new PdfDict(entries);
        }
        if (b[this.pos] !== 0x2f) throw new PdfParseError(`expected a name key at ${this.pos}`);
        this.pos++;
        const key = this.token();
        entries.set(key, this.value(depth + 1));
        if (entries.size > 10_000) throw new PdfParseError('dictionary too large');
      }
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        if (this.pos >= b.length) throw new PdfParseError('unterminated array');
        arr.push(this.value(depth + 1));
        if (arr.length > 1_000_000) throw new PdfParseError('array too large');
      }
    }
    if (c === 0x2f) {
      this.pos++;
      return new PdfName(this.token());
    }
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      const end = b.indexOf(0x3e, this.pos);
      if (end < 0) throw new PdfParseError('unterminated hex string');
      const hex = b.toString('latin1', this.pos + 1, end).replace(/\s+/g, '');
      if (!/^[0-9a-fA-F]*$/.test(hex)) throw new PdfParseError('bad hex string');
      this.pos = end + 1;
      return new PdfString(Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex'));
    }
    const tok = this.token();
    if (tok === '') throw new PdfParseError(`unexpected character at ${this.pos}`);
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) {
      const n = Number(tok);
      // An indirect reference: "num gen R".
      if (/^\d+$/.test(tok)) {
        const save = this.pos;
        this.skipWs();
        const gen = this.token();
        this.skipWs();
        if (/^\d+$/.test(gen) && b[this.pos] === 0x52 && (this.pos + 1 >= b.length || WS.has(b[this.pos + 1]) || DELIM.has(b[this.pos + 1]))) {
          this.pos++;
          return new PdfRef(n, Number(gen));
        }
        this.pos = save;
      }
      return n;
    }
    throw new PdfParseError(`unexpected token "${tok.slice(0, 20)}"`);
  }

  literalString(): PdfString {
    const b = this.buf;
    this.pos++;
    let depth = 1;
    const out: number[] = [];
    while (this.pos < b.length) {
      const c = b[this.pos++];
      if (c === 0x5c) {
        const e = b[this.pos++];
        const map: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in map) out.push(map[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[this.pos] >= 0x30 && b[this.pos] <= 0x37; k++) v = v * 8 + (b[this.pos++] - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return new PdfString(Buffer.from(out));
        out.push(c);
      } else out.push(c);
      if (out.length > 10_000_000) throw new PdfParseError('string too long');
    }
    throw new PdfParseError('unterminated string');
  }
}

const OBJ_RE = /(?<!\d)(\d{1,10})\s+(\d{1,5})\s+obj\b/g;

/** Reads every top-level object in file order. */
export function readObjects(buf: Buffer): PdfObject[] {
  const text = buf.toString('latin1');
  const out: PdfObject[] = [];
  OBJ_RE.lastIndex = 0;
  for (let m = OBJ_RE.exec(text); m; m = OBJ_RE.exec(text)) {
    if (out.length >= MAX_OBJECTS) throw new PdfParseError('too many objects');
    const p = new Parser(buf, m.index + m[0].length);
    const value = p.value();
    p.skipWs();
    const obj: PdfObject = { num: Number(m[1]), gen: Number(m[2]), offset: m.index, value };
    if (text.startsWith('stream', p.pos)) {
      let start = p.pos + 6;
      if (buf[start] === 0x0d) start++;
      if (buf[start] === 0x0a) start++;
      const len = value instanceof PdfDict ? value.get('Length') : undefined;
      let end = -1;
      if (typeof len === 'number' && Number.isInteger(len) && len >= 0 && start + len <= buf.length) {
        const after = text.slice(start + len, start + len + 12);
        if (/^\s*endstream/.test(after)) end = start + len;
      }
      if (end < 0) {
        const e = text.indexOf('endstream', start);
        if (e < 0) throw new PdfParseError(`stream of object ${obj.num} has no end`);
        end = e;
        while (end > start && (buf[end - 1] === 0x0a || buf[end - 1] === 0x0d)) end--;
      }
      obj.stream = { start, end };
      p.pos = text.indexOf('endstream', end) + 9;
    }
    const endobj = text.indexOf('endobj', p.pos);
    OBJ_RE.lastIndex = endobj < 0 ? p.pos : endobj + 6;
    out.push(obj);
  }
  return out;
}

/** Decodes a stream's data (no filter or FlateDecode), capped at `maxBytes`. */
export function streamData(buf: Buffer, obj: PdfObject, maxBytes = 50 * 1024 * 1024): Buffer {
  if (!obj.stream) throw new PdfParseError(`object ${obj.num} is not a stream`);
  const raw = buf.subarray(obj.stream.start, obj.stream.end);
  const dict = obj.value instanceof PdfDict ? obj.value : null;
  const filter = dict?.get('Filter');
  const filters = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter : [filter];
  let data = Buffer.from(raw);
  for (const f of filters) {
    if (!(f instanceof PdfName)) throw new PdfParseError('bad stream filter');
    if (f.name === 'FlateDecode') data = inflateSync(data, { maxOutputLength: maxBytes });
    else throw new PdfParseError(`unsupported stream filter ${f.name}`);
  }
  return data;
}

export interface EmbeddedFile {
  name: string;
  data: Buffer;
}

/**
 * The embedded files of a PDF, found through their file specifications. Refuses ambiguity: two
 * objects with the same number (an incremental update) or two files with the same name.
 */
export function embeddedFiles(buf: Buffer, objects: PdfObject[] = readObjects(buf)): EmbeddedFile[] {
  const byNum = new Map<number, PdfObject>();
  for (const o of objects) {
    if (byNum.has(o.num)) throw new PdfParseError(`object ${o.num} is defined twice (the file was updated after it was written)`);
    byNum.set(o.num, o);
  }
  const files: EmbeddedFile[] = [];
  for (const o of objects) {
    const d = o.value;
    if (!(d instanceof PdfDict)) continue;
    const type = d.get('Type');
    if (!(type instanceof PdfName) || type.name !== 'Filespec') continue;
    const nameVal = d.get('UF') ?? d.get('F');
    const ef = d.get('EF');
    if (!(nameVal instanceof PdfString) || !(ef instanceof PdfDict)) continue;
    const ref = ef.get('F');
    if (!(ref instanceof PdfRef)) continue;
    const target = byNum.get(ref.num);
    if (!target) throw new PdfParseError(`embedded file ${nameVal.text()} points to a missing object`);
    const name = nameVal.text();
    if (files.some((f) => f.name === name)) throw new PdfParseError(`two embedded files are named ${name}`);
    files.push({ name, data: streamData(buf, target) });
  }
  return files;
}
