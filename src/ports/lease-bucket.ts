/**
 * The lease bucket port, under the leader lease (src/leadership/leader-lease.ts): keys whose entries expire
 * `ttl` after their last write, written only with compare-and-set on a revision.
 */
export interface LeaseBucket {
  /** Creates the key with `value`; rejects when it exists and has not expired. Answers the new revision. */
  create(key: string, value: string): Promise<number>;
  /** Rewrites the key if its revision is still `revision` (the entry's life starts over); rejects otherwise. */
  update(key: string, value: string, revision: number): Promise<number>;
  /** Deletes the key if its revision is still `revision`; rejects otherwise. */
  delete(key: string, revision: number): Promise<void>;
}
