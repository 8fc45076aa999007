/**
 * Reading a Confluent wire-format value as a Confluent deserializer does: magic byte 0, the 4-byte big-endian schema
 * id, then Avro binary decoded with the schema fetched from the registry by that id (GET /schemas/ids/{id}).
 */
import { avroTypeWithBigLongs } from '../../src/sinks/files/avro-long.js';

export type ConfluentReader = (value: Buffer) => Promise<{ schemaId: number; record: Record<string, unknown> }>;

export function confluentAvroReader(registryUrl: string, auth?: { user: string; password: string }): ConfluentReader {
  const types = new Map<number, Promise<ReturnType<typeof avroTypeWithBigLongs>>>();
  const headers: Record<string, string> = auth ? { Authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString('base64')}` } : {};
  const typeOf = (id: number) => {
    let type = types.get(id);
    if (!type) {
      type = fetch(`${registryUrl}/schemas/ids/${id}`, { headers }).then(async (res) => {
        if (!res.ok) throw new Error(`GET /schemas/ids/${id}: HTTP ${res.status}`);
        return avroTypeWithBigLongs(JSON.parse(((await res.json()) as { schema: string }).schema), { wrapUnions: false });
      });
      types.set(id, type);
    }
    return type;
  };
  return async (value) => {
    if (value[0] !== 0) throw new Error(`not the Confluent wire format: magic byte ${value[0]}`);
    const schemaId = value.readInt32BE(1);
    return { schemaId, record: (await typeOf(schemaId)).fromBuffer(value.subarray(5)) as Record<string, unknown> };
  };
}
