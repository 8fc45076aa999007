/**
 * The local file system as a byte destination. Every directory is checked on its real path right before it is
 * written in (assertWritableDir: inside the output roots, outside the service's own state), so a link planted since
 * submission is refused. Files are streamed under a hidden temporary name and renamed on commit (atomic-file.ts).
 */
import { access, mkdir, open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SinkSettings } from '../types.js';
import { createAtomicFile } from '../files/atomic-file.js';
import { assertWritableDir } from '../files/paths.js';
import type { Destination } from './destination.js';

export function localDestination(settings: SinkSettings): Destination {
  return {
    kind: 'local',
    describe: (p) => p,
    async makeDir(dir) {
      await mkdir(dir, { recursive: true });
      await assertWritableDir(dir, settings);
    },
    async create(file) {
      await assertWritableDir(path.dirname(file), settings);
      const out = await createAtomicFile(file);
      // Each write() has the bytes in the file before it resolves (atomic-file.ts).
      return { write: (bytes) => out.write(bytes), releasesWrittenBytes: true, commit: () => out.commit(), abort: () => out.abort() };
    },
    async *read(file) {
      // Parts are read back only from where we may write: never through a directory swapped for a link.
      await assertWritableDir(path.dirname(file), settings);
      yield* readReusing(file);
    },
    exists: (file) => access(file).then(() => true, () => false),
    async list(dir) {
      const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return undefined;
        throw err;
      });
      if (!entries) return [];
      // Listed to be read or removed: never through a directory swapped for a link.
      await assertWritableDir(dir, settings);
      return entries.filter((e) => e.isFile()).map((e) => e.name);
    },
    async remove(file) {
      await assertWritableDir(path.dirname(file), settings).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
      await rm(file, { force: true });
    },
    async removeDir(dir) {
      // Never clean up through a directory that now resolves elsewhere.
      if (!(await access(dir).then(() => true, () => false))) return;
      await assertWritableDir(dir, settings);
      await rm(dir, { recursive: true, force: true });
    },
    close: async () => {},
  };
}

/** Bytes read at a time when a part is read back. */
const READ_BYTES = 1024 * 1024;

/**
 * A file's bytes through one buffer, refilled for each chunk (the Destination.read contract): joining a batch's
 * parts copies gigabytes, and a new buffer per chunk left up to 70 MB of them waiting for a collection.
 */
async function* readReusing(file: string): AsyncGenerator<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, READ_BYTES, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
