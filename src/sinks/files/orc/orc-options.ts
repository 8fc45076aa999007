/**
 * The model's ORC Options, parsed from their string form with their defaults (the original had none for ORC):
 * ORC_COMPRESSION (NONE, ZLIB, SNAPPY or ZSTD; ZLIB, as ORC's Java writer 1.x), ORC_STRIPE_SIZE (encoded bytes per
 * stripe, 64 MiB), ORC_STRIPE_ROWS (rows per stripe at most, 1,000,000) and ORC_COMPRESSION_BLOCK_SIZE (bytes per
 * compression chunk, 256 KiB, at most 2^23 - 1). A wrong value is a 400 naming the key.
 */
import { BadRequestError } from '../../../errors.js';
import type { ModelDefinition } from '../../../model/types.js';
import { MAX_BLOCK_SIZE, type OrcCompression } from './compression.js';
import { DEFAULT_ORC_OPTIONS, type OrcOptions } from './orc-writer.js';

const COMPRESSIONS: readonly OrcCompression[] = ['NONE', 'ZLIB', 'SNAPPY', 'ZSTD'];

function positive(options: Record<string, string>, key: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = options[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(String(raw).trim());
  if (!Number.isSafeInteger(n) || n <= 0 || n > max) {
    throw new BadRequestError(`Options.${key} must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got "${raw}"`, { field: `Options.${key}` });
  }
  return n;
}

export function orcOptions(model: ModelDefinition): OrcOptions {
  const o = model.options ?? {};
  const raw = o.ORC_COMPRESSION;
  let compression = DEFAULT_ORC_OPTIONS.compression;
  if (raw !== undefined && raw !== '') {
    const c = String(raw).trim().toUpperCase() as OrcCompression;
    if (!COMPRESSIONS.includes(c)) {
      throw new BadRequestError(`Options.ORC_COMPRESSION must be one of ${COMPRESSIONS.join(', ')}, got "${raw}"`, { field: 'Options.ORC_COMPRESSION' });
    }
    compression = c;
  }
  return {
    compression,
    stripeSize: positive(o, 'ORC_STRIPE_SIZE', DEFAULT_ORC_OPTIONS.stripeSize),
    stripeRows: positive(o, 'ORC_STRIPE_ROWS', DEFAULT_ORC_OPTIONS.stripeRows),
    blockSize: positive(o, 'ORC_COMPRESSION_BLOCK_SIZE', DEFAULT_ORC_OPTIONS.blockSize, MAX_BLOCK_SIZE),
  };
}
