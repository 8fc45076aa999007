/** Given the statuses of the commands a command waits for / when it is to start / then start, wait or fail (pure). */
import test from 'ava';
import type { CommandStatus } from '../../../machines/command.machine.js';
import { decideStart, waitingFor } from '../../../src/command/dependencies.js';
import { foldCommandState } from '../../../src/command/command-state.js';
import { contextOf } from '../../../src/command/fold.js';
import { queued } from '../../helpers/events.js';

const P = 'aaaaaaaa-0000-4000-8000-000000000001';
const Q = 'aaaaaaaa-0000-4000-8000-000000000002';
const given = (statuses: Record<string, CommandStatus>) => (uuid: string): CommandStatus | undefined => statuses[uuid];

test('given no after, then it starts', (t) => {
  t.deepEqual(decideStart(undefined, given({})), { kind: 'start' });
  t.deepEqual(decideStart([], given({})), { kind: 'start' });
});

test('given every command it waits for FINISHED, then it starts', (t) => {
  t.deepEqual(decideStart([P, Q], given({ [P]: 'FINISHED', [Q]: 'FINISHED' })), { kind: 'start' });
});

test('given one still running and one finished, then it waits for the running one only', (t) => {
  t.deepEqual(decideStart([P, Q], given({ [P]: 'FINISHED', [Q]: 'RUNNING' })), { kind: 'wait', waitingFor: [Q] });
  t.deepEqual(waitingFor([P, Q], given({ [P]: 'QUEUED', [Q]: 'STARTING' })), [P, Q]);
});

test('given one ended CANCELLED or FAILED, then it fails naming that command, even while another still runs', (t) => {
  t.deepEqual(decideStart([P, Q], given({ [P]: 'RUNNING', [Q]: 'CANCELLED' })), { kind: 'fail', reason: `command ${Q} it waits for ended CANCELLED` });
  t.deepEqual(decideStart([P], given({ [P]: 'FAILED' })), { kind: 'fail', reason: `command ${P} it waits for ended FAILED` });
});

test('given a command that is not in the log, then it fails saying so', (t) => {
  t.deepEqual(decideStart([P], given({})), { kind: 'fail', reason: `command ${P} it waits for does not exist` });
});

test('the queued event\'s after is the command\'s (empty lists are not kept)', (t) => {
  t.deepEqual(contextOf(foldCommandState([queued({ after: [P, Q] })])!.command).after, [P, Q]);
  t.false('after' in contextOf(foldCommandState([queued({ after: [] })])!.command));
});
