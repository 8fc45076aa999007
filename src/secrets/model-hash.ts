/**
 * A model's content hash, the key commands reference it by: sha256 of the stored (redacted) model, plus, when it
 * has secrets, a digest of them keyed by the deployment's salt. Two models that differ only in a password are two
 * models, and a hash shown to a viewer cannot be used to guess the password offline.
 */
import { createHash, createHmac } from 'node:crypto';
import type { ModelDefinition } from '../model/types.js';
import { hasModelSecrets, type ModelSecrets } from './model-secrets.js';

export function modelHash(stored: ModelDefinition, secrets: ModelSecrets = {}, salt = ''): string {
  const hash = createHash('sha256').update(JSON.stringify(stored));
  if (hasModelSecrets(secrets)) hash.update('\n').update(createHmac('sha256', salt).update(JSON.stringify(secrets)).digest('hex'));
  return hash.digest('hex');
}
