/**
 * /credentials/*: named secrets that commands use with credentials=<name>. The content comes in the request (a
 * file part or a value), never as a path on the server; it is sealed before it is stored and never answered back.
 * Each credential has an owner and may be shared with users and groups (src/users/access.ts): a caller sees and
 * uses those they may use, changes or removes those they administer (admins: all).
 */
import { BadRequestError, ConflictError, ForbiddenError } from '../errors.js';
import { CREDENTIAL_TYPES, type CredentialType, type StoredCredential } from '../ports/credential-store.js';
import type { Ids } from '../ports/ids.js';
import type { Clock } from '../ports/clock.js';
import type { CredentialVault } from '../credentials/vault.js';
import { isFileType } from '../credentials/mapping.js';
import { mayAdminister, mayUse, ownedBy } from '../users/access.js';
import type { Caller } from '../users/user-directory.js';
import { checkGroups, checkUsername } from './manage-users.js';

export interface ManageCredentialsDeps {
  vault: CredentialVault;
  ids: Ids;
  clock: Clock;
}

/** What the lists answer: the original's Credentials JSON, without any secret (`encrypted` is always true). */
export interface ListedCredential {
  name: string;
  id: string;
  type: CredentialType;
  accountAssociated: string;
  encrypted: true;
  owner: string;
  usersAuthorized: string[];
  groupsAuthorized: string[];
  createdAt: string;
}

export interface AddCredentialInput {
  name?: string;
  type?: string;
  account?: string;
  owner?: string;
  /** The secret: a file part's bytes or a value field's text. */
  content?: Buffer;
  /** KEYSTORE and TRUSTSTORE: the store's password (kept secret, where the original took the account). */
  password?: string;
  replace?: boolean;
  users: string[];
  groups: string[];
}

const NAME = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_CONTENT_BYTES = 1024 * 1024;
const MAX_ACCOUNT = 256;
/** Types whose account names who signs in: required, as the keys they set need it. */
const ACCOUNT_REQUIRED: ReadonlySet<CredentialType> = new Set(['KEYTAB', 'S3_ACCESS_KEY', 'PASSWORD']);

export function checkCredentialName(raw: string | undefined, parameter = 'name'): string {
  const name = raw?.trim() ?? '';
  if (!NAME.test(name)) throw new BadRequestError(`parameter ${parameter} must be 1 to 64 letters, digits or . _ -`, { parameter });
  return name;
}

function checkType(raw: string | undefined): CredentialType {
  const type = raw?.trim().toUpperCase() ?? '';
  if (!(CREDENTIAL_TYPES as readonly string[]).includes(type)) {
    throw new BadRequestError(`parameter type must be one of ${CREDENTIAL_TYPES.join(', ')}${raw ? `, got "${raw.slice(0, 40)}"` : ''}`, { parameter: 'type' });
  }
  return type as CredentialType;
}

function checkAccount(raw: string | undefined, type: CredentialType): string {
  const account = raw?.trim() ?? '';
  if (account === '' && ACCOUNT_REQUIRED.has(type)) throw new BadRequestError(`parameter account is required for a ${type} credential (the user, principal or access key id it belongs to)`, { parameter: 'account' });
  if (account.length > MAX_ACCOUNT || /[\u0000-\u001f\u007f]/.test(account)) throw new BadRequestError(`parameter account must be at most ${MAX_ACCOUNT} characters, without control characters`, { parameter: 'account' });
  return account;
}

function checkContent(content: Buffer | undefined, type: CredentialType): Buffer {
  if (!content || content.length === 0) throw new BadRequestError('parameter content is required: the secret itself, as a file part or a value (never a path on the server)', { parameter: 'content' });
  if (content.length > MAX_CONTENT_BYTES) throw new BadRequestError(`parameter content must be at most ${MAX_CONTENT_BYTES} bytes`, { parameter: 'content' });
  if (!isFileType(type) && /[\u0000\r\n]/.test(content.toString('utf8').replace(/\r?\n$/, ''))) {
    throw new BadRequestError(`parameter content of a ${type} credential must be one line of text`, { parameter: 'content' });
  }
  return content;
}

function listed(c: StoredCredential): ListedCredential {
  return {
    name: c.name, id: c.id, type: c.type, accountAssociated: c.account, encrypted: true, owner: c.access.owner,
    usersAuthorized: [...c.access.users], groupsAuthorized: [...c.access.groups], createdAt: c.createdAt,
  };
}

/** The credentials the caller may use. */
export async function listCredentials(deps: ManageCredentialsDeps, caller: Caller): Promise<ListedCredential[]> {
  return (await deps.vault.store.list()).filter((c) => mayUse(caller, c.access)).map(listed);
}

