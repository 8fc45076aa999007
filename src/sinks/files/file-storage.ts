/**
 * Where a file sink's files go: a storage turns a command's model and settings into a destination, a directory and
 * a file name prefix. Local files, HDFS, S3 (and Ozone's S3 gateway), Azure Blob/ADLS and GCS are storages; each
 * file format composes with each storage into one sink (file-sink.ts, registry.ts).
 */
import type { Destination } from '../destinations/destination.js';
import type { OutputTarget } from '../output-target.js';
import type { SinkContext } from '../types.js';

export interface FileTarget {
  /** Built without connecting: validate() builds targets too. */
  destination: Destination;
  /** The directory of the command's files ('/'-separated; a key prefix on object stores). */
  dir: string;
  /** The file name prefix before any schedule execution part (LOCAL_FILE_NAME, HDFS_FILE_NAME, S3_KEY_NAME...). */
  base: string;
}

export interface FileStorage {
  /** Prefix of the service names: '' for local files, 'hdfs_', 's3_'... */
  servicePrefix: string;
  /** Checks the storage's own settings at submission (throws BadRequestError naming the key). */
  validate?(ctx: SinkContext): void;
  target(ctx: SinkContext): FileTarget;
  /** The files the command writes, for output ownership between running commands (local files). */
  outputTarget?(ctx: SinkContext, target: FileTarget, ext: string, deletesPrevious: boolean): OutputTarget;
}
