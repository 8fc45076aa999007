/**
 * The OpenAPI document's paths: every route the API registers, with its parameters, bodies, responses and the
 * role it needs (x-required-role: public, viewer, user or admin; admin ⊇ user ⊇ viewer). That role is what the service enforces: route-roles.ts
 * reads it for each registered route, and a route missing here is admin-only.
 * Paths are relative to the servers "/" and "/api/v1"; the dashboard's answer at "/" only.
 */
import { componentParameters, type Json, ref } from './schemas.js';

export type Role = 'public' | 'viewer' | 'user' | 'admin';

const param = (name: string): Json => ({ $ref: `#/components/parameters/${name}` });
const response = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Json, description: string): Json => ({ description, content: { 'application/json': { schema } } });
const arrayOf = (name: string): Json => ({ type: 'array', items: ref(name) });

interface OperationSpec {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  role: Role;
  parameters?: Json[];
  requestBody?: Json;
  /** Success and route-specific error responses; 401, 403 and 500 are added from the role. */
  responses: Record<string, Json>;
}

const ROLE_TEXT: Record<Role, string> = {
  public: 'Public: no credentials needed, even when users are configured.',
  viewer: 'Needs a user of any role (viewer, user or admin) when users are configured.',
  user: 'Needs a user with the user or admin role when users are configured (a viewer gets 403); per-model permissions apply (docs/security.md).',
  admin: 'Needs a user with the admin role when users are configured (a viewer gets 403).',
};

function operation(spec: OperationSpec, opts: { internalError?: boolean } = {}): Json {
  const responses: Record<string, Json> = { ...spec.responses };
  if (spec.role !== 'public') responses['401'] = response('Unauthorized');
  if (spec.role === 'admin' || spec.role === 'user') {
    responses['403'] = response('Forbidden');
    // Admin operations record something: refused while the event store is unreachable.
    responses['503'] = response('ServiceUnavailable');
  }
  if (opts.internalError !== false) responses['500'] = response('InternalError');
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: [spec.description, `**Role:** ${ROLE_TEXT[spec.role]}`].filter(Boolean).join('\n\n'),
    tags: spec.tags,
    'x-required-role': spec.role,
    ...(spec.role === 'public' ? { security: [] } : {}),
    ...(spec.parameters?.length ? { parameters: spec.parameters } : {}),
    ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** A command's uuid as a path segment (/command/{commandUuid}/output). */
const commandUuidInPath: Json = { name: 'commandUuid', in: 'path', required: true, description: 'The command.', schema: { type: 'string', format: 'uuid' } };

/** Body fields for the POST form of a /command/* read route: the same names as its query parameters. */
const USER_FIELDS: Record<string, Json> = {
  username: { type: 'string', description: '1 to 64 letters, digits or . _ @ -' },
  password: { type: 'string', minLength: 8, maxLength: 1024, description: 'Kept only as a scrypt hash.' },
  groups: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description: 'Repeated, a list or comma-separated: admin, user, viewer, or groups of your own.' },
};
const userFields = (names: string[]): Record<string, Json> => Object.fromEntries(names.map((n) => [n, USER_FIELDS[n]!]));

function commandFieldsBody(fields: Record<string, Json>): Json {
  const schema: Json = { type: 'object', properties: fields };
  return {
    required: false,
    description: 'The parameters may also come as URL-encoded form or JSON body fields (a body field wins over the same query parameter).',
    content: { 'application/x-www-form-urlencoded': { schema }, 'application/json': { schema } },
  };
}

/**
 * A /command/* read route, which answers GET and POST alike (`both(...)` in commands.ts). The GET form takes
 * query parameters; the POST form (the original's method) takes them from the query string or the body.
 */
function readBoth(
  name: string,
  spec: Omit<OperationSpec, 'operationId' | 'role' | 'requestBody' | 'parameters'> & { role?: Role; parameters?: string[]; fields?: Record<string, Json> },
): Record<'get' | 'post', Json> {
  const role = spec.role ?? 'viewer';
  const names = spec.parameters ?? [];
  const shared = componentParameters();
  const get = operation({ ...spec, role, operationId: name, parameters: names.length ? names.map(param) : undefined });
  const post = operation({
    ...spec,
    role,
    operationId: `${name}Post`,
    description: [spec.description, names.length ? 'The original\'s method: parameters in the query string (as in the seed page\'s curl) or in the body. A parameter the GET form requires is required here too, in one place or the other.' : 'The original\'s method.'].filter(Boolean).join('\n\n'),
    parameters: names.length ? names.map((n) => ({ ...shared[n], required: false })) : undefined,
    requestBody: names.length && spec.fields ? commandFieldsBody(spec.fields) : undefined,
  });
  return { get, post };
}

/** Body fields are text; "" (what "Try it out" pre-fills) is not sent, so the query parameter applies. */
const textField = (description: string, pattern?: string): Json => ({ type: 'string', description, ...(pattern ? { pattern } : {}), examples: [''] });
const UUID_OR_EMPTY = '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$';
const uuidField = textField('The command\'s uuid.', UUID_OR_EMPTY);
const asOfSeqField = textField('A stream sequence (see /command/history).', '^\\d{0,15}$');

