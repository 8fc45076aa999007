/**
 * Every key a sink reads is a known key: a model using it gets no "unknown key" warning. The known list is built
 * from the sinks' declarations (src/sink-keys/, one list per sink); this reads the sinks' code for the keys they read
 * from a model's Table_Names or Options, and for every setting name they spell, and checks each is declared.
 */
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { OPTION_KEYS, TABLE_NAME_KEYS } from '../../../src/model/model-keys.js';
import { parseModel } from '../../../src/model/parse.js';
import { USER_SETTINGS } from '../../../src/sinks/user-settings.js';

const SINKS = path.resolve(import.meta.dirname, '../../../src/sinks');

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [{ file: path.relative(SINKS, p), text: readFileSync(p, 'utf8') }] : [];
  });
}

const files = sources(SINKS);

/** Reads that name their section: setting(ctx, 'Options', 'K'), intSetting(...), credentials read from Table_Names. */
const SECTIONED = [
  /[sS]etting\(ctx, '(Options|Table_Names)', '([A-Z][A-Z0-9_]+)'/g,
  /credentials\(ctx, '([A-Z][A-Z0-9_]+)', '([A-Z][A-Z0-9_]+)', \(k\) => setting\(ctx, '(Table_Names|Options)'/g,
];
/** Reads of the model's records themselves: model.tableNames.K, ctx.model.options['K'], o.K of the options. */
const DIRECT = /\b(tableNames|options|o)\??\.(?:\[['"])?([A-Z][A-Z0-9]*_[A-Z0-9_]+)/g;

test('every key a sink reads from a model\'s Table_Names or Options is a known key of that section', (t) => {
  const unknown: string[] = [];
  const known = { Table_Names: new Set(TABLE_NAME_KEYS), Options: new Set(OPTION_KEYS) };
  let reads = 0;
  for (const { file, text } of files) {
    for (const m of text.matchAll(SECTIONED[0])) {
      reads++;
      if (!known[m[1] as 'Options'].has(m[2])) unknown.push(`${file}: ${m[1]}.${m[2]}`);
    }
    for (const m of text.matchAll(SECTIONED[1])) {
      for (const key of [m[1], m[2]]) {
        reads++;
        if (!known[m[3] as 'Options'].has(key)) unknown.push(`${file}: ${m[3]}.${key}`);
      }
    }
    for (const m of text.matchAll(DIRECT)) {
      reads++;
      const section = m[1] === 'tableNames' ? 'Table_Names' : 'Options';
      if (!known[section].has(m[2])) unknown.push(`${file}: ${section}.${m[2]}`);
    }
  }
  t.true(reads > 40, `the scan found the sinks' reads (${reads})`);
  t.deepEqual(unknown, []);
});

/** Prefixes of the settings of the sinks and formats: a string spelt like this in a sink is a setting's name. */
const SETTING_NAME = /'((?:LOCAL|HDFS|OZONE|S3|ADLS|GCS|HIVE|HBASE|KAFKA|KUDU|SOLR|POSTGRESQL|MYSQL|AVRO|PARQUET|ORC|CSV)_[A-Z0-9_]+)'/g;

test('every setting name a sink spells is a model key, a connection setting or a credential it declares', (t) => {
  const declared = new Set([...TABLE_NAME_KEYS, ...OPTION_KEYS, ...USER_SETTINGS]);
  const unknown = new Set<string>();
  for (const { file, text } of files) for (const m of text.matchAll(SETTING_NAME)) if (!declared.has(m[1])) unknown.add(`${file}: ${m[1]}`);
  t.deepEqual([...unknown], []);
});

test('a model using the keys the sinks read beyond the original\'s gets no unknown-key warning', (t) => {
  const model = parseModel({
    Fields: [{ name: 'id', type: 'UUID' }, { name: 'n', type: 'STRING' }],
    Table_Names: { ADLS_CONTAINER: 'c', ADLS_ACCOUNT_KEY: 'k', OZONE_S3_ACCESS_KEY_ID: 'a', POSTGRESQL_TABLE: 't', MYSQL_DATABASE: 'd' },
    Options: { HBASE_PRIMARY_KEY: 'id,n', HBASE_PRIMARY_KEY_SEPARATOR: '#', ORC_COMPRESSION: 'ZSTD', ORC_STRIPE_ROWS: 1000, KAFKA_LINGER_MS: 5, TIMESTAMP_STEP_MS: 10 },
  });
  t.deepEqual(model.warnings ?? [], []);
  t.regex(parseModel({ Fields: [{ name: 'id', type: 'UUID' }], Options: { HBASE_PRIMARY_KEY_SEPERATOR: '#' } }).warnings!.join(), /unknown key.*HBASE_PRIMARY_KEY_SEPARATOR/);
});
