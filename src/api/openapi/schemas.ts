/**
 * The OpenAPI document's named components: JSON Schema (2020-12) of every request and response body, shared
 * parameters, shared error responses and the security scheme. Enumerations come from the code (statuses, event
 * types, sinks), and the property lists are checked against the TypeScript interfaces with `satisfies`, so the
 * document cannot silently drift from what the routes answer.
 */
import { STATUSES } from '../../../machines/command.machine.js';
import { COMMAND_EVENT_TYPES } from '../../events/types.js';
import type { ScheduleEventType } from '../../events/schedule-types.js';
import type { TestRowResult } from '../../model/test-row.js';
import type { ScheduleView } from '../../projection/schedule-view.js';
import type { CommandDetails, StatusView } from '../../projection/status-view.js';
import type { ScheduleStatus } from '../../schedule/schedule-state.js';
import { CREDENTIAL_TYPES } from '../../ports/credential-store.js';
import { MAX_CONNECTORS } from '../../sinks/multi-sink.js';
import { availableSinks, KNOWN_SERVICES } from '../../sinks/registry.js';
import { BOOLEAN_WORDS } from '../params.js';

/** A JSON Schema or OpenAPI object, as plain data. */
export type Json = { [key: string]: unknown };

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

const SCHEDULE_STATUSES = ['ACTIVE', 'PAUSED', 'REMOVED'] as const satisfies readonly ScheduleStatus[];
const SCHEDULE_EVENT_TYPES = ['schedule-created', 'execution-started', 'schedule-paused', 'schedule-removed'] as const satisfies readonly ScheduleEventType[];

const str = (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra });
const int = (description: string, extra: Json = {}): Json => ({ type: 'integer', description, ...extra });
const count = (description: string): Json => int(description, { minimum: 0 });
const dateTime = (description: string): Json => str(description, { format: 'date-time' });
const nullableDateTime = (description: string): Json => ({ type: ['string', 'null'], format: 'date-time', description });
const uuid = (description: string): Json => str(description, { format: 'uuid' });
const stringMap = (description: string): Json => ({ type: 'object', additionalProperties: { type: 'string' }, description });

/** An object whose every property is required and no other is allowed. */
function closed(description: string, properties: Json, optional: string[] = []): Json {
  return {
    type: 'object',
    description,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    properties,
    additionalProperties: false,
  };
}

const statusViewProperties = {
  commandUuid: uuid('The command (or, for a schedule, the schedule) uuid.'),
  status: ref('CommandStatus'),
  comment: str('Empty, or why the command failed or was cancelled.'),
  progress: str('Percentage written, as text with one decimal: completed batches, plus the rows running batches (and shards) reported so far.', { pattern: '^\\d{1,3}\\.\\d$', examples: ['100.0'] }),
  duration: str('Time since the command started (until it ended), as text.', { pattern: '^(\\d+ms|\\d+\\.\\ds|\\d+m\\d+s)$', examples: ['3ms', '2.4s', '1m5s'] }),
  durationMs: count('The same duration in milliseconds.'),
  service: str('The sink (service name of /datagen/{service}).'),
  modelName: str('model_name of the model.'),
  rows: int('Rows per batch.', { minimum: 1 }),
  batches: int('Batches (0: a rate-controlled command with no end, see unbounded).', { minimum: 0 }),
  threads: int('Batches (or shards of a sharded batch) in flight at once.', { minimum: 1 }),
  batchesCompleted: count('Batches written so far.'),
  rowsWritten: count('Rows written so far, including those running batches (and shards) reported.'),
  rowsRequested: count('rows × batches.'),
  queuedAt: dateTime('When the request was accepted.'),
  startedAt: nullableDateTime('When the command left the queue; null while QUEUED.'),
  finishedAt: nullableDateTime('When the command ended; null until then.'),
  targetRowsPerSecond: { type: 'number', minimum: 0, description: 'Rate-controlled commands only: the rate (rows/s) the pace asks for now (at the end, for an ended one).' },
  actualRowsPerSecond: { type: ['number', 'null'], minimum: 0, description: 'Rate-controlled commands only: rows/s written over the last reports (about 10 s); null before two reports.' },
  unbounded: { const: true, description: 'Present for a rate-controlled command with no end: it runs until cancelled.' },
  waitingFor: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 32, description: 'Present while a command submitted with after= is QUEUED: the commands it waits for that have not FINISHED yet.' },
} satisfies Record<keyof StatusView, Json>;

