/**
 * How many rows a generator produces at once (pure): up to MAX_CHUNK_ROWS, fewer when the model's known row size
 * would make a chunk larger than CHUNK_BYTES. A function of the model only, so every process chunks a batch the
 * same way (formula fields draw their seeds a chunk at a time, so the chunking is part of what the rows are).
 */
import type { FieldSpec } from './field-spec.js';
import { knownRowBytes } from './row-size.js';

export const MAX_CHUNK_ROWS = 16_384;
export const CHUNK_BYTES = 4 * 1024 * 1024;

export function chunkRowsOf(specs: FieldSpec[]): number {
  const bytes = Math.max(1, knownRowBytes(specs).bytes);
  return Math.max(1, Math.min(MAX_CHUNK_ROWS, Math.floor(CHUNK_BYTES / bytes)));
}
