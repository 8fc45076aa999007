/**
 * What a model may read from disk (CSV fields' files): the models directories and the data directory, never the
 * protected roots (the NATS store inside the data directory, the users file).
 */
import type { Config } from './config.js';

export interface ReadableFiles {
  dataDirs: string[];
  protectedRoots: string[];
}

export function readableFiles(config: Pick<Config, 'modelDirs' | 'dataDir' | 'protectedRoots'>): ReadableFiles {
  return { dataDirs: [...config.modelDirs, config.dataDir], protectedRoots: config.protectedRoots };
}
