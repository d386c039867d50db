// A minimal DER writer, left for the one place that still assembles bytes by hand: the office
// certificate's outer SEQUENCE around the TBS structure that node-forge builds (identity/keys.ts). Every
// CMS structure is built and parsed with @peculiar/asn1-cms instead (cms.ts, asn1.ts).

function lengthBytes(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), lengthBytes(body.length), body]);
}

export const seq = (...parts: Uint8Array[]): Buffer => tlv(0x30, ...parts);
export const nullValue = (): Buffer => Buffer.from([0x05, 0x00]);

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map((s) => BigInt(s));
  const out: number[] = [];
  const encode = (v: bigint) => {
    const bytes = [Number(v & 0x7fn)];
    v >>= 7n;
    while (v > 0n) {
      bytes.unshift(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(...bytes);
  };
  encode(parts[0] * 40n + parts[1]);
  for (const p of parts.slice(2)) encode(p);
  return tlv(0x06, Buffer.from(out));
}
