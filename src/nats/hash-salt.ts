/** The model store's salt (src/nats/model-store.ts): one per deployment, in its secrets bucket. */
import type { KV } from '@nats-io/kv';
import { randomBytes } from 'node:crypto';
import { isRevisionConflict } from '../ports/revision-conflict.js';
import { isElecting } from './streams.js';

/**
 * The deployment's salt for the secrets digest: made once by whichever process opens the store first, the others
 * read it. Every process of a deployment must agree on it, so a start that cannot read it fails (after a bounded
 * wait) rather than making its own: a create that went unanswered while the bucket's leader was elected may or may
 * not have been stored, and is tried again until the key reads back.
 */
export async function hashSalt(kv: Pick<KV, 'create' | 'get'>, key: string, waitMs = 30_000): Promise<string> {
  const deadline = Date.now() + waitMs;
  let lastError: unknown;
  for (;;) {
    try {
      await kv.create(key, randomBytes(32).toString('hex'));
    } catch (err) {
      // Another process made it first (a conflict), or the bucket is electing its leader.
      if (!isRevisionConflict(err) && !isElecting(err)) throw err;
      lastError = err;
    }
    try {
      const entry = await kv.get(key);
      if (entry?.operation === 'PUT' && entry.length > 0) return entry.string();
    } catch (err) {
      if (!isElecting(err)) throw err;
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError ? `: ${String((lastError as Error).message ?? lastError)}` : '';
      throw new Error(`the model secrets bucket gave no ${key} within ${waitMs / 1000} s of trying to create and read it${why}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