export function openApiPaths(): Record<string, Json> {
  const statusOrSchedule: Json = { anyOf: [ref('StatusView'), ref('ScheduleStatusView')] };
  const detailsOrSchedule: Json = { anyOf: [ref('CommandDetails'), ref('ScheduleView')] };
  const uploadBody = (schema: string, form: string, description: string): Json => ({
    required: false,
    description,
    content: {
      'multipart/form-data': { schema: ref(schema), encoding: { model_file: { contentType: 'application/json, text/plain' } } },
      'application/x-www-form-urlencoded': { schema: ref(form) },
    },
  });

  return {
    '/datagen/{service}': {
      post: operation({
        operationId: 'datagen',
        summary: 'Launch a generation (or a recurring schedule)',
        description:
          'Validates the request, records the command and answers its uuid at once; follow it with /command/getCommandStatus or /command/events. ' +
          'Parameters come as multipart fields (the seed page\'s curl), URL-encoded form fields or query parameters. ' +
          'With delay_between_executions_seconds (and scheduled not false) the request makes a schedule, whose uuid is answered. ' +
          'A stored model is used only by whoever may use it (otherwise it is not found). An uploaded model is stored under its model_name with the caller as owner (a model of that name the caller may not change: 409, nothing stored or recorded; one they may change is replaced, keeping its access list).',
        tags: ['generation'],
        role: 'user',
        parameters: [{ name: 'service', in: 'path', required: true, description: 'The sink. Service names of the original this deployment does not serve answer 400.', schema: ref('ServiceName') }],
        requestBody: uploadBody('DatagenMultipart', 'DatagenForm', 'The generation parameters and the model. A model (model_file or model) is required, here or in the query string.'),
        responses: {
          '200': json(ref('Submitted'), 'Accepted: the command (or schedule) exists from now on.'),
          '400': response('BadRequest'),
          '409': json(ref('Error'), 'The output files are those of a command that has not ended (details.conflictingCommand names it), or the uploaded model\'s name is a stored model the caller may not change.'),
          '413': response('PayloadTooLarge'),
        },
      }),
    },

    '/datagen/dataset': {
      post: operation({
        operationId: 'datagenDataset',
        summary: 'Launch several related generations (a dataset), parents first',
        description:
          'A JSON body of commands (docs/related-models.md). Each entry is checked as /datagen/{service} checks a request (errors name commands[i]); a foreign key naming another entry resolves to it; ' +
          'entries are recorded parents first, each child waiting (after) until its parents FINISHED, so a streaming consumer sees parents before children. A cycle, a bad entry or an unknown after is a 400 and nothing is recorded.',
        tags: ['generation'],
        role: 'user',
        parameters: [{ name: 'after', in: 'query', required: false, description: 'Commands every entry waits for (comma-separated or repeated), as after= of /datagen/{service}.', schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('DatasetRequest') } } },
        responses: {
          '200': json(ref('DatasetSubmitted'), 'Accepted: every entry\'s command exists from now on.'),
          '400': response('BadRequest'),
          '409': json(ref('Error'), 'An entry\'s output files are those of a command that has not ended, or an uploaded model\'s name is a stored model the caller may not change.'),
          '413': response('PayloadTooLarge'),
        },
      }),
    },

    '/datagen/api': {
      post: operation({
        operationId: 'registerApiModel',
        summary: 'Register a model for the single-row API',
        description: 'The original\'s API mode. An uploaded model is stored under its model_name (as /model_store/add does, with the same permissions); a named model must resolve, compile and be one the caller may use. Answers the modelId GET /datagen/api/gen takes.',
        tags: ['generation'],
        role: 'user',
        requestBody: uploadBody('ModelUpload', 'ModelReferenceForm', 'The model, uploaded or named.'),
        responses: {
          '200': json(ref('ApiModel'), 'The model\'s id.'),
          '400': response('BadRequest'),
          '409': json(ref('Error'), 'A model of that name is stored and the caller may not change it.'),
          '413': response('PayloadTooLarge'),
          '503': json(ref('Error'), 'Model checks are saturated: retry shortly.'),
        },
      }),
    },
    '/datagen/api/gen': {
      get: operation({
        operationId: 'apiRows',
        summary: 'Rows of a registered model, at once',
        description:
          'Without rows: one row, as the row object (the original\'s answer). With rows=N (at most 1000): an array of N rows. Ghost fields are left out, as sinks leave them out; values as /model/test gives them. ' +
          'Generated on a model-check thread within the /model/test limits, the model compiled once per thread. The seed used is in X-Datagen-Seed; seed= gives the same rows again.',
        tags: ['generation'],
        role: 'viewer',
        parameters: [
          { name: 'modelId', in: 'query', required: true, description: 'What POST /datagen/api answered, or the name of a stored model the caller may use.', schema: { type: 'string' } },
          { name: 'rows', in: 'query', required: false, description: 'How many rows (1 to 1000); given, the answer is an array.', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          { name: 'seed', in: 'query', required: false, description: 'Gives the same rows again.', schema: { type: 'integer', minimum: 0 } },
        ],
        responses: {
          '200': {
            description: 'The row, or the rows.',
            headers: { 'X-Datagen-Seed': { description: 'The seed used.', schema: { type: 'string' } } },
            content: { 'application/json': { schema: { oneOf: [ref('ApiRow'), { type: 'array', items: ref('ApiRow') }] } } },
          },
          '400': response('BadRequest'),
          '503': json(ref('Error'), 'Model checks are saturated: retry shortly.'),
        },
      }),
    },

    '/command/getCommandStatus': readBoth('getCommandStatus', {
      summary: 'A command\'s status',
      description: 'For a schedule\'s uuid: the status of its latest execution, under the schedule\'s uuid. With asOfSeq: the command as it was at that stream sequence.',
      tags: ['commands'],
      parameters: ['commandUuid', 'asOfSeq'],
      fields: { commandUuid: uuidField, asOfSeq: asOfSeqField },
      responses: { '200': json(statusOrSchedule, 'The status.'), '400': response('BadRequest'), '404': response('NotFound') },
    }),
    '/command/get': readBoth('getCommand', {
      summary: 'Everything about a command',
      description: 'Seed, owner, model hash and extraProperties (secrets removed) besides the status; a schedule\'s uuid answers the schedule. With asOfSeq: the command as it was at that stream sequence.',
      tags: ['commands'],
      parameters: ['commandUuid', 'asOfSeq'],
      fields: { commandUuid: uuidField, asOfSeq: asOfSeqField },
      responses: { '200': json(detailsOrSchedule, 'The command (or schedule).'), '400': response('BadRequest'), '404': response('NotFound') },
    }),
    '/command/getAll': readBoth('getAllCommands', {
      summary: 'Every command\'s status',
      tags: ['commands'],
      responses: { '200': json(arrayOf('StatusView'), 'Every command, oldest first.') },
    }),
    '/command/getByStatus': readBoth('getCommandsByStatus', {
      summary: 'The commands in one status',
      tags: ['commands'],
      parameters: ['status'],
      fields: { status: textField('A command status (case-insensitive); empty: the query parameter applies.', '^([A-Za-z]+)?$') },
      responses: { '200': json(arrayOf('StatusView'), 'The commands in that status.'), '400': response('BadRequest') },
    }),
    '/command/history': readBoth('getCommandHistory', {
      summary: 'A command\'s events, in order',
      description: 'The audit history from the event stream (a schedule\'s uuid answers the schedule\'s events). Each event\'s seq can be passed as asOfSeq to /command/get.',
      tags: ['commands'],
      parameters: ['commandUuid'],
      fields: { commandUuid: uuidField },
      responses: { '200': json(ref('History'), 'The events.'), '400': response('BadRequest'), '404': response('NotFound') },
    }),
    '/command/events': {
      get: operation({
        operationId: 'streamCommandEvents',
        summary: 'Live events (Server-Sent Events)',
        description:
          'With commandUuid: the command\'s past events, then live ones; the stream ends after its terminal event. Without: every command\'s events as they happen, until the client leaves. ' +
          'Each message is `id: <seq>`, `event: <type>`, `data: <LiveEvent JSON>` (schema LiveEvent); comment lines (": keepalive") come every 15 s.',
        tags: ['commands'],
        role: 'viewer',
        parameters: [{ ...componentParameters().commandUuid, required: false, description: 'Follow one command; absent: all commands.' }],
        responses: {
          '200': {
            description: 'An event stream.',
            content: {
              'text/event-stream': {
                schema: { type: 'string', description: 'Server-Sent Events; the data of each is a LiveEvent.' },
                example: 'id: 12\nevent: finished\ndata: {"seq":12,"type":"finished","at":"2026-11-28T15:00:00.000Z","commandUuid":"5c5b0dfb-a1f2-4e95-b76e-750e8d07aa92","data":{"rows":1},"status":{"commandUuid":"5c5b0dfb-a1f2-4e95-b76e-750e8d07aa92","status":"FINISHED"}}\n\n',
              },
            },
            'x-event-data-schema': ref('LiveEvent'),
          },
          '400': response('BadRequest'),
          '404': response('NotFound'),
        },
      }),
    },
    '/command/cancel': {
      post: operation({
        operationId: 'cancelCommand',
        summary: 'Cancel a command',
        description: 'Records the request; batches in flight finish, no new one starts, and the command ends CANCELLED. Answers the status once the request is recorded. A schedule is stopped with /command/removeScheduled instead. A user may cancel their own commands only (403 for another\'s); an admin any.',
        tags: ['commands'],
        role: 'user',
        parameters: [param('commandUuid')],
        responses: {
          '200': json(ref('StatusView'), 'The status after the request was recorded.'),
          '400': response('BadRequest'),
          '404': response('NotFound'),
          '409': response('Conflict'),
        },
      }),
    },
    '/command/getAllScheduled': readBoth('getAllScheduled', {
      summary: 'Every schedule',
      description: 'Active and paused schedules with every execution\'s status (removed ones are left out).',
      tags: ['schedules'],
      responses: { '200': json(arrayOf('ScheduleView'), 'The schedules.') },
    }),
    '/command/getScheduled': readBoth('getScheduled', {
      summary: 'Every schedule (alias of getAllScheduled)',
      tags: ['schedules'],
      responses: { '200': json(arrayOf('ScheduleView'), 'The schedules.') },
    }),
    '/command/removeScheduled': {
      post: readBoth('removeScheduled', {
        role: 'user',
        summary: 'Remove a schedule',
        description: 'POST only, since it changes state. No further execution starts; a running execution is not cancelled (use /command/cancel). Removing a removed schedule answers it again. A user may remove their own schedules only (403 for another\'s); an admin any.',
        tags: ['schedules'],
        parameters: ['commandUuid'],
        fields: { commandUuid: textField('The schedule\'s uuid.', UUID_OR_EMPTY) },
        responses: { '200': json(ref('ScheduleView'), 'The schedule, REMOVED.'), '400': response('BadRequest'), '404': response('NotFound') },
      }).post,
    },

    '/command/{commandUuid}/output': {
      get: operation({
        operationId: 'downloadCommandOutput',
        summary: 'A zip of the local files a command wrote',
        description:
          'The files its batch-completed events recorded (json, csv, avro, parquet and orc sinks; a multipleconnectors command: each local sink\'s), as entries named by their base names, streamed. ' +
          'Only those files, and only while they are inside the output directories (DATAGEN_OUTPUT_ROOTS) and regular files; nothing in the request names a path. ' +
          'A later command writing the same names replaces them on disk, and then its content is what is served.',
        tags: ['commands'],
        role: 'viewer',
        parameters: [commandUuidInPath],
        responses: {
          '200': { description: 'A zip archive.', content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } } },
          '400': response('BadRequest'),
          '404': response('NotFound'),
        },
      }),
    },
    '/command/{commandUuid}/output/preview': {
      get: operation({
        operationId: 'previewCommandOutput',
        summary: 'The first lines of a command\'s first csv or json file',
        description: 'The same files as /command/{commandUuid}/output; a CSV header counts as a line. At most 1 MiB is read. A command with no csv or json file answers 400.',
        tags: ['commands'],
        role: 'viewer',
        parameters: [
          commandUuidInPath,
          { name: 'lines', in: 'query', required: false, description: 'How many lines (1 to 1000; default 20).', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        ],
        responses: {
          '200': json(
            {
              type: 'object',
              additionalProperties: false,
              required: ['commandUuid', 'file', 'lines', 'truncated'],
              properties: {
                commandUuid: { type: 'string', format: 'uuid' },
                file: { type: 'string', description: 'The file\'s base name (its entry name in the zip).' },
                lines: { type: 'array', items: { type: 'string' } },
                truncated: { type: 'boolean', description: 'More lines follow.' },
              },
            },
            'The first lines.',
          ),
          '400': response('BadRequest'),
          '404': response('NotFound'),
        },
      }),
    },

    '/model_store/add': {
      post: operation({
        operationId: 'addModel',
        summary: 'Store a model',
        description: 'Stores the model under its model_name and answers the name, as plain text. A new name is owned by the caller; a stored model is replaced only by whoever may change it (its owner, admin users and groups, the service\'s admins), keeping its access list.',
        tags: ['model store'],
        role: 'user',
        requestBody: uploadBody('ModelUpload', 'ModelReferenceForm', 'The model, uploaded or named.'),
        responses: {
          '200': { description: 'The stored model\'s name.', content: { 'text/plain': { schema: { type: 'string' }, example: 'example-model' } } },
          '400': response('BadRequest'),
          '409': json(ref('Error'), 'A model of that name is stored and the caller may not change it: nothing was stored.'),
          '413': response('PayloadTooLarge'),
        },
      }),
    },
    '/model_store/list': {
      get: operation({
        operationId: 'listModels',
        summary: 'Stored models\' names',
        description: 'The models the caller may use (all of them for the service\'s admins).',
        tags: ['model store'],
        role: 'viewer',
        responses: { '200': json({ type: 'array', items: { type: 'string' } }, 'The names.') },
      }),
    },
    '/model_store/get': {
      get: operation({
        operationId: 'getModel',
        summary: 'A stored model, in the Datagen model format',
        description: 'Secret values (credentials in Table_Names, Options or a field, passwords in URLs) are shown as ******** to every role. A model the caller may not use is a 404, as no model.',
        tags: ['model store'],
        role: 'viewer',
        parameters: [param('model')],
        responses: { '200': json(ref('ModelFile'), 'The model.'), '400': response('BadRequest'), '404': response('NotFound') },
      }),
    },
    '/model_store/delete': {
      delete: operation({
        operationId: 'deleteModel',
        summary: 'Delete a stored model',
        description: 'Answers true when the model was deleted, false when there was none or the caller may not use it (the original answered the opposite). A model the caller may use but not change is a 403.',
        tags: ['model store'],
        role: 'user',
        parameters: [param('model')],
        responses: { '200': json({ type: 'boolean' }, 'Whether a model was deleted.'), '400': response('BadRequest') },
      }),
    },
    ...modelPermissionPaths(),
    '/model/test': {
      post: operation({
        operationId: 'testModel',
        summary: 'One generated row of a model',
        description: 'Generates one row of an uploaded model or of a stored model the caller may use, ghost fields included and named; nothing is stored or written (an upload never reaches the model store). The row is generated on a model-check thread with a memory limit (DATAGEN_MODEL_TEST_HEAP_MB) and a time budget (DATAGEN_MODEL_TEST_TIMEOUT_MS): a model that exceeds them is a 400 saying which.',
        tags: ['model store'],
        role: 'viewer',
        requestBody: uploadBody('ModelTestMultipart', 'ModelTestForm', 'The model, uploaded or named, and an optional seed.'),
        responses: {
          '200': json(ref('TestRowResult'), 'The row.'),
          '400': response('BadRequest'),
          '413': response('PayloadTooLarge'),
          '503': json(ref('Error'), 'Model checks are saturated (more than DATAGEN_MODEL_CHECK_QUEUE waiting for a thread): retry shortly.'),
        },
      }),
    },
    '/model/preview': {
      post: operation({
        operationId: 'previewModel',
        summary: 'The first 20 rows of a model',
        description: 'The dashboard builder\'s live preview: 20 rows (the columns sinks write) of an uploaded model or of a stored model the caller may use, generated as /model/test\'s row is, on a model-check thread within the same limits; nothing is stored. The same seed gives the same rows. Warnings come with their location (path: "Fields[1].lenght"); an invalid model is a 400 whose details.path says where.',
        tags: ['model store'],
        role: 'viewer',
        requestBody: uploadBody('ModelTestMultipart', 'ModelTestForm', 'The model, uploaded or named, and an optional seed.'),
        responses: {
          '200': json({
            type: 'object',
            required: ['model', 'rows', 'seed', 'warnings'],
            properties: {
              model: { type: 'string' },
              rows: { type: 'array', maxItems: 20, items: { type: 'object' } },
              seed: { type: 'integer' },
              warnings: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            },
          }, 'The rows.'),
          '400': response('BadRequest'),
          '413': response('PayloadTooLarge'),
          '503': json(ref('Error'), 'Model checks are saturated: retry shortly.'),
        },
      }),
    },
    '/model/catalog': {
      get: operation({
        operationId: 'modelCatalog',
        summary: 'Field types, properties and sink keys, with their help',
        description: 'What a model may say, from the definitions the parser validates with (src/model/catalog.ts): each field type with the properties it reads, each property\'s value kind and help, and each sink family\'s Table_Names and Options keys (with an option\'s value kind).',
        tags: ['model store'],
        role: 'viewer',
        responses: {
          '200': json({
            type: 'object',
            required: ['types', 'properties', 'sinks'],
            properties: { types: { type: 'array', items: { type: 'object' } }, properties: { type: 'array', items: { type: 'object' } }, sinks: { type: 'array', items: { type: 'object' } } },
          }, 'The catalog.'),
        },
      }),
    },

    '/users/me': {
      get: operation({
        operationId: 'currentUser',
        summary: 'The caller: name and role',
        description: 'What the dashboard shows and which controls it offers (a viewer gets none that write). An open service (no users) answers the anonymous admin.',
        tags: ['users'],
        role: 'viewer',
        responses: {
          '200': json({ type: 'object', required: ['name', 'role'], additionalProperties: false, properties: { name: { type: 'string' }, role: { type: 'string', enum: ['viewer', 'user', 'admin'] } } }, 'The caller.'),
        },
      }),
    },
    '/users/list': {
      get: operation({
        operationId: 'listUsers',
        summary: 'Users: configured and stored',
        description: 'Every user with its groups, as the original listed them (passwordEncoded always ""); configured: true for the users of DATAGEN_USERS / DATAGEN_USERS_FILE, which only the configuration changes.',
        tags: ['users'],
        role: 'admin',
        responses: { '200': json({ type: 'array', items: ref('ListedUser') }, 'The users.') },
      }),
    },
    '/users/add': {
      post: operation({
        operationId: 'addUser',
        summary: 'Add a stored user',
        description: 'The groups "admin", "user" and "viewer" give the roles (none of them: viewer); the name "anonymous" is reserved. The password is kept as a scrypt hash. While no user exists the first one must be in group admin. A user of that name that exists is a 409.',
        tags: ['users'],
        role: 'admin',
        requestBody: commandFieldsBody(userFields(['username', 'password', 'groups'])),
        responses: { '200': json({ const: true }, 'Added.'), '400': response('BadRequest'), '409': json(ref('Error'), 'The user exists.') },
      }),
    },
    '/users/add_groups': {
      post: operation({
        operationId: 'addUserGroups',
        summary: 'Add groups to a stored user',
        tags: ['users'],
        role: 'admin',
        requestBody: commandFieldsBody(userFields(['username', 'groups'])),
        responses: { '200': json({ const: true }, 'Added.'), '400': response('BadRequest'), '404': response('NotFound') },
      }),
    },
    '/users/update_password': {
      post: operation({
        operationId: 'updateUserPassword',
        summary: 'Change a stored user\'s password',
        description: 'An admin changes anyone\'s; any other signed-in user only their own (403 otherwise).',
        tags: ['users'],
        role: 'viewer',
        requestBody: commandFieldsBody(userFields(['username', 'password'])),
        responses: { '200': json({ const: true }, 'Changed.'), '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') },
      }),
    },
    '/users/delete': {
      delete: operation({
        operationId: 'deleteUser',
        summary: 'Delete a stored user',
        description: 'Answers true when the user was deleted, false when there was none. The last admin cannot be deleted while no configured admin exists.',
        tags: ['users'],
        role: 'admin',
        parameters: [{ name: 'username', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': json({ type: 'boolean' }, 'Whether a user was deleted.'), '400': response('BadRequest') },
      }),
    },

    '/credentials/listCredentials': {
      get: operation({
        operationId: 'listCredentials',
        summary: 'Credentials the caller may use',
        description: 'The original\'s Credentials objects, without their secret: a secret is never answered back to anyone. Admins see every credential; other users those they own or are granted (usersAuthorized, groupsAuthorized).',
        tags: ['credentials'],
        role: 'viewer',
        responses: { '200': json(arrayOf('ListedCredential'), 'The credentials.') },
      }),
    },
    '/credentials/listCredentialsForUser': {
      get: operation({
        operationId: 'listCredentialsForUser',
        summary: 'Credentials owned by a user',
        description: 'Among the credentials the caller may use, those whose owner is user.',
        tags: ['credentials'],
        role: 'viewer',
        parameters: [{ name: 'user', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': json(arrayOf('ListedCredential'), 'The credentials.'), '400': response('BadRequest') },
      }),
    },
    '/credentials/addCredentials': {
      post: operation({
        operationId: 'addCredentials',
        summary: 'Store a credential',
        description: 'The secret comes in the request (the file part content, or a content field), never as a path on the server; it is sealed with AES-256-GCM under DATAGEN_CREDENTIALS_KEY before it is stored (503 when no key is configured). The caller owns it and may share it with users and groups. A command uses it with credentials=<name>, which sets the model keys of its type (docs/security.md). A name that exists is a 409 unless replace=true and the caller administers it.',
        tags: ['credentials'],
        role: 'user',
        requestBody: {
          required: true,
          description: 'The credential.',
          content: {
            'multipart/form-data': { schema: ref('AddCredentialsMultipart'), encoding: { content: { contentType: 'application/octet-stream, text/plain' } } },
            'application/x-www-form-urlencoded': { schema: ref('AddCredentialsForm') },
            'application/json': { schema: ref('AddCredentialsForm') },
          },
        },
        responses: {
          '200': json(ref('ListedCredential'), 'Stored; its secret is not in the answer.'),
          '400': response('BadRequest'),
          '409': json(ref('Error'), 'A credential of that name exists (replace=true replaces it).'),
          '413': response('PayloadTooLarge'),
        },
      }),
    },
    '/credentials/removeCredentials': {
      delete: operation({
        operationId: 'removeCredentials',
        summary: 'Remove a credential',
        description: 'true when removed, false when there is no credential of that name the caller may use; one they may use but not administer is a 403. Commands queued with it fail when they reach a batch.',
        tags: ['credentials'],
        role: 'user',
        parameters: [{ name: 'credName', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': json({ type: 'boolean' }, 'Whether a credential was removed.'), '400': response('BadRequest') },
      }),
    },

    '/admin/replay': {
      post: operation({
        operationId: 'replayReadModel',
        summary: 'Rebuild the read model from the event stream and compare',
        description: 'Rebuilds the status views from the stored events up to the live view\'s sequence and says whether both are identical. Changes nothing.',
        tags: ['admin'],
        role: 'admin',
        responses: { '200': json(ref('ReplayResult'), 'The comparison.') },
      }),
    },

    ...Object.fromEntries(['csv', 'json', 'avro', 'parquet', 'orc'].map((format) => [`/model_generation/${format}`, {
      post: operation({
        operationId: `modelGeneration${format[0]!.toUpperCase()}${format.slice(1)}`,
        summary: `A model built from a local ${format === 'json' ? 'JSON Lines' : format.toUpperCase()} file`,
        description: 'Samples the file\'s first sample_rows records, infers each column\'s type, range, weighted values (few distinct values), length or shape, and recognises UUIDs, IPs, e-mails, phones (with their countries), names, cities and countries (docs/model-analysis.md). ' +
            'The model is stored under the file\'s base name (a name taken gets the original\'s suffix -dd-MM-yyyy_HH-mm-ss) with the caller as owner, and answered. ' +
            'The file must lie inside the models or data directory (not in the service\'s own state). Parameters may also come in the query string.',
        tags: ['model store'],
        role: 'admin',
        requestBody: commandFieldsBody({
          filepath: { type: 'string', description: 'The file: absolute, or relative to the models or data directory.' },
          sample_rows: { type: 'integer', minimum: 1, maximum: 1000000, description: 'Records read (default 10000).' },
          deep_analysis: { type: 'boolean', description: 'The original\'s parameter, accepted and ignored: the analysis is always complete.' },
        }),
        responses: { '200': json(ref('ModelFile'), 'The stored model.'), '400': response('BadRequest') },
      }),
    }])),

    ...Object.fromEntries(([['postgresql', 'PostgreSQL', 'POSTGRESQL_*', 'schema', 'The schema (default public).'], ['mysql', 'MySQL or MariaDB', 'MYSQL_*', 'database', 'The database (default MYSQL_DATABASE, the URL\'s, else datagen).']] as const).map(([name, title, settings, namespace, namespaceText]) => [`/model_generation/${name}`, {
      post: operation({
        operationId: `modelGeneration${title.split(' ')[0]}`,
        summary: `A model built from a ${title} table`,
        description: `Samples the table's first sample_rows rows on the server the service's ${settings} settings name, with the column types information_schema declares as hints, and infers the model as for a file (docs/model-analysis.md). ` +
          'Stored under the table\'s name (a name taken gets the suffix -dd-MM-yyyy_HH-mm-ss) with the caller as owner, and answered. Parameters may also come in the query string.',
        tags: ['model store'],
        role: 'admin',
        requestBody: commandFieldsBody({
          table: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}$', description: 'The table.' },
          [namespace]: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}$', description: namespaceText },
          sample_rows: { type: 'integer', minimum: 1, maximum: 1000000, description: 'Rows read (default 10000).' },
          deep_analysis: { type: 'boolean', description: 'The original\'s parameter, accepted and ignored.' },
        }),
        responses: {
          '200': json(ref('ModelFile'), 'The stored model.'),
          '400': response('BadRequest'),
          '404': response('NotFound'),
          '502': json(ref('Error'), 'The server refused or failed (the message names it and the table, never the credentials).'),
        },
      }),
    }])),

    '/model_generation/kafka': {
      post: operation({
        operationId: 'modelGenerationKafka',
        summary: 'A model built from a Kafka topic\'s newest records',
        description: 'Reads the topic\'s newest sample_rows records (the same share from each partition) on the brokers the service\'s KAFKA_* settings name, TLS and SASL included. A JSON object value is a record of its keys; any other value is a column "value" (and "key"). The model is inferred as for a file (docs/model-analysis.md), stored under the topic\'s name with the caller as owner, and answered.',
        tags: ['model store'],
        role: 'admin',
        requestBody: commandFieldsBody({
          topic: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,249}$', description: 'The topic.' },
          sample_rows: { type: 'integer', minimum: 1, maximum: 1000000, description: 'Records read (default 10000).' },
          deep_analysis: { type: 'boolean', description: 'The original\'s parameter, accepted and ignored.' },
        }),
        responses: {
          '200': json(ref('ModelFile'), 'The stored model.'),
          '400': response('BadRequest'),
          '404': response('NotFound'),
          '502': json(ref('Error'), 'The brokers refused or failed (the message names them and the topic, never the credentials).'),
        },
      }),
    },

    '/model_generation/hbase': {
      post: operation({
        operationId: 'modelGenerationHbase',
        summary: 'A model built from an HBase table',
        description: 'Scans the table\'s first sample_rows rows through the REST gateway the service\'s HBASE_REST_URL names. Each family:qualifier is a column (named by its qualifier when unique), decoded alike by what its first cells fit: one byte 0x00/0xFF a boolean, printable UTF-8 a text, 4 bytes an int or a float, 8 bytes a long (the encoding of the HBase sink and the original); the row key is left out. The model is inferred as for a file (docs/model-analysis.md), stored under the table\'s name with the caller as owner, and answered.',
        tags: ['model store'],
        role: 'admin',
        requestBody: commandFieldsBody({
          table: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$', description: 'The table.' },
          namespace: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*$', description: 'The namespace (default: default).' },
          sample_rows: { type: 'integer', minimum: 1, maximum: 1000000, description: 'Rows read (default 10000).' },
          deep_analysis: { type: 'boolean', description: 'The original\'s parameter, accepted and ignored.' },
        }),
        responses: {
          '200': json(ref('ModelFile'), 'The stored model.'),
          '400': response('BadRequest'),
          '404': response('NotFound'),
          '502': json(ref('Error'), 'The gateway refused or failed (the message names it and the table).'),
        },
      }),
    },

    '/model_generation/hive': {
      post: operation({
        operationId: 'modelGenerationHive',
        summary: 'A model built from a Hive table',
        description: 'Reads the table\'s first sample_rows rows through the HiveServer2 the service\'s HIVE_URL names (the sink\'s user), with the column types DESCRIBE declares as hints, and infers the model as for a file (docs/model-analysis.md). Stored under the table\'s name with the caller as owner, and answered.',
        tags: ['model store'],
        role: 'admin',
        requestBody: commandFieldsBody({
          database: { type: 'string', pattern: '^[A-Za-z0-9_]{1,128}$', description: 'The database (default HIVE_DATABASE, else datagen).' },
          table: { type: 'string', pattern: '^[A-Za-z0-9_]{1,128}$', description: 'The table.' },
          sample_rows: { type: 'integer', minimum: 1, maximum: 1000000, description: 'Rows read (default 10000).' },
          deep_analysis: { type: 'boolean', description: 'The original\'s parameter, accepted and ignored.' },
        }),
        responses: {
          '200': json(ref('ModelFile'), 'The stored model.'),
          '400': response('BadRequest'),
          '404': response('NotFound'),
          '502': json(ref('Error'), 'HiveServer2 refused or failed (the message names it and the table, never the credentials).'),
        },
      }),
    },

    ...Object.fromEntries((['hdfs', 's3', 'adls', 'gcs'] as const).flatMap((store) => ['csv', 'json', 'avro', 'parquet', 'orc'].map((format) => [`/model_generation/${store}-${format}`, {
      post: operation({
        operationId: `modelGeneration${store[0]!.toUpperCase()}${store.slice(1)}${format[0]!.toUpperCase()}${format.slice(1)}`,
        summary: `A model built from a ${format === 'json' ? 'JSON Lines' : format.toUpperCase()} file on ${store === 'hdfs' ? 'HDFS' : store.toUpperCase()}`,
        description: `Reads the file through the destination the ${store}_${format} sink writes with, connected by the service's own settings, and infers the model as for a local file (docs/model-analysis.md). ` +
            `${store === 'hdfs' ? 'filepath is the absolute HDFS path' : 'bucket (the container on ADLS) and key name the object'}; a "." or ".." part is refused. Stored under the file's base name with the caller as owner, and answered.`,
        tags: ['model store'],
        role: 'admin',
        requestBody: commandFieldsBody({
          ...(store === 'hdfs'
            ? { filepath: { type: 'string', description: 'The absolute HDFS path of the file.' } }
            : { bucket: { type: 'string', description: store === 'adls' ? 'The container.' : 'The bucket.' }, key: { type: 'string', description: 'The object\'s key.' } }),
          sample_rows: { type: 'integer', minimum: 1, maximum: 1000000, description: 'Records read (default 10000).' },
          deep_analysis: { type: 'boolean', description: 'The original\'s parameter, accepted and ignored.' },
        }),
        responses: {
          '200': json(ref('ModelFile'), 'The stored model.'),
          '400': response('BadRequest'),
          '404': response('NotFound'),
          '502': json(ref('Error'), 'The store refused or failed (the message names the file, never the credentials).'),
        },
      }),
    }]))),

    '/metrics': {
      get: operation({
        operationId: 'prometheusMetrics',
        summary: 'Prometheus metrics',
        description: 'datagen_rows_generated_total{sink}, datagen_batches_total{sink,outcome}, datagen_batch_duration_seconds{sink} (histogram), datagen_commands{status}, and process metrics (datagen_process_*). Derived from the event stream: every API process reports the whole deployment.',
        tags: ['metrics'],
        role: 'public',
        responses: {
          '200': { description: 'The Prometheus text exposition format (text/plain; version=0.0.4).', content: { 'text/plain': { schema: { type: 'string' }, example: 'datagen_rows_generated_total{sink="json"} 400\n' } } },
        },
      }),
    },
    '/metrics/all': {
      get: operation({
        operationId: 'metricsSummary',
        summary: 'Metrics summary (JSON)',
        tags: ['metrics'],
        role: 'public',
        responses: { '200': json(ref('MetricsSummary'), 'The summary.') },
      }),
    },
    '/health/status': {
      get: operation(
        {
          operationId: 'health',
          summary: 'Health: can the service record work?',
          description: '200 when NATS is connected and JetStream answers; 503 with the reason otherwise (new commands are refused with 503 meanwhile).',
          tags: ['health'],
          role: 'public',
          responses: { '200': json(ref('Health'), 'The service can record work.'), '503': json(ref('Health'), 'The event store is unreachable: the reason says why.') },
        },
        { internalError: false },
      ),
    },
    '/health/ready': {
      get: operation(
        { operationId: 'healthReady', summary: 'Readiness (the same answer as /health/status)', tags: ['health'], role: 'public', responses: { '200': json(ref('Health'), 'Ready.'), '503': json(ref('Health'), 'Not ready: the reason says why.') } },
        { internalError: false },
      ),
    },
    '/health/live': {
      get: operation(
        { operationId: 'healthLive', summary: 'Liveness: the process answers', tags: ['health'], role: 'public', responses: { '200': json(ref('Liveness'), 'The process answers.') } },
        { internalError: false },
      ),
    },

    '/openapi.json': {
      get: operation(
        { operationId: 'openApiDocument', summary: 'This document', tags: ['documentation'], role: 'viewer', responses: { '200': json(ref('OpenApiDocument'), 'The OpenAPI 3.1 document.') } },
        { internalError: false },
      ),
    },
    '/api-docs': {
      get: operation(
        {
          operationId: 'apiDocsPage',
          summary: 'Interactive API page (Swagger UI)',
          description: 'Swagger UI, served by the service itself, loading /openapi.json; "Try it out" calls this origin.',
          tags: ['documentation'],
          role: 'viewer',
          responses: { '200': { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } } },
        },
        { internalError: false },
      ),
    },
    '/api-docs/{asset}': {
      get: operation(
        {
          operationId: 'apiDocsAsset',
          summary: 'A static file of the API page',
          tags: ['documentation'],
          role: 'viewer',
          parameters: [{ name: 'asset', in: 'path', required: true, schema: { type: 'string', enum: API_DOCS_ASSETS } }],
          responses: {
            '200': { description: 'The file.', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } }, 'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } }, 'application/json': { schema: { type: 'object', description: 'A source map.' } } } },
            '404': response('NotFound'),
          },
        },
        { internalError: false },
      ),
    },

    ...dashboardPaths(),
  };
}

