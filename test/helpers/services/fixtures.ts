/** Rows and sink contexts for Kafka/HBase sink tests and the bench, built directly (no model engine needed). */
import type { Column, ModelDefinition, Row } from '../../../src/model/types.js';
import { endpointPolicy } from '../../../src/sinks/endpoints/policy.js';
import type { SinkContext } from '../../../src/sinks/types.js';

/** A 10-field customer-like model: text, 32/64-bit integers, float, boolean, timestamp, date and bytes. */
export const CUSTOMER_COLUMNS: Column[] = [
  { name: 'id', type: 'UUID' },
  { name: 'name', type: 'STRING' },
  { name: 'email', type: 'STRING' },
  { name: 'age', type: 'INTEGER' },
  { name: 'account', type: 'LONG' },
  { name: 'balance', type: 'FLOAT' },
  { name: 'active', type: 'BOOLEAN' },
  { name: 'created', type: 'TIMESTAMP' },
  { name: 'seen', type: 'DATE' },
  { name: 'token', type: 'BYTES' },
];

export function customerModel(name: string, tableNames: Record<string, string> = {}, options: Record<string, string> = {}): ModelDefinition {
  return {
    name,
    fields: CUSTOMER_COLUMNS.map((c) => ({ name: c.name, type: c.type, ghost: false, props: {} })),
    tableNames,
    options,
    primaryKeys: {},
  };
}

/** Row `i` of batch `batch`: deterministic, unique id, every value type, a quote/comma/newline in some names. */
export function customerRow(batch: number, i: number): Row {
  const n = batch * 1_000_000 + i;
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    name: i % 7 === 0 ? `O'Neil, "Jo"\n${n} é☃` : `Name ${n}`,
    email: `user${n}@example.com`,
    age: 18 + (n % 80),
    account: 9_007_199_254_740_993n + BigInt(n),
    balance: n / 8 - 1000.5,
    active: n % 2 === 0,
    created: 1_700_000_000_000 + n,
    seen: new Date(Date.UTC(2024, 0, 1) + n * 1000),
    token: Uint8Array.of(n & 0xff, (n >> 8) & 0xff, 0xab, 0x00),
  };
}

export function customerRows(batch: number, rows: number): Row[] {
  return Array.from({ length: rows }, (_, i) => customerRow(batch, i));
}

export function sinkCtx(model: ModelDefinition, properties: Record<string, string>, rowsPerBatch: number, batches: number, commandUuid: string): SinkContext {
  return {
    commandUuid,
    model,
    columns: model.fields.filter((f) => !f.ghost).map((f) => ({ name: f.name, type: f.type })),
    rowsPerBatch,
    batches,
    // The properties stand for the service's configuration: the endpoints they name are allowed.
    settings: { dataDir: '/nonexistent', outputRoots: [], properties, endpoints: endpointPolicy(properties) },
  };
}
