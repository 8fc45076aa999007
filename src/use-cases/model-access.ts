/**
 * Per-model permissions, the original's meta (owner, users, groups, admin users, admin groups) enforced here:
 * who may see and run a stored model, who may change it, and which access list a save keeps. A model the caller
 * may not use is not there for them (404, as for no model), so names of others' models do not leak; a model they
 * may use but not change is a 403. Models of the configured directories are the deployment's: every role uses them.
 */
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { AccessDecision, ModelStore } from '../ports/model-store.js';
import { mayAdminister, mayUse, ownedBy, PUBLIC, type AccessList } from '../users/access.js';
import type { Caller } from '../users/user-directory.js';

/**
 * The access of a model stored before access lists existed: everyone with a role uses it, as before, and only the
 * service's admins change it. Its owner is "anonymous", the original's owner of /model_store/add models, a name
 * no user may take (manage-users.ts).
 */
export const UNLISTED_ACCESS: AccessList = { owner: 'anonymous', users: [], groups: [PUBLIC], adminUsers: [], adminGroups: [] };

export const effectiveAccess = (stored: AccessList | null): AccessList => stored ?? UNLISTED_ACCESS;

export const modelNotStored = (name: string): NotFoundError => new NotFoundError(`model "${name}" is not in the model store`, { model: name });

/** The model's access list when the caller may use it; otherwise (or no such model) a 404. */
export async function usableAccess(store: ModelStore, caller: Caller, name: string): Promise<AccessList> {
  const current = await store.accessOf(name);
  if (current === undefined || !mayUse(caller, effectiveAccess(current))) throw modelNotStored(name);
  return effectiveAccess(current);
}

/** Whether the caller may use the model stored under `name` (false: none, or not theirs to use). */
export async function mayUseStored(store: ModelStore, caller: Caller, name: string): Promise<boolean> {
  const current = await store.accessOf(name);
  return current !== undefined && mayUse(caller, effectiveAccess(current));
}

/** The access list (made explicit) when the caller may change the model: 404 when they may not even use it, else 403. */
export function administered(caller: Caller, name: string, stored: AccessList | null): AccessList {
  const access = effectiveAccess(stored);
  if (!mayUse(caller, access)) throw modelNotStored(name);
  if (!mayAdminister(caller, access)) {
    throw new ForbiddenError(`user ${caller.name} may use model "${name}" but not change it: its owner, its admin users and groups, and the service's admins may`);
  }
  return access;
}

/**
 * What saving a model under `name` keeps: a new name is the caller's own; a stored one keeps its access list when
 * the caller may change it, and is refused (409, nothing overwritten) when they may not.
 */
export function saveAccess(caller: Caller, name: string): AccessDecision {
  return (current) => {
    if (current === undefined) return ownedBy(caller.name);
    const access = effectiveAccess(current);
    if (mayAdminister(caller, access)) return access;
    throw new ConflictError(`a model named "${name}" is already stored and user ${caller.name} may not replace it: give the upload another model_name, or ask the model's owner for admin rights on it`, { model: name });
  };
}