/** The status view's optional fields: those only rate-controlled commands have, and a waiting command's waitingFor. */
const RATE_VIEW_FIELDS = ['targetRowsPerSecond', 'actualRowsPerSecond', 'unbounded', 'waitingFor'];

const detailProperties = {
  seed: count('The seed: with the model and a batch index, it determines every row.'),
  owner: str('The user who submitted the command ("anonymous" when the API is open).'),
  modelHash: str('sha256 of the model as stored.', { pattern: '^[0-9a-f]{64}$' }),
  properties: stringMap('The command\'s extraProperties, secrets removed (they are never recorded).'),
  scheduleId: { type: ['string', 'null'], format: 'uuid', description: 'The schedule this command is an execution of, or null.' },
  failedAttempts: count('Batch attempts that failed (and were retried or failed the command).'),
  connectors: { type: 'array', items: str('A service name.'), minItems: 1, description: 'The sinks the command writes to: those of /datagen/multipleconnectors\'s connectors, else [service].' },
  rowsBySink: { type: 'object', additionalProperties: { type: 'number', minimum: 0 }, description: 'Rows of completed batches (and shards) each sink committed; every sink gets the same rows.' },
  faults: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, description: 'A model with faults only: how many nulls, empty strings, malformed values, late events, duplicates and near duplicates (null, empty, malformed, late, duplicate, nearDuplicate) completed batches hold (docs/dirty-data.md).' },
  llm: closed('A model with LLM fields only: what its completed batches cost (recorded answers cost nothing; docs/llm-fields.md).', { calls: count('LLM calls made.'), tokens: count('Tokens the calls used (prompt and answer), as the servers count them.') }),
} satisfies Record<Exclude<keyof CommandDetails, keyof StatusView>, Json>;

const executionProperties = {
  n: int('Execution number, from 1.', { minimum: 1 }),
  commandUuid: uuid('The execution\'s command uuid.'),
  status: ref('CommandStatus'),
  comment: str('Empty, or why the execution failed.'),
  progress: statusViewProperties.progress,
  duration: statusViewProperties.duration,
  queuedAt: dateTime('When the execution was queued.'),
  finishedAt: nullableDateTime('When the execution ended.'),
} satisfies Record<keyof ScheduleView['executions'][number], Json>;

const scheduleViewProperties = {
  commandUuid: uuid('The uuid answered at submission: it names the schedule.'),
  scheduleId: uuid('The same uuid.'),
  status: ref('ScheduleStatus'),
  comment: str('Why the schedule is paused or who removed it; empty while ACTIVE.'),
  delayBetweenExecutionsSeconds: count('Seconds between the end of one execution and the start of the next.'),
  service: str('The sink of every execution.'),
  modelName: str('model_name of the model.'),
  rows: int('Rows per batch.', { minimum: 1 }),
  batches: int('Batches per execution.', { minimum: 1 }),
  threads: int('Batches (or shards of a sharded batch) in flight at once.', { minimum: 1 }),
  createdAt: dateTime('When the schedule was created.'),
  executionsCount: count('Executions started so far.'),
  executions: { type: 'array', items: ref('ScheduleExecution'), description: 'Every execution, oldest first.' },
} satisfies Record<keyof ScheduleView, Json>;

const testRowProperties = {
  model: str('model_name of the model.'),
  row: { type: 'object', additionalProperties: ref('JsonValue'), description: 'Every field in model order, ghost fields included. LONG values are decimal strings, DATE values ISO strings, BYTES and HASH_MD5 upper-case hex.' },
  ghost: { type: 'array', items: { type: 'string' }, description: 'Names of the fields sinks would not output.' },
  seed: count('The seed used: passing it again gives the same row.'),
  warnings: { type: 'array', items: { type: 'string' }, description: 'Things in the model that load but look wrong.' },
} satisfies Record<keyof Omit<TestRowResult, 'llmColumns'>, Json>;

