/**
 * The credential store port: named secrets (keytabs, keystores, passwords, access keys) that commands use by name.
 * The secret itself is only ever stored sealed (src/credentials/cipher.ts); everything else is shown in lists.
 */

/** The original's types; each maps onto the models' keys as src/credentials/mapping.ts says. */
export const CREDENTIAL_TYPES = ['KEYTAB', 'KEYSTORE', 'TRUSTSTORE', 'PASSWORD', 'S3_ACCESS_KEY', 'GCP_KEY_FILE', 'GCP_ACCESS_TOKEN', 'ADLS_SAS_TOKEN'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** AES-256-GCM output, base64: never the plaintext. */
export interface SealedSecret {
  /** Which key sealed it (a digest of the key, not the key), so another key is told apart from tampering. */
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

export interface StoredCredential {
  name: string;
  id: string;
  type: CredentialType;
  /** The account it belongs to (user, principal, access key id, storage account, project): not secret, listed. */
  account: string;
  /** Who may use and change it: the shape of src/users/access.ts's AccessList. */
  access: { owner: string; users: string[]; groups: string[]; adminUsers: string[]; adminGroups: string[] };
  createdAt: string;
  sealed: SealedSecret;
}

export interface CredentialStore {
  /** Every stored credential, sorted by name. */
  list(): Promise<StoredCredential[]>;
  get(name: string): Promise<StoredCredential | undefined>;
  /** Adds or replaces the credential of that name. */
  put(credential: StoredCredential): Promise<void>;
  /** True when a credential of that name existed and is now gone. */
  delete(name: string): Promise<boolean>;
}
