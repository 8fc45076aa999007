/**
 * Whole-file writes that readers never see half done: write a hidden temporary file in the same directory, then
 * rename. The temporary file is created exclusively (never through a file or link already there), and removed
 * when the write fails (ENOSPC, an encoder error); the rename replaces a link at the final name, never follows it.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Replaces `file` with `data` atomically; a redelivered batch therefore replaces its own file and nothing else. */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Builds `file` through `fill(tmpPath)` and renames it into place only when fill succeeded. */
export async function buildFileAtomic(file: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = tempPathFor(file);
  try {
    await (await open(tmp, 'wx')).close();
    await fill(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Writes `head` then each file's bytes from `skip(file bytes)` on, in order, to `target`. */
export async function concatFiles(target: string, head: Uint8Array | string, parts: string[], skip?: (bytes: Buffer) => number): Promise<number> {
  const out = await open(target, 'w');
  let total = 0;
  try {
    if (head.length) total += (await out.write(typeof head === 'string' ? Buffer.from(head) : head)).bytesWritten;
    for (const part of parts) {
      const bytes = await readFile(part);
      const body = skip ? bytes.subarray(skip(bytes)) : bytes;
      if (body.length) total += (await out.write(body)).bytesWritten;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return total;
}
