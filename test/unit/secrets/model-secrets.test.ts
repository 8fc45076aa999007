/** A model's secrets split out of it and merged back. */
import test from 'ava';
import { parseModelText } from '../../../src/model/parse.js';
import { REDACTED } from '../../../src/secrets.js';
import { hasModelSecrets, mergeModelSecrets, modelSecretValues, redactModel, splitModelSecrets } from '../../../src/secrets/model-secrets.js';

const model = parseModelText(JSON.stringify({
  model_name: 'm',
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'r', type: 'STRING', length: 3, password: 'sk-field-secret' }],
  Table_Names: { KAFKA_TOPIC: 't', KAFKA_KEYSTORE_PASSWORD: 'ks-pass', HBASE_KEYTAB: 'kt-content', S3_ACCESS_KEY_SECRET: 's3-secret' },
  Options: { KAFKA_MSG_KEY: 'id', SCHEMA_REGISTRY_URL: 'https://reg:reg-pass@registry:8081' },
}), 'test');

test('the split model holds no secret value and merges back to the model as given', (t) => {
  const { model: stored, secrets } = splitModelSecrets(model);
  t.true(hasModelSecrets(secrets));
  const text = JSON.stringify(stored);
  for (const s of ['ks-pass', 'kt-content', 's3-secret', 'reg-pass', 'sk-field-secret']) t.false(text.includes(s), s);
  t.is(stored.tableNames.KAFKA_KEYSTORE_PASSWORD, REDACTED);
  t.is(stored.options.SCHEMA_REGISTRY_URL, `https://reg:${REDACTED}@registry:8081`);
  t.is(stored.options.KAFKA_MSG_KEY, 'id');
  t.is(stored.tableNames.KAFKA_TOPIC, 't');
  t.deepEqual(mergeModelSecrets(stored, secrets), model);
});

test('a model without secrets is stored as is', (t) => {
  const plain = parseModelText('{"model_name":"p","Fields":[{"name":"a","type":"STRING"}],"Options":{"KAFKA_MSG_KEY":"a"}}', 'test');
  const { model: stored, secrets } = splitModelSecrets(plain);
  t.false(hasModelSecrets(secrets));
  t.is(stored.tableNames, plain.tableNames);
  t.deepEqual(stored, plain);
});

test('redactModel and modelSecretValues', (t) => {
  t.false(JSON.stringify(redactModel(model)).includes('ks-pass'));
  const values = modelSecretValues(model);
  for (const s of ['ks-pass', 'kt-content', 's3-secret', 'reg-pass', 'sk-field-secret']) t.true(values.includes(s), s);
  t.false(values.includes('id'));
});
