/**
 * Whole-file writes that readers never see half done: write a hidden temporary file in the same directory, then
 * rename. The temporary file is created exclusively (never through a file or link already there), and removed
 * when the write fails (ENOSPC, an encoder error); the rename replaces a link at the final name, never follows it.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
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

/** Writes `head` then each part's bytes from offset `skip(part)` on, in order, to `target`; streams, never holds a part. */
export async function concatFiles(target: string, head: Uint8Array | string, parts: string[], skip?: (part: string) => Promise<number>): Promise<number> {
  const out = await open(target, 'w');
  let total = 0;
  const write = async (buf: Uint8Array) => {
    let off = 0;
    while (off < buf.byteLength) off += (await out.write(buf, off, buf.byteLength - off)).bytesWritten;
    total += buf.byteLength;
  };
  try {
    if (head.length) await write(typeof head === 'string' ? Buffer.from(head) : head);
    for (const part of parts) {
      const start = skip ? await skip(part) : 0;
      for await (const chunk of createReadStream(part, { start, highWaterMark: 1024 * 1024 })) await write(chunk as Buffer);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return total;
}