/** Those owned by `user`, among the ones the caller may use. */
export async function listCredentialsForUser(deps: ManageCredentialsDeps, caller: Caller, user: string | undefined): Promise<ListedCredential[]> {
  const owner = userName(user?.trim() ?? '', 'user');
  return (await listCredentials(deps, caller)).filter((c) => c.owner === owner);
}

/** A user name (as /users/* takes them) given as `parameter`. */
function userName(raw: string, parameter: string): string {
  try {
    return checkUsername(raw);
  } catch {
    throw new BadRequestError(`parameter ${parameter}: "${raw.slice(0, 64)}" is not a user name (1 to 64 letters, digits or . _ @ -)`, { parameter });
  }
}

/** Users given repeated or comma-separated. */
function checkUsers(values: string[]): string[] {
  return [...new Set(values.flatMap((u) => u.split(',')).map((u) => u.trim()).filter(Boolean))].map((u) => userName(u, 'users')).sort();
}

/** The owner a new credential gets: the caller, or whom an admin names. */
function ownerOf(caller: Caller, given: string | undefined): string {
  const owner = given?.trim() ? userName(given.trim(), 'owner') : caller.name;
  if (owner !== caller.name && caller.role !== 'admin') throw new ForbiddenError(`user ${caller.name} may add credentials only as their own (owner=${caller.name})`);
  return owner;
}

function checkPasswordFor(type: CredentialType, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (type !== 'KEYSTORE' && type !== 'TRUSTSTORE') throw new BadRequestError(`parameter password is for KEYSTORE and TRUSTSTORE credentials; a ${type} credential's secret is its content`, { parameter: 'password' });
  return raw;
}

/** A name that exists is replaced only when asked, by whoever administers it; it keeps its owner, and its grants unless new ones are given. */
async function accessFor(deps: ManageCredentialsDeps, caller: Caller, name: string, input: AddCredentialInput): Promise<StoredCredential['access']> {
  const owner = ownerOf(caller, input.owner);
  const users = checkUsers(input.users);
  const groups = checkGroups(input.groups).sort();
  const existing = await deps.vault.store.get(name);
  if (!existing) return { ...ownedBy(owner), users, groups };
  if (!input.replace) throw new ConflictError(`credential ${name} exists: pass replace=true to replace it`, { parameter: 'name' });
  if (!mayAdminister(caller, existing.access)) throw new ForbiddenError(`user ${caller.name} may not replace credential ${name}`);
  return {
    ...existing.access,
    ...(input.owner?.trim() ? { owner } : {}),
    users: input.users.length ? users : existing.access.users,
    groups: input.groups.length ? groups : existing.access.groups,
  };
}

export async function addCredentials(deps: ManageCredentialsDeps, caller: Caller, input: AddCredentialInput): Promise<ListedCredential> {
  const name = checkCredentialName(input.name);
  const type = checkType(input.type);
  const account = checkAccount(input.account, type);
  const content = checkContent(input.content, type);
  const password = checkPasswordFor(type, input.password);
  const access = await accessFor(deps, caller, name, input);
  const id = deps.ids.uuid();
  const sealed = deps.vault.seal(name, id, { content, ...(password !== undefined ? { password } : {}) });
  const credential: StoredCredential = { name, id, type, account, access, createdAt: new Date(deps.clock.now()).toISOString(), sealed };
  await deps.vault.store.put(credential);
  return listed(credential);
}

/** True when removed; false when there is no credential of that name the caller may see. */
export async function removeCredentials(deps: ManageCredentialsDeps, caller: Caller, rawName: string | undefined): Promise<boolean> {
  const name = checkCredentialName(rawName, 'credName');
  const existing = await deps.vault.store.get(name);
  if (!existing || !mayUse(caller, existing.access)) return false;
  if (!mayAdminister(caller, existing.access)) throw new ForbiddenError(`user ${caller.name} may use credential ${name} but not remove it (its owner or an admin may)`);
  return deps.vault.store.delete(name);
}

/**
 * The names a command's credentials= gives (repeated or comma-separated), each stored and usable by the caller;
 * the original ignored unknown names with a warning, here they are a 400 naming them.
 */
export async function usableCredentials(vault: CredentialVault, caller: Caller, values: string[]): Promise<string[]> {
  const names = [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))].map((n) => checkCredentialName(n, 'credentials'));
  for (const name of names) {
    const c = await vault.store.get(name);
    if (!c || !mayUse(caller, c.access)) throw new BadRequestError(`parameter credentials: no credential named ${name} that user ${caller.name} may use`, { parameter: 'credentials', value: name });
  }
  return names;
}
