/** extraProperties: only user settings, in any of the accepted forms; internal settings never. */
import test from 'ava';
import { extraProperties } from '../../../src/api/extra-properties.js';
import { BadRequestError } from '../../../src/errors.js';
import { USER_SETTINGS, userSettingProblem } from '../../../src/sinks/user-settings.js';

test('settings the sinks read are accepted in every form', (t) => {
  t.deepEqual(extraProperties({ extraProperties: '{"KAFKA_BROKERS":"b:9092","KAFKA_PARTITIONS_NUMBER":3}' }), { KAFKA_BROKERS: 'b:9092', KAFKA_PARTITIONS_NUMBER: '3' });
  t.deepEqual(extraProperties({ extraProperties: 'HBASE_REST_URL=http://h:8080; SCHEMA_REGISTRY_URL=http://r' }), { HBASE_REST_URL: 'http://h:8080', SCHEMA_REGISTRY_URL: 'http://r' });
  t.deepEqual(extraProperties({ 'extraProperties.KAFKA_TOPIC': 't', 'extraProperties[S3_ACCESS_KEY_SECRET]': 's' }), { KAFKA_TOPIC: 't', S3_ACCESS_KEY_SECRET: 's' });
  for (const key of ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'HBASE_REST_URL', 'KAFKA_KEYSTORE_PASSWORD', 'DELETE_PREVIOUS', 'LOCAL_FILE_NAME']) t.true(USER_SETTINGS.includes(key), key);
});

test('internal settings are refused in every form, naming the key', (t) => {
  const forms = [
    { extraProperties: '{"DATAGEN_SCHEDULE_EXECUTION":"/../../../../../../tmp/x"}' },
    { extraProperties: 'DATAGEN_SCHEDULE_EXECUTION=1' },
    { extraProperties: 'KAFKA_BROKERS=b:9092\nDATAGEN_SCHEDULE_EXECUTION=7' },
    { 'extraProperties.DATAGEN_SCHEDULE_EXECUTION': '1' },
    { 'extraProperties[DATAGEN_SCHEDULE_EXECUTION]': '1' },
    { extraProperties: '{"DATAGEN_DATA_DIR":"/"}' },
  ];
  for (const params of forms) {
    const err = t.throws(() => extraProperties(params), { instanceOf: BadRequestError }, JSON.stringify(params));
    t.regex(err!.message, /^extraProperties key "DATAGEN_[A-Z_]+" is an internal setting of the service and cannot be set$/);
    t.like((err as BadRequestError).details, { parameter: 'extraProperties' });
  }
});

test('unknown keys are refused with a did-you-mean; malformed names and prototype keys too', (t) => {
  const err = t.throws(() => extraProperties({ extraProperties: '{"KAFKA_BROKER":"b:9092"}' }), { instanceOf: BadRequestError });
  t.is(err!.message, 'extraProperties key "KAFKA_BROKER" is not a setting any sink reads (did you mean KAFKA_BROKERS?)');
  t.regex(userSettingProblem('NOT_A_SETTING_AT_ALL') ?? '', /^is not a setting any sink reads$/);
  t.throws(() => extraProperties({ extraProperties: '{"kafka.brokers":"x"}' }), { message: /must be an upper-case setting name/ });
  t.throws(() => extraProperties({ extraProperties: '{"__proto__":{"DATAGEN_SCHEDULE_EXECUTION":"/x"}}' }), { instanceOf: BadRequestError, message: /"__proto__"/ });
  t.throws(() => extraProperties({ extraProperties: '__proto__=x' }), { instanceOf: BadRequestError, message: /"__proto__"/ });
});
