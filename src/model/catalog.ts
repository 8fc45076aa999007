/**
 * GET /model/catalog (pure): what a model may say, made from the parser's own definitions and their help — field
 * types with the properties each reads, every property's value kind and help, and the Table_Names / Options keys of
 * each sink family with theirs. The dashboard's model builder and launch form read it instead of restating any of it.
 */
import { SINK_MODEL_KEYS } from '../sink-keys/index.js';
import type { OptionKind } from '../sink-keys/option-kind.js';
import { GENERATION_OPTION_HELP, PROPERTY_HELP, TYPE_HELP, type PropertyValueKind } from './field-help.js';
import { KNOWN_PROPERTIES, READERS } from './field-spec.js';
import { OPTION_KINDS } from './model-keys.js';
import { FIELD_TYPES, type FieldType } from './types.js';

export interface CatalogProperty {
  name: string;
  kind: PropertyValueKind;
  help: string;
  /** The types that read it; absent: every type may have it. */
  types?: FieldType[];
}

export interface CatalogKey {
  key: string;
  help: string;
  /** An option's value: bool, int, text, columns (comma-separated fields) or one of a list. */
  kind?: OptionKind;
}

export interface ModelCatalog {
  types: Array<{ name: FieldType; help: string; properties: string[] }>;
  properties: CatalogProperty[];
  sinks: Array<{ label: string; tableNames: CatalogKey[]; options: CatalogKey[] }>;
}

/** Properties shown for every type in an editor: the rest belong to the types READERS names. */
const COMMON = ['min', 'max', 'possible_values', 'possible_values_weighted', 'conditionals', 'formula', 'injection', 'link'];

function property(name: string): CatalogProperty {
  const help = PROPERTY_HELP[name] ?? { kind: 'text', help: '' };
  const types = READERS[name];
  return { name, ...help, ...(types ? { types: [...types] } : {}) };
}

function typeProperties(type: FieldType): string[] {
  return KNOWN_PROPERTIES.filter((p) => p !== 'name' && p !== 'type' && (READERS[p]?.includes(type) ?? (COMMON.includes(p) || p === 'ghost')));
}

function generationKeys(): CatalogKey[] {
  const bySinks = new Set(SINK_MODEL_KEYS.flatMap((s) => Object.keys(s.options)));
  return Object.entries(OPTION_KINDS)
    .filter(([key]) => !bySinks.has(key))
    .map(([key, kind]) => ({ key, kind, help: GENERATION_OPTION_HELP[key] ?? '' }));
}

export function modelCatalog(): ModelCatalog {
  return {
    types: FIELD_TYPES.map((name) => ({ name, help: TYPE_HELP[name], properties: typeProperties(name) })),
    properties: KNOWN_PROPERTIES.map(property),
    sinks: [
      { label: 'Generation', tableNames: [], options: generationKeys() },
      ...SINK_MODEL_KEYS.map((s) => ({
        label: s.label,
        tableNames: s.tableNames.map((key) => ({ key, help: s.help[key] ?? '' })),
        options: Object.entries(s.options).map(([key, kind]) => ({ key, kind, help: s.help[key] ?? '' })),
      })),
    ],
  };
}
