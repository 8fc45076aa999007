/**
 * Avro longs as bigint: the full 64-bit range (avsc's default long is a JS number and rejects unsafe integers).
 * The sinks encode with it; tests decode with it, so 64-bit values compare exactly.
 */
import avro from 'avsc';

const BIG_LONG = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(0),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: (v: unknown) => BigInt(v as string),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

/** The avsc type of `schema` with every long (plain or with a logical type) as bigint. */
export function avroTypeWithBigLongs(schema: avro.Schema, options: { wrapUnions?: boolean } = {}): avro.Type {
  // typeHook, not registry: the registry does not reach longs written as {type: 'long', logicalType}.
  return avro.Type.forSchema(schema, {
    ...options,
    typeHook: (s) => (s === 'long' || (s as { type?: unknown }).type === 'long' ? BIG_LONG : undefined),
  });
}
