/**
 * File writes that readers never see half done: stream a hidden temporary file in the same directory, then
 * rename. The temporary file is created exclusively (never through a file or link already there), and removed
 * when the write fails (ENOSPC, an encoder error); the rename replaces a link at the final name, never follows it.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** A file written a chunk at a time under a temporary name: commit() renames it into place, abort() removes it. */
export interface AtomicFileStream {
  write(data: Uint8Array | string): Promise<void>;
  /** Closes and renames the file into place; returns its size in bytes. */
  commit(): Promise<number>;
  abort(): Promise<void>;
}

export async function createAtomicFile(file: string): Promise<AtomicFileStream> {
  const tmp = tempPathFor(file);
  const handle = await open(tmp, 'wx');
  let bytes = 0;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    async write(data) {
      if (!data.length) return;
      const buf = typeof data === 'string' ? Buffer.from(data) : data;
      // One awaited write at a time: the disk's pace is the generator's (back-pressure), nothing queues up.
      let off = 0;
      while (off < buf.byteLength) off += (await handle.write(buf, off, buf.byteLength - off)).bytesWritten;
      bytes += buf.byteLength;
    },
    async commit() {
      try {
        await close();
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return bytes;
    },
    async abort() {
      await close().catch(() => {});
      await rm(tmp, { force: true });
    },
  };
}
