/** Options.DELETE_PREVIOUS: remove earlier output of the same name, i.e. regular files <prefix>*.<ext> directly in the directory. */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

export function isPreviousOutput(name: string, prefix: string, ext: string): boolean {
  return name.startsWith(prefix) && name.endsWith(`.${ext}`) && name.length >= prefix.length + ext.length + 1;
}

/** Returns the deleted file names. */
export async function deletePreviousOutput(dir: string, prefix: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const doomed = entries.filter((e) => e.isFile() && isPreviousOutput(e.name, prefix, ext)).map((e) => e.name);
  await Promise.all(doomed.map((name) => rm(path.join(dir, name), { force: true })));
  return doomed;
}
