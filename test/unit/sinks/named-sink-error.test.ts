import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { namedBySink } from '../../../src/sinks/named-sink-error.js';

test('a sink error that does not name the sink is prefixed with it', (t) => {
  t.is(namedBySink(new Error('committing s3://b/k at http://127.0.0.1:1 failed: ECONNREFUSED'), 's3_json').message, 's3_json: committing s3://b/k at http://127.0.0.1:1 failed: ECONNREFUSED');
});

test('an error that already names the sink is left as it is', (t) => {
  t.is(namedBySink(new Error('kafka 127.0.0.1:9092 topic t: broker not available'), 'kafka').message, 'kafka 127.0.0.1:9092 topic t: broker not available');
  t.is(namedBySink(new Error('s3_json files s3://b/x failed'), 's3_json').message, 's3_json files s3://b/x failed');
});

test('a name inside another word does not count as naming the sink', (t) => {
  t.is(namedBySink(new Error('jsonl parse failed'), 'json').message, 'json: jsonl parse failed');
});

test('the error keeps its class (and so its status); a thrown non-error becomes one', (t) => {
  const err = namedBySink(new BadRequestError('bad key'), 'hbase');
  t.true(err instanceof BadRequestError);
  t.is(err.message, 'hbase: bad key');
  t.is((namedBySink('boom' as unknown, 'csv') as Error).message, 'csv: boom');
});