const countsByStatus = (description: string): Json => ({
  type: 'object',
  description,
  required: [...STATUSES],
  properties: Object.fromEntries(STATUSES.map((s) => [s, count(`${s} commands.`)])),
  additionalProperties: false,
});

const countsBySink = (description: string): Json => ({ type: 'object', description, additionalProperties: { type: 'number', minimum: 0 } });

const positive = (description: string, extra: Json = {}): Json => ({ type: 'integer', minimum: 1, description, ...extra });
/** A rate-control field: a number as form text, not pre-filled by "Try it out" (an empty text is not sent). */
const rateField = (description: string, pattern = '^\\s*\\d+(\\.\\d+)?\\s*$'): Json => str(description, { pattern, examples: [''] });

/**
 * Fields of POST /datagen/{service}, shared by the multipart and URL-encoded bodies. The `examples` are what the
 * API page's "Try it out" pre-fills: a one-off run of a few rows; an empty text is not sent (and means "absent").
 */
/** The spellings optionalBoolean (params.ts) accepts, as form fields carry booleans as text. */
const BOOLEAN_TEXTS = [...BOOLEAN_WORDS.true, ...BOOLEAN_WORDS.false];

function datagenFields(modelFile: Json, model: Json): Json {
  return {
    rows: positive('Rows per batch.', { default: 20, examples: [10] }),
    batches: { type: 'integer', minimum: 0, default: 20, examples: [2], description: 'Batches; total rows = rows × batches. 0 (or absent) with rows_per_second: no end, until cancelled.' },
    rows_per_second: rateField('Rate control (docs/rate-control.md): rows per second the whole deployment writes this command at, a positive number up to 10000000. Rows per batch then default to one second of the peak rate.'),
    ramp_to_rows_per_second: rateField('With rows_per_second and ramp_seconds: the rate ramps linearly to this one (rows/s), then stays there.'),
    ramp_seconds: rateField('The ramp\'s duration in seconds (required with ramp_to_rows_per_second).'),
    burst: rateField('With rows_per_second: rows that may go at once (a token bucket\'s size, a positive integer, 1 by default).', '^\\s*\\d+\\s*$'),
    duration: rateField('With rows_per_second, instead of batches: seconds to run (the rows whose instants fall within it, in whole batches).'),
    threads: positive('Batches of this command (or shards of a batch larger than DATAGEN_SHARD_ROWS) in flight at once (at most 1000).', { default: 4, maximum: 1000, examples: [4] }),
    seed: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Makes the rows reproducible; random when absent.', examples: [42] },
    model_file: modelFile,
    model,
    scheduled: { type: 'string', enum: BOOLEAN_TEXTS, description: 'true makes the command recur every delay_between_executions_seconds (which it then needs); false runs it once even with a delay. Also 1/0, yes/no. Absent: a delay alone makes a schedule (as in the original).', examples: ['false'] },
    delay_between_executions_seconds: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Seconds between the end of one execution and the start of the next (at least DATAGEN_MIN_SCHEDULE_DELAY_SECONDS, 1 by default).', examples: [60] },
    connectors: str(`Only for /datagen/multipleconnectors (required there): the sinks that all get the same rows, repeated (connectors=json&connectors=kafka) or comma-separated (json,kafka), case-insensitive, each once, at most ${MAX_CONNECTORS}, e.g. json,csv. Other services ignore it.`, { examples: [''] }),
    after: str('Commands this one waits for (docs/related-models.md): their uuids, comma-separated or repeated, at most 16, each a command of this service (else a 400 naming after and the value). It stays QUEUED (its status view lists waitingFor) until every one is FINISHED, and fails if one ends FAILED or CANCELLED. Not with a schedule.', { examples: [''] }),
    credentials: str('Stored credentials (/credentials/*) the sinks sign in with: names, repeated or comma-separated, each one the caller may use (another, or an unknown one, is a 400). Each sets the model keys of its type over the model\'s own (docs/security.md, Credentials); only the names are recorded.', { examples: [''] }),
    extraProperties: str('Settings that override the service\'s for this command only (e.g. KAFKA_BROKERS): a JSON object of upper-case setting names to values, e.g. {"KAFKA_BROKERS":"broker:9092"}, or KEY=value pairs separated by ";" or new lines. Secrets (passwords, keys, tokens) are used but never recorded or shown.', { examples: ['{}'] }),
  };
}

