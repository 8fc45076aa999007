/** How a model option's text value must read (checked when the model is parsed, src/model/model-keys.ts). */
export type OptionKind = 'bool' | 'int' | 'text' | 'columns' | { oneOf: string[] };

/** The Table_Names and Options keys one sink (or family of sinks) reads from a model. */
export interface SinkModelKeys {
  tableNames: readonly string[];
  options: Readonly<Record<string, OptionKind>>;
}
