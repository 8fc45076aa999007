/** Local files: LOCAL_FILE_PATH (confined to the output roots) and LOCAL_FILE_NAME, on the service's file system. */
import { localDestination } from '../destinations/local.js';
import type { FileStorage } from './file-storage.js';
import { baseFilePrefix, executionNumber, outputDir, realOfDeepestExisting } from './paths.js';

export const localStorage: FileStorage = {
  servicePrefix: '',
  target: (ctx) => ({ destination: localDestination(ctx.settings), dir: outputDir(ctx), base: baseFilePrefix(ctx) }),
  outputTarget(ctx, target, ext, deletesPrevious) {
    const execution = executionNumber(ctx);
    return { dir: realOfDeepestExisting(target.dir), base: target.base, ext, ...(execution !== undefined ? { execution } : {}), deletesPrevious };
  },
};
