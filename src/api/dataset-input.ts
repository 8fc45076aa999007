/**
 * The body of POST /datagen/dataset (docs/related-models.md): `{"commands": [{"name", "sink", "model" | "model_name",
 * "rows", "batches", "threads", "seed", "properties", "credentials"}, ...], "after": [...]}`, each entry read as
 * /datagen/<sink> reads its parameters, every error naming `commands[i].<field>`.
 */
import { AppError, BadRequestError } from '../errors.js';
import { valueTooDeep } from '../model/json-depth.js';
import { DEFAULT_LIMITS } from '../model/limits.js';
import { MULTI_SERVICE } from '../sinks/multi-sink.js';
import { sinkFor } from '../sinks/registry.js';
import type { DatasetEntry, DatasetRequest } from '../use-cases/submit-dataset.js';
import type { Caller } from '../users/user-directory.js';
import { extraProperties } from './extra-properties.js';
import { optionalNonNegativeInt, positiveInt, uuidListParam, type Params } from './params.js';

export const MAX_DATASET_COMMANDS = 16;
const MAX_THREADS = 1000;
const ENTRY_KEYS = ['name', 'sink', 'model', 'model_name', 'rows', 'batches', 'threads', 'seed', 'properties', 'credentials'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface DatasetDefaults {
  rows: number;
  batches: number;
  threads: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (parameter: string, message: string) => new BadRequestError(`${parameter}: ${message}`, { parameter });

/** A number field as text for the parameter readers (which name it); objects and lists are refused. */
function numberParams(entry: Record<string, unknown>, at: string): Params {
  const out: Params = {};
  for (const key of ['rows', 'batches', 'threads', 'seed']) {
    const v = entry[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' && typeof v !== 'string') throw bad(`${at}.${key}`, 'must be a number');
    out[`${at}.${key}`] = String(v);
  }
  return out;
}

/** A list of texts given as a list or one comma-separated text. */
function texts(v: unknown, parameter: string): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string')) throw bad(parameter, 'must be a text or a list of texts');
  return list as string[];
}

function entryProperties(v: unknown, at: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) throw bad(`${at}.properties`, 'must be an object of setting names to values, e.g. {"KAFKA_BROKERS": "broker:9092"}');
  try {
    return extraProperties({ extraProperties: JSON.stringify(v) });
  } catch (err) {
    throw err instanceof AppError ? bad(`${at}.properties`, err.message) : err;
  }
}

function readEntry(raw: unknown, i: number, defaults: DatasetDefaults): DatasetEntry {
  const at = `commands[${i}]`;
  if (!isObject(raw)) throw bad(at, 'must be an object like {"name": "customers", "sink": "postgresql", "model_name": "shop-customers", "rows": 1000}');
  for (const key of Object.keys(raw)) if (!ENTRY_KEYS.includes(key)) throw bad(`${at}.${key}`, `unknown property; known: ${ENTRY_KEYS.join(', ')}`);
  if (typeof raw.name !== 'string' || !NAME.test(raw.name)) throw bad(`${at}.name`, 'is required: letters, digits, "_", "." or "-", up to 64, naming the entry (references of other entries may name it)');
  if (typeof raw.sink !== 'string' || !raw.sink.trim()) throw bad(`${at}.sink`, 'is required: the service of /datagen/<service>, e.g. postgresql');
  let sink;
  try {
    sink = sinkFor(raw.sink.trim());
  } catch (err) {
    throw err instanceof AppError ? bad(`${at}.sink`, err.message) : err;
  }
  if (sink.name === MULTI_SERVICE) throw bad(`${at}.sink`, 'multipleconnectors is not available in a dataset: give one entry per sink');
  const model = raw.model !== undefined
    ? (isObject(raw.model) ? { kind: 'inline' as const, json: raw.model } : undefined)
    : typeof raw.model_name === 'string' && raw.model_name.trim() ? { kind: 'stored' as const, name: raw.model_name.trim() } : undefined;
  if (!model) throw bad(`${at}.model`, 'is required: the model inline (a JSON object), or model_name naming a stored model or a model file');
  if (raw.model !== undefined && raw.model_name !== undefined) throw bad(`${at}.model_name`, 'give either model (inline) or model_name, not both');
  const params = numberParams(raw, at);
  const seed = optionalNonNegativeInt(params, `${at}.seed`);
  const credentials = texts(raw.credentials, `${at}.credentials`);
  return {
    name: raw.name,
    model,
    command: {
      sink,
      rows: positiveInt(params, `${at}.rows`, defaults.rows),
      batches: positiveInt(params, `${at}.batches`, defaults.batches),
      threads: positiveInt(params, `${at}.threads`, defaults.threads, MAX_THREADS),
      ...(seed !== undefined ? { seed } : {}),
      overrides: entryProperties(raw.properties, at),
      ...(credentials.length ? { credentials } : {}),
    },
  };
}

/** The dataset request, or a 400 naming what is wrong; `after` from the query string is added to the body's. */
export function datasetRequest(body: unknown, queryAfter: readonly string[], defaults: DatasetDefaults, caller: Caller): DatasetRequest {
  if (!isObject(body)) throw bad('body', 'must be a JSON object {"commands": [...]} (Content-Type: application/json)');
  if (valueTooDeep(body, DEFAULT_LIMITS.modelDepth + 4)) throw bad('body', `nests deeper than ${DEFAULT_LIMITS.modelDepth} levels`);
  for (const key of Object.keys(body)) if (!['commands', 'after'].includes(key)) throw bad(key, 'unknown property; known: commands, after');
  const { commands } = body;
  if (!Array.isArray(commands) || commands.length === 0) throw bad('commands', 'is required: a non-empty list of commands');
  if (commands.length > MAX_DATASET_COMMANDS) throw bad('commands', `a dataset may have at most ${MAX_DATASET_COMMANDS} commands, got ${commands.length}`);
  const entries = commands.map((c, i) => readEntry(c, i, defaults));
  entries.forEach((e, i) => {
    const first = entries.findIndex((o) => o.name === e.name);
    if (first !== i) throw bad(`commands[${i}].name`, `"${e.name}" is also the name of commands[${first}]`);
  });
  const after = uuidListParam([...queryAfter, ...texts(body.after, 'after')], 'after');
  return { entries, after, caller };
}