/** One `extraProperties.KEY` or `extraProperties[KEY]` field per setting, as an alternative to extraProperties. */
const perKeyExtraProperties: Json = { '^extraProperties(\\.[A-Z][A-Z0-9_]{1,63}|\\[[A-Z][A-Z0-9_]{1,63}\\])$': { type: 'string' } };

const uploadedModel: Json = { type: 'string', format: 'binary', contentMediaType: 'application/json', description: 'The model file (Datagen JSON model format), uploaded as a file part. A text value is also accepted: a stored model\'s name or a model file path, as for model.' };
const testSeed: Json = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Gives the same row again; random when absent.', examples: [42] };
const credentialList = (description: string): Json => ({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description });
/** addCredentials' fields but the secret (content): the original's name, type, account, owner and replace, and the grants. */
const credentialFields: Json = {
  name: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'Its name.' },
  type: { type: 'string', enum: [...CREDENTIAL_TYPES], description: 'Case-insensitive.' },
  account: { type: 'string', maxLength: 256, description: 'The account it belongs to; required for KEYTAB, S3_ACCESS_KEY (the access key id) and PASSWORD (the user name).' },
  password: { type: 'string', description: 'KEYSTORE and TRUSTSTORE only: the store\'s password, kept secret with the content.' },
  owner: { type: 'string', description: 'Default: the caller. Only an admin may name another owner.' },
  replace: { type: 'string', enum: [...BOOLEAN_WORDS.true, ...BOOLEAN_WORDS.false], description: 'true replaces a credential of that name the caller administers; otherwise one that exists is a 409.' },
  users: credentialList('Users who may use it (repeated or comma-separated).'),
  groups: credentialList('Groups whose users may use it (repeated or comma-separated).'),
};
const MODEL_TEXT = 'A stored model\'s name, or the path of a .json model inside an allowed models directory (models/, <data dir>/models, DATAGEN_MODEL_DIRS).';
/** A named model; `example` is what "Try it out" pre-fills ("" sends nothing, so an uploaded file is used). */
const modelText = (example: string, more = ''): Json => str(`${MODEL_TEXT}${more}`, { examples: [example] });
const MODEL_WINS = ' Wins over model_file when both are given; may also be an uploaded file part.';