/** The original's grant segments (list/users, add/admin_groups, ...) and the parameter naming who is granted. */
const GRANTS: ReadonlyArray<readonly [string, 'user' | 'group', string]> = [
  ['users', 'user', 'users allowed to use the model'],
  ['groups', 'group', 'groups allowed to use the model'],
  ['admin_users', 'user', 'users allowed to change the model'],
  ['admin_groups', 'group', 'groups allowed to change the model'],
];

/** /model_store/list/*, /add/*, /delete/*: a stored model's access list (docs/security.md, Model permissions). */
function modelPermissionPaths(): Record<string, Json> {
  const tags = ['model permissions'];
  const names = json({ type: 'array', items: { type: 'string' } }, 'The names ("public" stands for everyone).');
  const changed = json({ type: 'boolean' }, 'true when the list changed, false when it already was so.');
  const who = (p: 'user' | 'group'): Json => ({ name: p, in: 'query', required: true, description: p === 'user' ? 'A user name, or "public" (everyone).' : 'A group name, or "public" (everyone).', schema: { type: 'string', pattern: p === 'user' ? '^[A-Za-z0-9._@-]{1,64}$' : '^[A-Za-z0-9._-]{1,64}$' } });
  const refusals = { '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') };
  const paths: Record<string, Json> = {
    '/model_store/list/owner': {
      get: operation({
        operationId: 'getModelOwner',
        summary: 'A stored model\'s owner',
        description: 'For a model the caller may use (others: 404). A model stored before access lists answers "anonymous".',
        tags,
        role: 'viewer',
        parameters: [param('model')],
        responses: { '200': { description: 'The owner\'s name.', content: { 'text/plain': { schema: { type: 'string' }, example: 'alice' } } }, '400': response('BadRequest'), '404': response('NotFound') },
      }),
    },
  };
  for (const [segment, p, what] of GRANTS) {
    const id = segment.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());
    paths[`/model_store/list/${segment}`] = {
      get: operation({ operationId: `listModel${id}`, summary: `A stored model's ${what}`, description: 'For a model the caller may use (others: 404).', tags, role: 'viewer', parameters: [param('model')], responses: { '200': names, '400': response('BadRequest'), '404': response('NotFound') } }),
    };
    const change = (verb: 'add' | 'delete'): Json => operation({
      operationId: `${verb === 'add' ? 'add' : 'delete'}Model${id}`,
      summary: `${verb === 'add' ? 'Add to' : 'Remove from'} a stored model's ${what}`,
      description: 'By whoever may change the model: its owner, admin users and groups, the service\'s admins (a model the caller may use but not change: 403; one they may not use: 404). The owner stays the owner.',
      tags,
      role: 'user',
      // POST may carry them in its body instead (the original's form fields).
      parameters: verb === 'add' ? [{ ...componentParameters().model, required: false }, { ...who(p), required: false }] : [param('model'), who(p)],
      ...(verb === 'add' ? { requestBody: commandFieldsBody({ model: textField('The stored model\'s name.'), [p]: textField(`The ${p} name.`) }) } : {}),
      responses: { '200': changed, ...refusals },
    });
    paths[`/model_store/add/${segment}`] = { post: change('add') };
    paths[`/model_store/delete/${segment}`] = { delete: change('delete') };
  }
  return paths;
}

