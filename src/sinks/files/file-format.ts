/** What a file format plugs into the generic local-file sink (file-sink.ts). */
import type { Row } from '../../model/types.js';
import type { SinkContext } from '../types.js';
import type { FileOptions } from './options.js';

export interface FormatEncoder {
  /** A complete, standalone file of one batch (ONE_FILE_PER_ITERATION=true). */
  file(rows: Row[]): Uint8Array | string;
  /** One batch's part of the single file (ONE_FILE_PER_ITERATION=false). */
  part(rows: Row[]): Uint8Array | string;
  /** Writes the single file `target` from the part files, given in batch order; returns its size in bytes. */
  assemble(parts: string[], target: string): Promise<number>;
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
