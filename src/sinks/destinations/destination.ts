/**
 * A byte destination: where a file sink's files go (the local file system, HDFS, an S3-compatible object store,
 * Azure Blob/ADLS, GCS). A file format (what the bytes are) composes with a destination (where they go) into one
 * sink of the original's list: json, hdfs_json, s3_parquet, ... Paths are '/'-separated; for object stores a
 * directory is a key prefix.
 *
 * A file is written as a stream and becomes visible only on commit, which replaces a file of that name (a
 * redelivered batch replaces its own file); abort leaves nothing. Memory is bounded: no destination buffers a file.
 */

export interface ByteStream {
  /** Appends bytes; resolves when the destination can take more (back-pressure). */
  write(bytes: Uint8Array | string): Promise<void>;
  /** True when write() holds nothing of the bytes once it resolves (they are in the file): the caller may reuse them. */
  readonly releasesWrittenBytes?: boolean;
  /** Makes the file visible under its name, replacing any file there; returns its size in bytes. */
  commit(): Promise<number>;
  /** Drops the file being written: nothing of it stays visible. */
  abort(): Promise<void>;
}

export interface Destination {
  /** 'local', 'hdfs', 's3', 'adls', 'gcs'. */
  readonly kind: string;
  /** Where `path` is, for messages and history: "hdfs://127.0.0.1:9870/data/x.csv" (never credentials). */
  describe(path: string): string;
  /** Makes directory `dir` usable (creates it, or checks the bucket or container is there). */
  makeDir(dir: string): Promise<void>;
  /** A file written as a stream, visible at `file` on commit only. */
  create(file: string): Promise<ByteStream>;
  /**
   * The bytes of `file`, streamed in order. A chunk may be a view of a buffer refilled for the next one: use it
   * (write it out, parse it) or copy it before asking for the next.
   */
  read(file: string): AsyncIterable<Uint8Array>;
  exists(file: string): Promise<boolean>;
  /** Names (not paths) of the files directly in `dir`; [] when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** Removes `file`; a missing one is fine. */
  remove(file: string): Promise<void>;
  /** Removes `dir` and everything in it; a missing one is fine. */
  removeDir(dir: string): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}