export function componentSchemas(): Record<string, Json> {
  const sinks = availableSinks();
  return {
    Error: closed(
      'Every 4xx and 5xx answer: the Datagen shape ({"commandUuid": "", "error": ...}) plus a machine-readable code.',
      {
        commandUuid: { const: '', description: 'Always empty in an error.' },
        error: str('What is wrong and where (parameter, model field path, ...).'),
        code: str('BAD_REQUEST, NOT_FOUND, CONFLICT, UNAUTHORIZED, FORBIDDEN, PAYLOAD_TOO_LARGE, INTERNAL, or an upload/body parser code (LIMIT_FILE_SIZE, BAD_MULTIPART, entity.parse.failed, ...).', { examples: ['BAD_REQUEST'] }),
        details: { type: 'object', description: 'Structured context, e.g. {"parameter": "rows", "value": "x"} or {"path": "Fields[3].type"}.' },
      },
      ['details'],
    ),
    DatasetRequest: {
      type: 'object',
      description: 'Several commands submitted together (docs/related-models.md). A foreign key (references.model) naming another entry, by its name or its model\'s model_name, takes that entry\'s model, seed, rows and batches; entries are submitted parents first, each waiting for its parents (after). The whole dataset is checked before anything is recorded.',
      required: ['commands'],
      additionalProperties: false,
      properties: {
        commands: {
          type: 'array', minItems: 1, maxItems: 16,
          items: {
            type: 'object', required: ['name', 'sink'], additionalProperties: false,
            properties: {
              name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'The entry\'s name, unique in the dataset: the answer\'s key, and what other entries\' references may name.' },
              sink: ref('ServiceName'),
              model: { type: 'object', description: 'The model inline (Datagen JSON model format); stored under its model_name like an upload to /datagen/{service}.' },
              model_name: { type: 'string', description: 'Instead of model: a stored model the caller may use, or a model file in an allowed models directory.' },
              rows: positive('Rows per batch.', { default: 20 }),
              batches: positive('Batches.', { default: 20 }),
              threads: positive('Batches in flight at once (at most 1000).', { default: 4, maximum: 1000 }),
              seed: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Makes the rows reproducible; a parent entry without one gets one drawn (its children use it).' },
              properties: { type: 'object', additionalProperties: { type: 'string' }, description: 'Settings for this command only, as extraProperties.' },
              credentials: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'Stored credentials the sink signs in with, as credentials=.' },
            },
          },
        },
        after: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 16 }], description: 'Commands every entry waits for, as after= of /datagen/{service}.' },
      },
    },
    DatasetSubmitted: closed('The answer to a dataset.', {
      commands: { type: 'object', additionalProperties: { type: 'string', format: 'uuid' }, description: 'Entry name → its command\'s uuid.' },
      order: { type: 'array', items: { type: 'string' }, description: 'The entries in the order they were submitted: parents first.' },
      warnings: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: 'Per entry, when its model loads but looks wrong.' },
    }, ['warnings']),
    Submitted: closed(
      'The answer to a generation request.',
      {
        commandUuid: uuid('The new command\'s uuid (a schedule\'s uuid when the request made a schedule).'),
        error: { const: '', description: 'Always empty on success.' },
        warnings: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Present when the model loads but looks wrong (an unknown key, a property its field type ignores); never blocking.' },
      },
      ['warnings'],
    ),
    ServiceName: { type: 'string', enum: sinks, description: `A sink this service runs. Other service names of the original (${KNOWN_SERVICES.filter((s) => !sinks.includes(s)).join(', ')}) answer 400 with the reason.` },
    CommandStatus: { type: 'string', enum: [...STATUSES], description: 'QUEUED → STARTING → RUNNING → FINISHED | FAILED | CANCELLED.' },
    ScheduleStatus: { type: 'string', enum: [...SCHEDULE_STATUSES], description: 'ACTIVE schedules start executions; a FAILED or CANCELLED execution PAUSES the schedule; /command/removeScheduled REMOVES it.' },
    StatusView: closed('A command\'s status: the original\'s fields (commandUuid, status, progress) plus more.', statusViewProperties, RATE_VIEW_FIELDS),
    ScheduleStatusView: closed('getCommandStatus of a schedule\'s uuid: the status of its latest execution, under the schedule\'s uuid.', {
      ...statusViewProperties,
      scheduleId: uuid('The schedule (the same as commandUuid).'),
      scheduleStatus: ref('ScheduleStatus'),
      executionUuid: { type: ['string', 'null'], format: 'uuid', description: 'The latest execution\'s command uuid; null before the first one.' },
    }, RATE_VIEW_FIELDS),
    CommandDetails: closed('Every recorded fact about a command. Secrets are never recorded, so never shown.', { ...statusViewProperties, ...detailProperties }, [...RATE_VIEW_FIELDS, 'faults', 'llm']),
    ScheduleExecution: closed('One execution of a schedule.', executionProperties),
    ScheduleView: closed('A recurring generation and its executions.', scheduleViewProperties),
    HistoryEvent: closed(
      'One stored event, in stream order.',
      {
        seq: int('Stream sequence of the event (usable as asOfSeq).', { minimum: 1 }),
        type: { type: 'string', enum: [...COMMAND_EVENT_TYPES, ...SCHEDULE_EVENT_TYPES], description: 'The event type (docs/events.md describes each data shape).' },
        at: dateTime('When it happened.'),
        data: { type: 'object', description: 'The event\'s data, secrets removed.' },
        actor: str('api, orchestrator, scheduler, or the worker id host:pid/slot.'),
      },
      ['actor'],
    ),
    History: closed(
      'A command\'s (or a schedule\'s) audit history.',
      {
        commandUuid: uuid('The uuid asked for.'),
        scheduleId: uuid('Present when the uuid is a schedule\'s: the events are the schedule\'s.'),
        events: { type: 'array', items: ref('HistoryEvent') },
      },
      ['scheduleId'],
    ),
    LiveEvent: closed(
      'The JSON in the data line of each Server-Sent Event of /command/events (the SSE event name is the event type, its id the stream sequence).',
      {
        seq: int('Stream sequence.', { minimum: 1 }),
        type: { type: 'string', enum: [...COMMAND_EVENT_TYPES] },
        at: dateTime('When it happened.'),
        commandUuid: uuid('The command.'),
        data: { type: 'object', description: 'The event\'s data (docs/events.md).' },
        status: ref('StatusView'),
      },
      ['status'],
    ),
    JsonValue: { type: ['string', 'number', 'boolean', 'null'] },
    TestRowResult: closed('One generated row of a model.', testRowProperties),
    ListedUser: closed('A user as /users/list shows it.', {
      username: str('The name.'),
      groups: { type: 'array', items: { type: 'string' }, description: 'Its groups; admin or viewer give the role.' },
      passwordEncoded: { const: '', description: 'Always empty, as the original answered.' },
      configured: { type: 'boolean', description: 'From DATAGEN_USERS / DATAGEN_USERS_FILE: read-only here.' },
    }),
    ListedCredential: closed('A stored credential as the lists show it: never its secret.', {
      name: str('Its name, which credentials= takes.'),
      id: uuid('Its id (new at each replace).'),
      type: { type: 'string', enum: [...CREDENTIAL_TYPES], description: 'What it is; docs/security.md says which model keys each type sets.' },
      accountAssociated: str('The account it belongs to (user, principal, access key id, storage account or project); not secret.'),
      encrypted: { const: true, description: 'Always true: the secret is stored sealed (AES-256-GCM).' },
      owner: str('Who added it (or whom an admin named).'),
      usersAuthorized: { type: 'array', items: { type: 'string' }, description: 'Users who may use it.' },
      groupsAuthorized: { type: 'array', items: { type: 'string' }, description: 'Groups whose users may use it.' },
      createdAt: dateTime('When it was added or last replaced.'),
    }),
    AddCredentialsMultipart: { type: 'object', description: 'A credential: the secret as the file part content (a keytab, a keystore, a key file) or a text field.', required: ['name', 'type', 'content'], properties: { ...credentialFields, content: { type: 'string', contentMediaType: 'application/octet-stream', description: 'The secret itself (a file part, or text). Never a path on the server.' } } },
    AddCredentialsForm: { type: 'object', description: 'A credential whose secret is text (a password, a token, a secret access key).', required: ['name', 'type', 'content'], properties: { ...credentialFields, content: str('The secret itself, as text.') } },
    ApiModel: closed('A model registered for the single-row API.', { modelId: str('The id GET /datagen/api/gen takes.') }),
    ApiRow: { type: 'object', description: 'One row: the columns sinks write, values as in TestRowResult.row.', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } },
    ModelFile: {
      type: 'object',
      description: 'A stored model in the Datagen JSON model format (Primary_Keys only when the model has some).',
      required: ['model_name', 'Fields', 'Table_Names', 'Options'],
      properties: {
        model_name: str('The model\'s name (its key in the model store).'),
        Fields: { type: 'array', items: { type: 'object', required: ['name', 'type'], properties: { name: { type: 'string' }, type: { type: 'string' }, ghost: { type: 'boolean' } } }, description: 'The fields, in output order, with their type-specific properties.' },
        Table_Names: stringMap('Sink targets (LOCAL_FILE_PATH, KAFKA_TOPIC, HBASE_TABLE_NAME, ...).'),
        Options: stringMap('Sink options.'),
        Primary_Keys: stringMap('Keys per sink (KAFKA_MSG_KEY, HBASE_PRIMARY_KEY, ...).'),
        Lifecycle: { type: 'object', description: 'Stateful entities written as a change stream or their latest state (docs/change-streams.md); only when the model has one.' },
      },
    },
    ReplayResult: closed('The read model rebuilt from the event stream up to one sequence, compared with the live one.', {
      seq: count('The stream sequence both views were compared at.'),
      events: count('Events replayed.'),
      commands: count('Commands in the rebuilt view.'),
      schedules: count('Schedules in the rebuilt view.'),
      byStatus: countsByStatus('Rebuilt commands by status.'),
      durationMs: count('Time the rebuild took.'),
      identical: { type: 'boolean', description: 'true when the rebuilt view equals the live one.' },
    }),
    MetricsSummary: {
      ...closed('The original\'s /api/v1/metrics/all keys (ALL_ROWS_GENERATED, GENERATIONS_MADE, <SINK>_ROWS_GENERATED, <SINK>_FILES_GENERATED for file sinks; a multipleconnectors command counted once), then a richer JSON summary of the Prometheus metrics. All derived from the event stream.', {
        ALL_ROWS_GENERATED: count('Rows generated, once per row whatever the number of sinks.'),
        GENERATIONS_MADE: count('Commands FINISHED.'),
        commands: countsByStatus('Commands by status.'),
        rowsBySink: countsBySink('Rows generated and written, by sink.'),
        batchesCompletedBySink: countsBySink('Batches written, by sink.'),
        batchesFailedBySink: countsBySink('Failed batch attempts, by sink.'),
      }),
      patternProperties: { '^[A-Z0-9_]+_(ROWS|FILES)_GENERATED$': count('Rows written to one sink (HDFS_PARQUET_ROWS_GENERATED), or files written by one file sink (CSV_FILES_GENERATED); every sink\'s key is present.') },
    },
    Health: closed('Whether the service can record work: NATS connected and JetStream answering.', {
      status: { enum: ['OK', 'DOWN'] },
      nats: { enum: ['connected', 'disconnected', 'closed'], description: 'The event store connection.' },
      jetstream: { enum: ['available', 'unavailable', 'unknown'], description: 'Whether JetStream answered an account-info request.' },
      reason: str('Why the service is DOWN.'),
    }, ['reason']),
    Liveness: closed('The process answers.', { status: { const: 'OK' } }),
    DashboardServices: closed('The sinks this deployment serves, for the dashboard\'s launch form.', { services: { type: 'array', items: ref('ServiceName') } }),
    DatagenMultipart: {
      type: 'object',
      description: 'Every field is optional except a model (model_file or model). Fields may also be given as query parameters; a body field wins.',
      properties: datagenFields(uploadedModel, modelText('', MODEL_WINS)),
      patternProperties: perKeyExtraProperties,
    },
    DatagenForm: {
      type: 'object',
      description: 'As the multipart body, with the model named (model_file or model as text) rather than uploaded.',
      properties: datagenFields(modelText(''), modelText('example-model', MODEL_WINS)),
      patternProperties: perKeyExtraProperties,
    },
    ModelUpload: {
      type: 'object',
      description: 'A model: uploaded as model_file (or model), or named as text (a stored model or a model file in an allowed directory).',
      properties: { model_file: uploadedModel, model: modelText('', MODEL_WINS) },
    },
    ModelReferenceForm: {
      type: 'object',
      description: 'A model named as text: a stored model, or a model file in an allowed models directory (model wins over model_file).',
      properties: { model_file: modelText('example-model'), model: modelText('', MODEL_WINS) },
    },
    ModelTestMultipart: {
      type: 'object',
      description: 'A model (uploaded or named) and an optional seed.',
      properties: { model_file: uploadedModel, model: modelText('', MODEL_WINS), seed: testSeed },
    },
    ModelTestForm: {
      type: 'object',
      description: 'A model named as text, and an optional seed.',
      properties: { model_file: modelText('example-model'), model: modelText('', MODEL_WINS), seed: testSeed },
    },
    OpenApiDocument: { type: 'object', description: 'This OpenAPI 3.1 document.', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' } } },
  };
}

