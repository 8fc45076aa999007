/** Which files a command's download serves: only its own recorded local-sink locations; and how a preview reads. */
import test from 'ava';
import { Readable } from 'node:stream';
import type { StoredEvent } from '../../../src/events/types.js';
import { firstLines } from '../../../src/use-cases/command-output.js';
import { producedLocations } from '../../../src/use-cases/produced-locations.js';

const LOCAL = new Set(['json', 'csv']);
const queued = (service: string, connectors?: string[]) => ({ seq: 1, type: 'queued', data: { service, ...(connectors ? { connectors } : {}) } }) as unknown as StoredEvent;
const completed = (seq: number, data: Record<string, unknown>) => ({ seq, type: 'batch-completed', data: { batch: seq, rows: 1, workerId: 'w', durationMs: 1, ...data } }) as unknown as StoredEvent;

test('a local sink command: each batch location once, in order; retries repeat none', (t) => {
  const events = [queued('csv'), completed(2, { location: '/d/a-1.csv' }), completed(3, { location: '/d/a-0.csv' }), completed(4, { location: '/d/a-1.csv' })];
  t.deepEqual(producedLocations(events, LOCAL), ['/d/a-1.csv', '/d/a-0.csv']);
});

test('a remote sink command has no local files, whatever its locations say', (t) => {
  t.deepEqual(producedLocations([queued('s3'), completed(2, { location: 's3://b/k.csv' })], LOCAL), []);
});

test('a multipleconnectors command: only its local sinks\' locations', (t) => {
  const events = [queued('multipleconnectors', ['json', 'kafka']), completed(2, { sinks: [{ service: 'json', rows: 1, location: '/d/m-0.json' }, { service: 'kafka', rows: 1, location: '/etc/passwd' }] })];
  t.deepEqual(producedLocations(events, LOCAL), ['/d/m-0.json']);
});

test('firstLines: the first lines without their ends, and whether more follow', async (t) => {
  const text = (chunks: string[]) => Readable.from(chunks);
  t.deepEqual(await firstLines(text(['a,b\r\n1,', '2\r\n3,4\r\n']), 2), { lines: ['a,b', '1,2'], truncated: true });
  t.deepEqual(await firstLines(text(['a\nb\n']), 2), { lines: ['a', 'b'], truncated: false });
  t.deepEqual(await firstLines(text(['a\nb']), 5), { lines: ['a', 'b'], truncated: false });
});
