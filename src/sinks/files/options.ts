/** The model's file-sink Options, parsed once from their string form ("true", "3") with the original's defaults. */
import { BadRequestError } from '../../errors.js';
import type { ModelDefinition } from '../../model/types.js';

export interface FileOptions {
  /** true: one file per batch; false: one file for the whole command. */
  oneFilePerIteration: boolean;
  deletePrevious: boolean;
  csvHeader: boolean;
  parquetPageSize: number;
  /** Bytes, as in the original (converted to rows per row group from the data's size). */
  parquetRowGroupSize: number;
  parquetDictionaryPageSize: number;
  parquetDictionaryEncoding: boolean;
}

function bool(options: Record<string, string>, key: string, fallback: boolean): boolean {
  const raw = options[key];
  if (raw === undefined || raw === '') return fallback;
  const v = String(raw).trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new BadRequestError(`Options.${key} must be "true" or "false", got "${raw}"`, { field: `Options.${key}` });
}

function positive(options: Record<string, string>, key: string, fallback: number): number {
  const raw = options[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(String(raw).trim());
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new BadRequestError(`Options.${key} must be a positive integer, got "${raw}"`, { field: `Options.${key}` });
  }
  return n;
}

export function fileOptions(model: ModelDefinition): FileOptions {
  const o = model.options ?? {};
  return {
    oneFilePerIteration: bool(o, 'ONE_FILE_PER_ITERATION', true),
    deletePrevious: bool(o, 'DELETE_PREVIOUS', false),
    csvHeader: bool(o, 'CSV_HEADER', true),
    parquetPageSize: positive(o, 'PARQUET_PAGE_SIZE', 1048576),
    parquetRowGroupSize: positive(o, 'PARQUET_ROW_GROUP_SIZE', 134217728),
    parquetDictionaryPageSize: positive(o, 'PARQUET_DICTIONARY_PAGE_SIZE', 1048576),
    parquetDictionaryEncoding: bool(o, 'PARQUET_DICTIONARY_ENCODING', true),
  };
}
