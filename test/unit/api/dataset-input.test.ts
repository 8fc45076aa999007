/** The body of POST /datagen/dataset read into entries: defaults, after, and 400s naming commands[i].<field>. */
import test from 'ava';
import { datasetRequest } from '../../../src/api/dataset-input.js';
import type { Caller } from '../../../src/users/user-directory.js';

const ANN: Caller = { name: 'ann', role: 'admin', groups: ['admin'] };
const DEFAULTS = { rows: 20, batches: 20, threads: 4 };
const P = 'AAAAAAAA-0000-4000-8000-000000000001';
const read = (body: unknown, query: string[] = []) => datasetRequest(body, query, DEFAULTS, ANN);
const message = (body: unknown) => {
  try {
    read(body);
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
};

test('entries with their defaults, inline or stored models, properties and after from the body and the query', (t) => {
  const r = read({
    commands: [
      { name: 'customers', sink: 'PostgreSQL', model_name: 'shop-customers', rows: 1000, batches: 1, seed: 42, properties: { POSTGRESQL_TABLE: 'c' } },
      { name: 'orders', sink: 'kafka', model: { model_name: 'o', Fields: [] }, rows: '2000' },
    ],
    after: [P],
  }, [`${P},${P.toLowerCase()}`]);
  t.deepEqual(r.after, [P.toLowerCase()]);
  t.like(r.entries[0]!, { name: 'customers', model: { kind: 'stored', name: 'shop-customers' }, command: { rows: 1000, batches: 1, threads: 4, seed: 42, overrides: { POSTGRESQL_TABLE: 'c' } } });
  t.is(r.entries[0]!.command.sink.name, 'postgresql');
  t.like(r.entries[1]!, { model: { kind: 'inline' }, command: { rows: 2000, batches: 20 } });
  t.false('seed' in r.entries[1]!.command);
});

test('what is wrong is named by entry index and field', (t) => {
  const ok = { name: 'a', sink: 'json', model_name: 'm' };
  t.regex(message([ok]), /^body: must be a JSON object/);
  t.regex(message({ commands: [] }), /^commands: is required/);
  t.regex(message({ commands: [ok], extra: 1 }), /^extra: unknown property/);
  t.regex(message({ commands: [ok, { ...ok, rows: 0 }] }), /^parameter commands\[1\]\.rows must be a positive integer, got "0"/);
  t.regex(message({ commands: [ok, { ...ok, name: 'b', colour: 'red' }] }), /^commands\[1\]\.colour: unknown property; known: name, sink/);
  t.regex(message({ commands: [ok, ok] }), /^commands\[1\]\.name: "a" is also the name of commands\[0\]/);
  t.regex(message({ commands: [{ ...ok, name: 'bad name' }] }), /^commands\[0\]\.name: is required/);
  t.regex(message({ commands: [{ ...ok, sink: 'nope' }] }), /^commands\[0\]\.sink: unknown service "nope"/);
  t.regex(message({ commands: [{ ...ok, sink: 'multipleconnectors' }] }), /^commands\[0\]\.sink: multipleconnectors is not available in a dataset/);
  t.regex(message({ commands: [{ name: 'a', sink: 'json' }] }), /^commands\[0\]\.model: is required/);
  t.regex(message({ commands: [{ ...ok, model: {} }] }), /^commands\[0\]\.model_name: give either model \(inline\) or model_name, not both/);
  t.regex(message({ commands: [{ ...ok, properties: { lower: 'x' } }] }), /^commands\[0\]\.properties: extraProperties key "lower" must be an upper-case setting name/);
  t.regex(message({ commands: [ok], after: ['nope'] }), /^parameter after: "nope" is not a command UUID/);
  t.regex(message({ commands: Array.from({ length: 17 }, (_, i) => ({ ...ok, name: `e${i}` })) }), /^commands: a dataset may have at most 16 commands, got 17/);
});