/** Query (and form) parameters shared by several operations. */
export function componentParameters(): Record<string, Json> {
  return {
    commandUuid: { name: 'commandUuid', in: 'query', required: true, description: 'The command\'s uuid (or a schedule\'s).', schema: { type: 'string', format: 'uuid' } },
    asOfSeq: { name: 'asOfSeq', in: 'query', required: false, description: 'Answer the command as it was at this stream sequence (see /command/history), folded from its stored events.', schema: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } },
    status: { name: 'status', in: 'query', required: true, description: 'A command status (case-insensitive; STARTED is accepted for STARTING).', schema: { type: 'string', enum: [...STATUSES, 'STARTED'] } },
    model: { name: 'model', in: 'query', required: true, description: 'The stored model\'s name.', schema: { type: 'string', minLength: 1 } },
  };
}

const errorContent = (example: Json) => ({ 'application/json': { schema: ref('Error'), example: { commandUuid: '', ...example } } });

export function componentResponses(): Record<string, Json> {
  return {
    BadRequest: { description: 'Invalid input: a parameter, the model or a form part. The error says what and where.', content: errorContent({ error: 'parameter rows must be a positive integer, got "x"', code: 'BAD_REQUEST', details: { parameter: 'rows', value: 'x' } }) },
    NotFound: { description: 'No such command, schedule or model.', content: errorContent({ error: 'command 5c5b0dfb-a1f2-4e95-b76e-750e8d07aa92 not found', code: 'NOT_FOUND', details: { commandUuid: '5c5b0dfb-a1f2-4e95-b76e-750e8d07aa92' } }) },
    Conflict: { description: 'The command already ended.', content: errorContent({ error: 'command 5c5b0dfb-a1f2-4e95-b76e-750e8d07aa92 is already FINISHED and cannot be cancelled', code: 'CONFLICT' }) },
    OutputConflict: {
      description: 'A command that has not ended writes the same output files (same directory, prefix and format), or one of the two would delete the other\'s with DELETE_PREVIOUS: details.conflictingCommand names it.',
      content: errorContent({ error: 'command 5c5b0dfb-a1f2-4e95-b76e-750e8d07aa92 has not ended and writes /data/output/customers/customers*.json: this command would write or delete (DELETE_PREVIOUS) the same files; wait for it to end, cancel it, or give this command another Table_Names.LOCAL_FILE_NAME or LOCAL_FILE_PATH', code: 'CONFLICT', details: { conflictingCommand: '5c5b0dfb-a1f2-4e95-b76e-750e8d07aa92', output: '/data/output/customers/customers*.json' } }),
    },
    PayloadTooLarge: { description: 'An upload or the body is larger than DATAGEN_MAX_UPLOAD_BYTES (10 MB by default).', content: errorContent({ error: 'uploaded file "model_file" is larger than the limit of 10485760 bytes (DATAGEN_MAX_UPLOAD_BYTES)', code: 'LIMIT_FILE_SIZE' }) },
    Unauthorized: {
      description: 'Users are configured and the request has no valid HTTP Basic credentials.',
      headers: { 'WWW-Authenticate': { description: 'Basic realm="datagen", charset="UTF-8"', schema: { type: 'string' } } },
      content: errorContent({ error: 'authentication required (HTTP Basic)', code: 'UNAUTHORIZED' }),
    },
    Forbidden: { description: 'The user\'s role is too small for this operation (a viewer on a user or admin operation, a user on an admin one), or the caller may use the model but not change it.', content: errorContent({ error: 'user bob (role viewer) may not POST /datagen/json: user role required', code: 'FORBIDDEN' }) },
    ServiceUnavailable: { description: 'The event store (NATS JetStream) is unreachable: nothing was recorded; retry once /health/status answers OK. Also when model checks are saturated (more than DATAGEN_MODEL_CHECK_QUEUE waiting): retry shortly.', content: errorContent({ error: 'the event store (NATS JetStream) is unreachable; nothing was recorded, retry once /health/status answers OK', code: 'SERVICE_UNAVAILABLE', details: { dependency: 'nats' } }) },
    InternalError: { description: 'An unexpected failure (logged; internals are never shown).', content: errorContent({ error: 'internal error (see the service log)', code: 'INTERNAL' }) },
  };
}
