// The caller's role (GET /users/me), read once: views hide the controls it may not use ([data-write] for user or
// admin). Hiding is for the eye only: the service refuses a viewer's writes whatever the page shows.
import { api } from './api.js';

let me;

export function currentUser() {
  me ??= api.me().catch(() => ({ name: 'anonymous', role: 'viewer' }));
  return me;
}

export const canWrite = (user) => user.role === 'user' || user.role === 'admin';

/** Hides every [data-write] element under `root` from a caller who may not write. */
export async function applyRole(root) {
  const user = await currentUser();
  for (const el of root.querySelectorAll('[data-write]')) el.hidden = !canWrite(user);
  return user;
}
