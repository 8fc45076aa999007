/** How a model option's text value must read (checked when the model is parsed, src/model/model-keys.ts). */
export type OptionKind = 'bool' | 'int' | 'text' | 'columns' | { oneOf: string[] };

/** The Table_Names and Options keys one sink (or family of sinks) reads from a model. */
export interface SinkModelKeys {
  /** The sinks these keys are for, as the model builder names them. */
  label: string;
  tableNames: readonly string[];
  options: Readonly<Record<string, OptionKind>>;
  /** What each key (of tableNames and options) means: GET /model/catalog serves it (a spec checks none is missing). */
  help: Readonly<Record<string, string>>;
}

/** The help of the Kerberos keys every Kerberos-capable sink reads under its prefix. */
export function kerberosHelp(prefix: string, system: string): Record<string, string> {
  return {
    [`${prefix}_USE_KERBEROS`]: `Authenticate to ${system} with Kerberos.`,
    [`${prefix}_USER`]: `Kerberos principal for ${system}.`,
    [`${prefix}_KEYTAB`]: `Keytab of that principal (an allowed file).`,
  };
}
