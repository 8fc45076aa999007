/**
 * A model's secrets (credentials in Table_Names, Options or a field's properties, by the secret rule) are kept
 * apart from the model: the stored model holds ******** (or the URL with its password replaced) in their place,
 * and the values go to a secret store, merged back only where the model runs.
 */
import type { FieldDefinition, ModelDefinition } from '../model/types.js';
import { isSecretKey, redactUrlUserInfo, secretValuesOf } from '../secrets.js';
import { hasUrlUserInfo } from './url-user-info.js';
import { REDACTED } from './redacted.js';

export interface ModelSecrets {
  tableNames?: Record<string, string>;
  options?: Record<string, string>;
  /** By field index: the field's secret properties. */
  fields?: Record<string, Record<string, string>>;
}

/** The model with its secrets replaced, and the secrets (empty when it has none). */
export function splitModelSecrets(model: ModelDefinition): { model: ModelDefinition; secrets: ModelSecrets } {
  const secrets: ModelSecrets = {};
  const tableNames = splitMap(model.tableNames, (s) => (secrets.tableNames = s));
  const options = splitMap(model.options, (s) => (secrets.options = s));
  const fields = model.fields.map((f, i): FieldDefinition => {
    const props = splitMap(f.props, (s) => ((secrets.fields ??= {})[String(i)] = s));
    return props === f.props ? f : { ...f, props };
  });
  return { model: { ...model, tableNames, options, fields }, secrets };
}

export function hasModelSecrets(secrets: ModelSecrets): boolean {
  return !!(secrets.tableNames || secrets.options || secrets.fields);
}

/** The model as submitted: the stored (redacted) model with its secrets put back. */
export function mergeModelSecrets(model: ModelDefinition, secrets: ModelSecrets): ModelDefinition {
  if (!hasModelSecrets(secrets)) return model;
  return {
    ...model,
    tableNames: { ...model.tableNames, ...secrets.tableNames },
    options: { ...model.options, ...secrets.options },
    fields: model.fields.map((f, i) => {
      const s = secrets.fields?.[String(i)];
      return s ? { ...f, props: { ...f.props, ...s } } : f;
    }),
  };
}

/** The model as anyone may see it. */
export function redactModel(model: ModelDefinition): ModelDefinition {
  return splitModelSecrets(model).model;
}

/** Every secret value of a model, to scrub from error texts. */
export function modelSecretValues(model: ModelDefinition): string[] {
  return secretValuesOf(model.tableNames, model.options, ...model.fields.map((f) => f.props));
}

/** Replaces the secret string values of a map; calls `found` with them when there are any. Unchanged maps are returned as is. */
function splitMap<T extends Record<string, unknown>>(map: T, found: (secrets: Record<string, string>) => void): T {
  let out: Record<string, unknown> | undefined;
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) {
    if (typeof v !== 'string' || v === '' || v === REDACTED) continue;
    const replacement = isSecretKey(k) ? REDACTED : hasUrlUserInfo(v) ? redactUrlUserInfo(v) : undefined;
    if (replacement === undefined) continue;
    secrets[k] = v;
    (out ??= { ...map })[k] = replacement;
  }
  if (!out) return map;
  found(secrets);
  return out as T;
}