/** Files of the API page: swagger-ui-dist's, plus the page's own initializer. */
export const API_DOCS_ASSETS = [
  'swagger-ui.css',
  'swagger-ui.css.map',
  'swagger-ui-bundle.js',
  'swagger-ui-bundle.js.map',
  'favicon-16x16.png',
  'favicon-32x32.png',
  'swagger-initializer.js',
];

/**
 * The dashboard answers at the root only (not under /api/v1). Its page and static files are public: they hold no
 * data, and the page must load to show its login form; every call it makes for data needs a user as declared.
 */
function dashboardPaths(): Record<string, Json> {
  const servers = [{ url: '/', description: 'The dashboard is not under /api/v1.' }];
  const page = (operationId: string, summary: string): Json => ({
    servers,
    get: operation(
      { operationId, summary, tags: ['dashboard'], role: 'public', responses: { '200': { description: 'The dashboard page.', content: { 'text/html': { schema: { type: 'string' } } } }, '404': response('NotFound') } },
      { internalError: false },
    ),
  });
  const asset = (operationId: string, summary: string, description: string): Json => ({
    servers,
    get: operation(
      {
        operationId,
        summary,
        tags: ['dashboard'],
        role: 'public',
        parameters: [{ name: 'path', in: 'path', required: true, description, schema: { type: 'string', pattern: '^[^/]+$' } }],
        responses: { '200': { description: 'The file.', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } }, 'image/svg+xml': { schema: { type: 'string' } } } }, '404': response('NotFound') },
      },
      { internalError: false },
    ),
  });
  return {
    '/': page('dashboard', 'The web dashboard'),
    '/dashboard': page('dashboardAlias', 'The web dashboard (alias)'),
    '/dashboard/': page('dashboardAliasSlash', 'The web dashboard (alias)'),
    '/dashboard/services.json': {
      servers,
      get: operation(
        { operationId: 'dashboardServices', summary: 'The sinks this deployment serves', tags: ['dashboard'], role: 'viewer', responses: { '200': json(ref('DashboardServices'), 'The sinks.') } },
        { internalError: false },
      ),
    },
    '/dashboard/{path}': asset('dashboardAsset', 'A static file of the dashboard (styles, icons)', 'A file at the top of the dashboard\'s public directory (e.g. styles.css).'),
    '/dashboard/js/{path}': asset('dashboardScript', 'An ES module of the dashboard', 'A file of the dashboard\'s js/ directory (e.g. main.js).'),
  };
}
