/** Format details read back by other implementations: RFC 4180 edge cases, nulls, Parquet options, Avro names. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import type { Row } from '../../src/model/types.js';
import { avroSink, csvSink, jsonSink, parquetSink } from '../../src/sinks/files/local-sinks.js';
import { cols, ctxFor, runSink, tempDataDir } from '../helpers/readback-sinks.js';
import { expectedRows, readBack } from '../helpers/readback.js';

const TRICKY = [
  'plain',
  'a,b',
  'say "hello"',
  '"quoted"',
  'line1\nline2',
  'line1\r\nline2',
  'trailing\r',
  ' lead and trail ',
  ',',
  '""',
  'x'.repeat(5000),
  'ünïcödé ✓ 😀',
  '',
];

test('csv: quotes, separators, CR/LF and empty strings survive a strict RFC 4180 reader (Python csv)', async (t) => {
  const dataDir = await tempDataDir();
  const columns = cols({ 'col,with comma': 'STRING', 'say "x"': 'STRING', n: 'INTEGER' });
  const rows: Row[] = TRICKY.map((s, i) => ({ 'col,with comma': s, 'say "x"': TRICKY[TRICKY.length - 1 - i]!, n: i }));
  const ctx = ctxFor({ dataDir, columns, batches: 1, name: 'tricky' });
  await runSink(csvSink, ctx, [rows]);
  const file = path.join(dataDir, 'output', 'tricky', 'tricky-0000000000.csv');
  const back = await readBack('csv', file, { strings: true });
  t.deepEqual(back.columns, ['col,with comma', 'say "x"', 'n']);
  t.deepEqual(back.rows, rows.map((r) => [r['col,with comma'], r['say "x"'], String(r.n)]));
  const text = await readFile(file, 'utf8');
  t.true(text.startsWith('"col,with comma","say ""x""",n\r\n'));
  t.true(text.endsWith('\r\n'));
});

test('csv: pyarrow reads the same tricky values (multi-line values allowed)', async (t) => {
  const dataDir = await tempDataDir();
  const columns = cols({ s: 'STRING', n: 'INTEGER' });
  const rows: Row[] = TRICKY.filter((s) => s !== '').map((s, i) => ({ s, n: i }));
  await runSink(csvSink, ctxFor({ dataDir, columns, batches: 1, name: 'pa' }), [rows]);
  const back = await readBack('csv', path.join(dataDir, 'output', 'pa', 'pa-0000000000.csv'));
  t.deepEqual(back.types, ['string', 'int64']);
  t.deepEqual(back.rows, rows.map((r) => [r.s, String(r.n)]));
});

test('nulls: typed formats read them as null; CSV writes an empty field, JSON null', async (t) => {
  const columns = cols({ s: 'STRING', i: 'INTEGER', l: 'LONG', f: 'FLOAT', b: 'BOOLEAN', by: 'BYTES', ts: 'TIMESTAMP', d: 'DATE', bd: 'BIRTHDATE' });
  const full: Row = { s: 'x', i: 1, l: 2n, f: 1.5, b: true, by: new Uint8Array([1, 255]), ts: 1700000000000, d: new Date(0), bd: '1999-12-31' };
  const empty: Row = Object.fromEntries(columns.map((c) => [c.name, null]));
  for (const [format, sink, typed] of [['parquet', parquetSink, true], ['avro', avroSink, true], ['json', jsonSink, false]] as const) {
    const dataDir = await tempDataDir();
    await runSink(sink, ctxFor({ dataDir, columns, batches: 1, name: 'nul' }), [[full, empty, full]]);
    const back = await readBack(format, path.join(dataDir, 'output', 'nul', `nul-0000000000.${format}`));
    t.deepEqual(back.rows, expectedRows(columns, [full, empty, full], typed), format);
    if (format === 'avro') t.true(back.meta.nullable.every(Boolean));
  }
  const dataDir = await tempDataDir();
  await runSink(csvSink, ctxFor({ dataDir, columns, batches: 1, name: 'nul' }), [[empty]]);
  t.is(await readFile(path.join(dataDir, 'output', 'nul', 'nul-0000000000.csv'), 'utf8'), 's,i,l,f,b,by,ts,d,bd\r\n,,,,,,,,\r\n');
});

test('parquet: PARQUET_ROW_GROUP_SIZE (bytes) splits row groups, PARQUET_DICTIONARY_ENCODING=false writes no dictionary', async (t) => {
  const columns = cols({ city: 'CITY', n: 'LONG' });
  const rows: Row[] = Array.from({ length: 1000 }, (_, i) => ({ city: ['Paris', 'Lyon', 'Nice'][i % 3]!, n: BigInt(i) }));

  const dataDir = await tempDataDir();
  await runSink(parquetSink, ctxFor({ dataDir, columns, batches: 1, name: 'dict' }), [rows]);
  const dict = await readBack('parquet', path.join(dataDir, 'output', 'dict', 'dict-0000000000.parquet'));
  t.is(dict.meta.num_row_groups, 1);
  t.true(dict.meta.encodings.includes('RLE_DICTIONARY'));

  // ~21 bytes per row (4+5 string, 8 long, rounding): 2100 bytes is about 100 rows per group.
  const small = await tempDataDir();
  await runSink(parquetSink, ctxFor({
    dataDir: small, columns, batches: 2, name: 'plain',
    options: { PARQUET_ROW_GROUP_SIZE: '2100', PARQUET_DICTIONARY_ENCODING: 'false', ONE_FILE_PER_ITERATION: 'false' },
  }), [rows, rows]);
  const plain = await readBack('parquet', path.join(small, 'output', 'plain', 'plain.parquet'));
  t.is(plain.rows.length, 2000);
  t.true(plain.meta.num_row_groups >= 10, `row groups: ${plain.meta.num_row_groups}`);
  t.is(plain.meta.row_group_rows.reduce((a: number, b: number) => a + b, 0), 2000);
  t.false(plain.meta.encodings.includes('RLE_DICTIONARY'));
  t.deepEqual(plain.meta.compression, ['SNAPPY']);
  t.deepEqual(plain.rows, expectedRows(columns, [...rows, ...rows], true));
});

test('avro: column names that are not Avro names become valid fields, the original kept as doc; AVRO_NAME names the record', async (t) => {
  const dataDir = await tempDataDir();
  const columns = cols({ 'first-name': 'NAME', '2fa': 'BOOLEAN', ok: 'INTEGER' });
  const rows: Row[] = [{ 'first-name': 'Ada', '2fa': true, ok: 1 }];
  await runSink(avroSink, ctxFor({ dataDir, columns, batches: 1, name: 'names', tableNames: { AVRO_NAME: 'Person' } }), [rows]);
  const back = await readBack('avro', path.join(dataDir, 'output', 'names', 'names-0000000000.avro'));
  t.deepEqual(back.columns, ['first_name', '_2fa', 'ok']);
  t.deepEqual(back.meta.docs, ['first-name', '2fa', null]);
  t.is(back.meta.name, 'org.apache.avro.ipc.Person');
  t.is(back.meta.codec, 'null');
  t.deepEqual(back.rows, [['Ada', true, '1']]);
});

test('per-batch files are named <prefix>-<batch as 10 digits>.<ext> with LOCAL_FILE_NAME as the prefix', async (t) => {
  const dataDir = await tempDataDir();
  const columns = cols({ a: 'STRING' });
  const batches = Array.from({ length: 12 }, (_, b) => [{ a: `b${b}` }]);
  await runSink(jsonSink, ctxFor({ dataDir, columns, batches: 12, name: 'ignored', tableNames: { LOCAL_FILE_PATH: 'o', LOCAL_FILE_NAME: 'weather' } }), batches);
  const files = (await readdir(path.join(dataDir, 'o'))).sort();
  t.is(files.length, 12);
  t.is(files[0], 'weather-0000000000.json');
  t.is(files[11], 'weather-0000000011.json');
  t.is(await readFile(path.join(dataDir, 'o', files[11]!), 'utf8'), '{"a":"b11"}\n');
});
