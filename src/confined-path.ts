/**
 * Where a path a user named really lies: inside one of the directories it may name, in a protected root (the
 * service's own state), outside them all, or nowhere. Links are resolved first, so a link inside an allowed
 * directory that points elsewhere counts where it points. Model files and CSV fields both ask this.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { isWithin, protectedRootOf } from './protected-paths.js';

export type Placement =
  | { kind: 'missing' }
  | { kind: 'protected'; real: string; root: string }
  | { kind: 'outside'; real: string }
  | { kind: 'inside'; real: string };

/** The placement of `candidate` among `allowedDirs` (strictly below one of them) and `protectedRoots`. */
export async function placementOf(candidate: string, allowedDirs: readonly string[], protectedRoots: readonly string[]): Promise<Placement> {
  const real = await realpath(candidate).catch(() => undefined);
  if (!real) return { kind: 'missing' };
  const root = await protectedRootOf(real, protectedRoots);
  if (root) return { kind: 'protected', real, root };
  for (const dir of allowedDirs) {
    const realDir = await realpath(dir).catch(() => path.resolve(dir));
    if (real !== realDir && isWithin(real, realDir)) return { kind: 'inside', real };
  }
  return { kind: 'outside', real };
}
