/** The secret store port: per-command (and per-schedule) secret settings, never written to the event log. */
export interface SecretStore {
  /** Nothing is stored for an empty record. */
  put(commandUuid: string, secrets: Record<string, string>): Promise<void>;
  /** The secrets of a command, `{}` when it has none. */
  get(commandUuid: string): Promise<Record<string, string>>;
}
