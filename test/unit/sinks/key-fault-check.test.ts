/**
 * Sinks with key columns refuse, at submission, faults that would break their key (src/sinks/key-fault-check.ts):
 * PostgreSQL and MySQL (the table refuses a repeated key), Kudu and HBase (an upsert or put keeps one row per key).
 * Without key columns, or with faults on other columns only, the same model is accepted.
 */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import type { ModelDefinition } from '../../../src/model/types.js';
import { sinkFor } from '../../../src/sinks/registry.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const PROPERTIES = { KUDU_MASTERS: '127.0.0.1:7051', HBASE_REST_URL: 'http://127.0.0.1:8080', POSTGRESQL_URL: 'postgresql://127.0.0.1:5432/postgres', MYSQL_URL: 'mysql://127.0.0.1:3306/test' };
const KEYS: Record<string, string> = { postgresql: 'POSTGRESQL_PRIMARY_KEYS', mysql: 'MYSQL_PRIMARY_KEYS', kudu: 'KUDU_PRIMARY_KEYS', hbase: 'HBASE_PRIMARY_KEY' };

/** The customer fixture with a fault on `id` (or on `name`), and the sink's key on `id`. */
function model(sink: string, options: Record<string, string>, fault?: { field: string; prop: string }): ModelDefinition {
  const m = customerModel('customer', {}, options);
  if (fault) m.fields = m.fields.map((f) => (f.name === fault.field ? { ...f, props: { ...f.props, [fault.prop]: 0.1 } } : f));
  return m;
}

for (const sink of Object.keys(KEYS)) {
  test(`${sink}: duplicates or a faulted key column with ${KEYS[sink]} are a 400 naming the property; other faults, or no key, pass`, (t) => {
    const validate = (m: ModelDefinition) => sinkFor(sink).validate(sinkCtx(m, PROPERTIES, 10, 1, randomUUID()));
    const key = { [KEYS[sink]!]: 'id' };
    const dup = t.throws(() => validate(model(sink, { ...key, DUPLICATE_RATE: '0.1' })));
    t.true(dup instanceof BadRequestError, String(dup));
    t.regex(dup!.message, new RegExp(`^Options\\.DUPLICATE_RATE: a duplicate row repeats its primary key \\(Options\\.${KEYS[sink]}: id\\)`));
    const nulls = t.throws(() => validate(model(sink, key, { field: 'id', prop: 'null_rate' })));
    t.regex(nulls!.message, /^Fields\[0\]\.null_rate: "id" is a primary key column/);
    t.notThrows(() => validate(model(sink, key, { field: 'name', prop: 'null_rate' })), 'a fault on another column');
    t.notThrows(() => validate(model(sink, { DUPLICATE_RATE: '0.1' })), 'no key columns (HBase: row keys of the row index)');
  });
}
