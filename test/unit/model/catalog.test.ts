/** The model catalog (GET /model/catalog) and its help: one entry for everything the parser knows, none empty. */
import test from 'ava';
import { CATALOG_PROPERTIES, modelCatalog } from '../../../src/model/catalog.js';
import { PROPERTY_HELP, TYPE_HELP } from '../../../src/model/field-help.js';
import { KNOWN_PROPERTIES } from '../../../src/model/field-spec.js';
import { OPTION_KEYS, TABLE_NAME_KEYS } from '../../../src/model/model-keys.js';
import { FIELD_TYPES } from '../../../src/model/types.js';
import { SINK_MODEL_KEYS } from '../../../src/sink-keys/index.js';
import { locatedWarning } from '../../../src/use-cases/preview-model.js';

test('every field type and every known property has its help', (t) => {
  t.deepEqual(FIELD_TYPES.filter((type) => !TYPE_HELP[type]?.trim()), []);
  t.deepEqual(CATALOG_PROPERTIES.filter((p) => !PROPERTY_HELP[p]?.help.trim()), [], 'add the help in src/model/field-help.ts');
  t.true(KNOWN_PROPERTIES.every((p) => CATALOG_PROPERTIES.includes(p)));
});

test('every Table_Names and Options key a sink declares has its help next to it', (t) => {
  const missing = SINK_MODEL_KEYS.flatMap((s) => [...s.tableNames, ...Object.keys(s.options)].filter((k) => !s.help[k]?.trim()).map((k) => `${s.label}: ${k}`));
  t.deepEqual(missing, [], 'add the help in the sink\'s src/sink-keys/ file');
  const extra = SINK_MODEL_KEYS.flatMap((s) => Object.keys(s.help).filter((k) => !s.tableNames.includes(k) && !(k in s.options)));
  t.deepEqual(extra, [], 'help for a key the sink does not declare');
});

test('the catalog lists every type with the properties it reads, every property and every model key', (t) => {
  const catalog = modelCatalog();
  t.deepEqual(catalog.types.map((x) => x.name), [...FIELD_TYPES]);
  const string = catalog.types.find((x) => x.name === 'STRING')!;
  t.true(string.properties.includes('length'));
  t.false(string.properties.includes('regex'));
  t.true(catalog.types.find((x) => x.name === 'STRING_REGEX')!.properties.includes('regex'));
  t.deepEqual(catalog.properties.map((p) => p.name), CATALOG_PROPERTIES);
  t.true(catalog.types.find((x) => x.name === 'INTEGER')!.properties.includes('null_rate'), 'dirty-data properties are offered');
  t.deepEqual(catalog.properties.find((p) => p.name === 'late_rate')!.types, ['TIMESTAMP', 'DATE']);
  t.false(catalog.types.find((x) => x.name === 'INTEGER')!.properties.includes('empty_rate'), 'only text types have an empty form');
  t.deepEqual(catalog.properties.find((p) => p.name === 'pattern')!.types, ['DATE_AS_STRING']);
  const keys = catalog.sinks.flatMap((s) => [...s.tableNames, ...s.options].map((k) => k.key));
  t.deepEqual([...new Set(keys)].sort(), [...new Set([...TABLE_NAME_KEYS, ...OPTION_KEYS])].sort());
  const kafka = catalog.sinks.find((s) => s.label === 'Kafka')!;
  t.deepEqual(kafka.options.find((o) => o.key === 'KAFKA_MESSAGE_TYPE'), { key: 'KAFKA_MESSAGE_TYPE', kind: { oneOf: ['JSON', 'CSV', 'AVRO'] }, help: 'Message format: JSON, CSV or AVRO.' });
});

test('a parser warning is split at its location; one without a location keeps it whole', (t) => {
  t.deepEqual(locatedWarning('Fields[1].lenght: unknown property of field "a", ignored'), { path: 'Fields[1].lenght', message: 'unknown property of field "a", ignored' });
  t.deepEqual(locatedWarning('Options.FOO: unknown key, ignored'), { path: 'Options.FOO', message: 'unknown key, ignored' });
  t.deepEqual(locatedWarning('extra: unknown top-level key, ignored'), { path: 'extra', message: 'unknown top-level key, ignored' });
  t.deepEqual(locatedWarning('something odd'), { path: '', message: 'something odd' });
});
