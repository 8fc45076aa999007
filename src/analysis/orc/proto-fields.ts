/**
 * The Protocol Buffers wire form read back (the writer's protobuf.ts encodes it): a message as its fields by
 * number, each a list of values (varints as numbers, length-delimited fields as their bytes). ORC's metadata
 * needs no more: offsets and lengths fit a double exactly.
 */
export type ProtoValue = number | Uint8Array;
export type ProtoFields = Map<number, ProtoValue[]>;

export class ProtoError extends Error {}

/** An unsigned varint at `pos` of `buf` and the position after it. */
export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  for (let scale = 1; ; scale *= 128) {
    if (pos >= buf.length) throw new ProtoError('a varint runs past the end');
    const b = buf[pos++]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return [value, pos];
    if (scale > 2 ** 63) throw new ProtoError('a varint is longer than 10 bytes');
  }
}

export function protoFields(buf: Uint8Array): ProtoFields {
  const fields: ProtoFields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let tag: number;
    [tag, pos] = readVarint(buf, pos);
    const field = Math.floor(tag / 8);
    let value: ProtoValue;
    switch (tag % 8) {
      case 0:
        [value, pos] = readVarint(buf, pos);
        break;
      case 1:
        value = new DataView(buf.buffer, buf.byteOffset + pos, 8).getFloat64(0, true);
        pos += 8;
        break;
      case 2: {
        let length: number;
        [length, pos] = readVarint(buf, pos);
        if (pos + length > buf.length) throw new ProtoError(`field ${field} runs past the end`);
        value = buf.subarray(pos, pos + length);
        pos += length;
        break;
      }
      case 5:
        value = new DataView(buf.buffer, buf.byteOffset + pos, 4).getUint32(0, true);
        pos += 4;
        break;
      default:
        throw new ProtoError(`wire type ${tag % 8} of field ${field} is not a protobuf one`);
    }
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  if (pos > buf.length) throw new ProtoError('the message runs past the end');
  return fields;
}

export function uintField(m: ProtoFields, field: number, fallback = 0): number {
  const v = m.get(field)?.at(-1);
  return typeof v === 'number' ? v : fallback;
}

export function messages(m: ProtoFields, field: number): ProtoFields[] {
  return (m.get(field) ?? []).filter((v): v is Uint8Array => v instanceof Uint8Array).map(protoFields);
}

export function strings(m: ProtoFields, field: number): string[] {
  const decoder = new TextDecoder();
  return (m.get(field) ?? []).filter((v): v is Uint8Array => v instanceof Uint8Array).map((b) => decoder.decode(b));
}

/** A repeated uint field, packed (as writers emit) or not. */
export function uints(m: ProtoFields, field: number): number[] {
  const out: number[] = [];
  for (const v of m.get(field) ?? []) {
    if (typeof v === 'number') {
      out.push(v);
      continue;
    }
    for (let pos = 0; pos < v.length; ) {
      let n: number;
      [n, pos] = readVarint(v, pos);
      out.push(n);
    }
  }
  return out;
}
