// Decodes one envstream record and one cursor with nothing from envstream but its .avsc files
// (docs/consuming.md). Usage: node decode.mjs <directory of the .avsc files> < request.json
// where request.json is {"record": "<base64 of the Kafka record value>", "cursor": "<cursor>"};
// prints {"schema": ..., "value": ..., "cursor": {"partition", "offset", "index"}} as JSON.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import avro from 'avsc';

// Avro longs as BigInt: nanosecond timestamps do not fit a JavaScript number.
const longType = avro.types.LongType.__with({
  fromBuffer: (buf) => buf.readBigInt64LE(),
  toBuffer: (n) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n) => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
});

/** Every record schema of the directory (and its common/ subdirectory), by CRC-64-AVRO fingerprint. */
function loadSchemas(dir) {
  const files = [join(dir, 'common'), dir].flatMap((d) =>
    readdirSync(d).filter((f) => f.endsWith('.avsc')).map((f) => join(d, f)));
  const registry = { long: longType };
  const byFingerprint = new Map();
  let pending = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  while (pending.length > 0) {
    // a schema may name a type defined in another file: parse what can be parsed, then retry the rest
    const next = pending.filter((schema) => {
      // a failed attempt may leave the outer name registered: attempt on a copy, keep it on success
      const attempt = { ...registry };
      try {
        const type = avro.Type.forSchema(schema, { registry: attempt });
        Object.assign(registry, attempt);
        if (type.typeName === 'record') byFingerprint.set(fingerprint(JSON.stringify(type.schema())), type);
        return false;
      } catch (e) {
        if (/undefined type name/.test(e.message)) return true;
        throw e;
      }
    });
    if (next.length === pending.length) throw new Error('unresolvable schemas: ' + next.map((s) => s.name));
    pending = next;
  }
  return byFingerprint;
}

// CRC-64-AVRO (Rabin) of the schema's Parsing Canonical Form: avsc's type.schema() without options, as JSON.
const EMPTY = 0xc15d213aa4d7a795n;
const TABLE = Array.from({ length: 256 }, (_, i) => {
  let fp = BigInt(i);
  for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  return fp;
});
function fingerprint(canonical) {
  let fp = EMPTY;
  for (const byte of Buffer.from(canonical, 'utf8')) fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  return fp;
}

/** Single-object encoding: 0xC3 0x01, the writer schema's fingerprint (8 bytes, little-endian), the body. */
function decodeRecord(bytes, schemas) {
  if (bytes.length < 10 || bytes[0] !== 0xc3 || bytes[1] !== 0x01) throw new Error('not Avro single-object encoded');
  const type = schemas.get(bytes.readBigUInt64LE(2));
  if (!type) throw new Error('unknown schema fingerprint: a newer envstream? take its .avsc files');
  return { schema: type.name, value: type.fromBuffer(bytes.subarray(10)) };
}

/** base64url of "v1:<partition>:<offset>:<index>:<crc32>", numbers in base 36. */
function decodeCursor(cursor) {
  const text = Buffer.from(cursor, 'base64url').toString('ascii');
  const fields = text.split(':');
  if (fields.length !== 5 || fields[0] !== 'v1') throw new Error('not a v1 cursor');
  const body = fields.slice(0, 4).join(':');
  if (crc32(Buffer.from(body, 'ascii')).toString(36) !== fields[4]) throw new Error('cursor checksum mismatch');
  const base36 = (s) => [...s].reduce((n, c) => n * 36n + BigInt(parseInt(c, 36)), 0n);
  return { partition: Number(base36(fields[1])), offset: base36(fields[2]), index: Number(base36(fields[3])) };
}

const request = JSON.parse(readFileSync(0, 'utf8'));
const { schema, value } = decodeRecord(Buffer.from(request.record, 'base64'), loadSchemas(process.argv[2]));
const out = { schema, value, cursor: decodeCursor(request.cursor) };
console.log(JSON.stringify(out, (key, v) => (typeof v === 'bigint' ? v.toString() : v)));
