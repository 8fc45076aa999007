/** `datagen status`: a command with faults shows how many of each kind its batches hold; one without, no line. */
import test from 'ava';
import { describeCommand } from '../../src/cli/status.js';
import type { CommandDetails } from '../../src/projection/status-view.js';

const details = (over: Partial<CommandDetails>): CommandDetails => ({
  commandUuid: 'u', status: 'FINISHED', comment: '', progress: '100.0', duration: '1.0s', durationMs: 1000, service: 'json', modelName: 'm',
  rows: 10, batches: 1, threads: 1, batchesCompleted: 1, rowsWritten: 10, rowsRequested: 10, queuedAt: '2026-01-01T00:00:00Z',
  startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z', seed: 1, owner: 'anonymous', modelHash: 'h', properties: {},
  scheduleId: null, failedAttempts: 0, connectors: ['json'], rowsBySink: { json: 10 }, ...over,
});

test('the faults line lists the kinds injected', (t) => {
  t.regex(describeCommand(details({ faults: { null: 3, empty: 0, late: 1200 } })), /faults\s+null 3, late 1,200/);
});

test('no faults, no line', (t) => {
  t.notRegex(describeCommand(details({})), /faults/);
});
