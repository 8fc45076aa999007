/**
 * Who may stop a command or a schedule (cancel, remove): its owner, the submitter its first event records, or an
 * admin, the same rule as for a thing with an access list of only its owner (src/users/access.ts). Pure.
 */
import { ForbiddenError } from '../errors.js';
import { mayAdminister, ownedBy } from '../users/access.js';
import type { Caller } from '../users/user-directory.js';

/** Throws 403 naming the owner rule when `caller` may not stop `what`, owned by `owner`. */
export function assertMayStop(caller: Caller, owner: string, what: string): void {
  if (mayAdminister(caller, ownedBy(owner))) return;
  throw new ForbiddenError(`user ${caller.name} may not stop ${what}: only its owner and the service's admins may`);
}
