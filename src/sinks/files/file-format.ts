/** What a file format plugs into the generic local-file sink (file-sink.ts). */
import type { Row } from '../../model/types.js';
import type { ByteStream } from '../destinations/destination.js';
import type { SinkContext } from '../types.js';
import type { FileOptions } from './options.js';
import type { PartReader } from './part-streams.js';

export type Bytes = Uint8Array | string;

/**
 * One file's bytes, produced as the rows stream in: head() + chunk(rows)… + end() is the whole file. chunk() may
 * keep rows back until it has enough for a unit of the format (a Parquet row group) and end() flushes them.
 */
export interface FileEncoding {
  head(): Bytes;
  chunk(rows: Row[]): Bytes;
  end(): Bytes;
  /**
   * Hands back a chunk's bytes once the destination holds none of them, so the next chunk is encoded into the
   * same memory (a new buffer per chunk kept some 25 MB of them alive per generator thread until a collection).
   */
  recycle?(bytes: Bytes): void;
}

export interface FormatEncoder {
  /** A complete, standalone file of one batch (ONE_FILE_PER_ITERATION=true). */
  file(): FileEncoding;
  /** A part: a run of rows (a batch, or a shard of one) that assemble() joins with the other parts. */
  part(): FileEncoding;
  /** Writes the joined file to `out` from the parts, read in row order. */
  assemble(parts: PartReader[], out: ByteStream): Promise<void>;
}

export interface FileFormat {
  /** Sink name as in /datagen/<name>. */
  name: string;
  ext: string;
  /** Extension of part files when they are not in the format itself (default: ext). */
  partExt?: string;
  /** Format-specific checks at submission (throws BadRequestError). */
  validate(ctx: SinkContext, options: FileOptions): void;
  /** An encoder for one command; built once per writer. */
  encoder(ctx: SinkContext, options: FileOptions): FormatEncoder;
}

/** An encoding of text chunks with a constant head: JSON Lines, CSV. */
export function textEncoding(head: string, encode: { (rows: Row[]): Bytes; recycle?(bytes: Bytes): void }): FileEncoding {
  return { head: () => head, chunk: encode, end: () => '', ...(encode.recycle ? { recycle: encode.recycle } : {}) };
}
