/** The byte destination contract against the local file system, in a temporary output root. */
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localDestination } from '../../src/sinks/destinations/local.js';
import { destinationContract } from './destination.contract.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'datagen-destination-'));
test.after.always(() => rmSync(root, { recursive: true, force: true }));

const settings = { dataDir: path.join(root, 'data'), outputRoots: [root], properties: {} };
destinationContract(test, 'local', async () => localDestination(settings), (id) => path.join(root, 'out', id));
