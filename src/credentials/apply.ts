/**
 * A command's credentials applied to what a sink reads. The command carries only their names (in its secrets,
 * under CREDENTIALS_SETTING); each is opened where a sink step or batch runs, its keys set over the model's
 * Table_Names (as the original injected them into the model) and the properties, and its files written to a
 * private directory (0700, files 0600) that `release` removes when the step or batch ends. At submission the
 * files are only planned (`materialise: false`): the API never writes them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ModelDefinition } from '../model/types.js';
import type { StoredCredential } from '../ports/credential-store.js';
import type { SinkSettings } from '../sinks/types.js';
import { mapCredential } from './mapping.js';
import type { CredentialVault } from './vault.js';

/** The command secret holding its credentials' names (a JSON list); DATAGEN_* keys cannot come from a request. */
export const CREDENTIALS_SETTING = 'DATAGEN_CREDENTIALS';

export interface AppliedCredentials {
  model: ModelDefinition;
  settings: SinkSettings;
  release(): Promise<void>;
}

const NOTHING = async () => {};

export function credentialNamesOf(properties: Readonly<Record<string, string>>): string[] {
  const raw = properties[CREDENTIALS_SETTING];
  return raw ? (JSON.parse(raw) as string[]) : [];
}

export interface ApplyOptions {
  /** Write the files (where a step or batch runs), or only plan their paths (at submission). */
  materialise: boolean;
  /** How a credential is read (a worker retries its store calls through an outage); default: the vault's store. */
  read?: (name: string) => Promise<StoredCredential | undefined>;
}

export async function applyCredentials(vault: CredentialVault | undefined, model: ModelDefinition, settings: SinkSettings, opts: ApplyOptions): Promise<AppliedCredentials> {
  const names = credentialNamesOf(settings.properties);
  if (names.length === 0) return { model, settings, release: NOTHING };
  if (!vault) throw new Error('this process has no credential store, but the command uses credentials');
  const { [CREDENTIALS_SETTING]: _, ...properties } = settings.properties;
  const dir = opts.materialise ? await mkdtemp(path.join(os.tmpdir(), 'datagen-credentials-')) : path.join(os.tmpdir(), 'datagen-credentials-planned');
  const release = opts.materialise ? () => rm(dir, { recursive: true, force: true }) : NOTHING;
  try {
    const keys: Record<string, string> = {};
    const files: string[] = [];
    for (const name of names) {
      const stored = await (opts.read ?? ((n: string) => vault.store.get(n)))(name);
      if (!stored) throw new Error(`credential ${name} no longer exists`);
      const mapped = mapCredential({ name, type: stored.type, account: stored.account, ...vault.open(stored) }, dir);
      for (const f of mapped.files) {
        if (opts.materialise) await writeFile(f.path, f.content, { mode: 0o600, flag: 'wx' });
        files.push(f.path);
      }
      Object.assign(keys, mapped.settings);
    }
    const endpoints = settings.endpoints && { ...settings.endpoints, files: [...settings.endpoints.files, ...files] };
    return {
      model: { ...model, tableNames: { ...model.tableNames, ...keys } },
      settings: { ...settings, properties: { ...properties, ...keys }, ...(endpoints ? { endpoints } : {}) },
      release,
    };
  } catch (err) {
    await release();
    throw err;
  }
}
