/**
 * Files the service must never read as data nor write over: the embedded NATS store (which holds the events,
 * the model store and the command secrets), the users file and the credentials key file. They may lie under directories that CSV fields,
 * model references and outputs are allowed to name (the data directory), so they are denied explicitly, on the
 * real path: a symbolic link to them is refused as well.
 */
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** The embedded nats-server's store directory under a data directory (never moved: older data dirs stay readable). */
export function natsStoreDir(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'nats');
}

/** Every protected root of a service: its NATS store and, when there are, its users file and credentials key file. */
export function protectedRoots(dataDir: string, ...files: Array<string | undefined>): string[] {
  return [natsStoreDir(dataDir), ...files.filter((f): f is string => !!f).map((f) => path.resolve(f))];
}

/** Whether `child` is `root` or lies below it (lexically). */
export function isWithin(child: string, root: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The protected root that `realFile` (already a real path) lies in, compared with each root as given and as resolved. */
export async function protectedRootOf(realFile: string, roots: readonly string[]): Promise<string | undefined> {
  for (const root of roots) {
    const real = await realpath(root).catch(() => path.resolve(root));
    if (isWithin(realFile, root) || isWithin(realFile, real)) return root;
  }
  return undefined;
}

/** Synchronous form of protectedRootOf, for path checks on the sinks' synchronous validate path. */
export function protectedRootOfSync(realFile: string, roots: readonly string[]): string | undefined {
  for (const root of roots) {
    let real: string;
    try {
      real = realpathSync(root);
    } catch {
      real = path.resolve(root);
    }
    if (isWithin(realFile, root) || isWithin(realFile, real)) return root;
  }
  return undefined;
}
