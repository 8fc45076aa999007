/** The rate-control parameters: what a request asks for, and the 400 each mistake gets, naming its parameter. */
import test from 'ava';
import { ratedShape, rateSpecOf } from '../../../src/api/rate-params.js';
import { BadRequestError } from '../../../src/errors.js';

const refused = (t: import('ava').ExecutionContext, params: Record<string, string>, message: RegExp) => {
  const err = t.throws(() => {
    const rate = rateSpecOf(params);
    if (rate) ratedShape(params, rate);
  }, { instanceOf: BadRequestError });
  t.regex(err!.message, message);
};

test('no rate parameter: no rate, the request is as it was', (t) => {
  t.is(rateSpecOf({ rows: '10', batches: '2' }), undefined);
});

test('a rate with batches keeps rows × batches; without rows, a batch is one second of the peak rate', (t) => {
  const rate = rateSpecOf({ rows_per_second: '1000', ramp_to_rows_per_second: '4000', ramp_seconds: '30', burst: '50' })!;
  t.deepEqual(rate, { rowsPerSecond: 1000, endRowsPerSecond: 4000, rampSeconds: 30, burst: 50 });
  t.deepEqual(ratedShape({ rows: '7', batches: '3' }, rate), { rate, rows: 7, batches: 3 });
  t.deepEqual(ratedShape({ batches: '3' }, rate), { rate, rows: 4000, batches: 3 });
});

test('no batches, or batches=0: no end', (t) => {
  const rate = rateSpecOf({ rows_per_second: '250.5' })!;
  t.deepEqual(ratedShape({}, rate), { rate, rows: 251, batches: 0, unbounded: true });
  t.deepEqual(ratedShape({ batches: '0', rows: '100' }, rate), { rate, rows: 100, batches: 0, unbounded: true });
});

test('a duration gives the batches that hold the rows within it', (t) => {
  const rate = rateSpecOf({ rows_per_second: '100', duration: '2.5' })!;
  t.deepEqual(ratedShape({}, rate), { rate, rows: 100, batches: 3 });
  t.deepEqual(ratedShape({ rows: '50' }, rate), { rate, rows: 50, batches: 5 });
  // Row 0 goes at once: the shortest duration holds one row.
  const brief = rateSpecOf({ rows_per_second: '1', duration: '0.001' })!;
  t.deepEqual(ratedShape({}, brief), { rate: brief, rows: 1, batches: 1 });
});

test('bad rate parameters are 400s saying what is wrong', (t) => {
  refused(t, { rows_per_second: '-5' }, /rows_per_second must be a positive number, got "-5"/);
  refused(t, { rows_per_second: '0' }, /rows_per_second must be a positive number/);
  refused(t, { rows_per_second: 'fast' }, /rows_per_second must be a positive number/);
  refused(t, { rows_per_second: '20000000' }, /rows_per_second must be at most 10000000/);
  refused(t, { rows_per_second: '10', ramp_to_rows_per_second: '20' }, /ramp_seconds is required with ramp_to_rows_per_second/);
  refused(t, { rows_per_second: '10', ramp_seconds: '20' }, /ramp_to_rows_per_second is required with ramp_seconds/);
  refused(t, { ramp_to_rows_per_second: '20', ramp_seconds: '5' }, /rows_per_second is required with ramp_to_rows_per_second/);
  refused(t, { duration: '5' }, /rows_per_second is required with duration/);
  refused(t, { rows_per_second: '10', burst: '1.5' }, /burst must be a positive integer/);
  refused(t, { rows_per_second: '10', duration: '5', batches: '2' }, /batches and duration cannot both be given/);
  refused(t, { rows_per_second: '1000', rows: '10' }, /rows must be at least 250 .* for a command with no end, got 10/);
});
