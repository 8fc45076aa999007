/**
 * GET /model/catalog (pure): what a model may say, made from the parser's own definitions and their help — field
 * types with the properties each reads, every property's value kind and help, and the Table_Names / Options keys of
 * each sink family with theirs. The dashboard's model builder and launch form read it instead of restating any of it.
 */
import { SINK_MODEL_KEYS } from '../sink-keys/index.js';
import type { OptionKind } from '../sink-keys/option-kind.js';
import { GENERATION_OPTION_HELP, PROPERTY_HELP, TYPE_HELP, type PropertyValueKind } from './field-help.js';
import { acceptsEmpty, acceptsLate } from './faults/value-kinds.js';
import { FAULT_PROPERTIES } from './faults/fault-properties.js';
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

/** The fault properties a type may have (faults/fault-spec.ts refuses the others); absent: every type. */
const FAULT_READERS: Readonly<Record<string, readonly FieldType[]>> = {
  empty_rate: FIELD_TYPES.filter(acceptsEmpty),
  late_rate: FIELD_TYPES.filter(acceptsLate),
  late_by: FIELD_TYPES.filter(acceptsLate),
};

/** Every property a field may have: the parser's, then the dirty-data ones. */
export const CATALOG_PROPERTIES: readonly string[] = [...KNOWN_PROPERTIES, ...FAULT_PROPERTIES];

const readersOf = (name: string) => READERS[name] ?? FAULT_READERS[name];

function property(name: string): CatalogProperty {
  const help = PROPERTY_HELP[name] ?? { kind: 'text', help: '' };
  const types = readersOf(name);
  return { name, ...help, ...(types ? { types: [...types] } : {}) };
}

function typeProperties(type: FieldType): string[] {
  const common = (p: string) => COMMON.includes(p) || p === 'ghost' || FAULT_PROPERTIES.includes(p);
  return CATALOG_PROPERTIES.filter((p) => p !== 'name' && p !== 'type' && (readersOf(p)?.includes(type) ?? common(p)));
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
    properties: CATALOG_PROPERTIES.map(property),
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
