/** The output ownership rule: when two commands would write, or delete, the same file names. */
import test from 'ava';
import { conflictingCommand, targetsConflict, type OutputTarget } from '../../../src/sinks/output-target.js';

const target = (over: Partial<OutputTarget> = {}): OutputTarget => ({ dir: '/data/output/m', base: 'm', ext: 'json', deletesPrevious: false, ...over });

test('the same directory, prefix and format conflict; any other one of them differing does not', (t) => {
  t.true(targetsConflict(target(), target()));
  t.false(targetsConflict(target(), target({ ext: 'csv' })), 'another format writes other names');
  t.false(targetsConflict(target(), target({ base: 'm2' })));
  t.false(targetsConflict(target(), target({ dir: '/data/output/other' })));
  t.false(targetsConflict(target({ base: 'c' }), target({ base: 'customers-usa' })), 'a prefix that merely starts alike is another family');
});

test('schedule executions: each its own names; a schedule as a whole claims all of them', (t) => {
  t.false(targetsConflict(target({ execution: 1 }), target({ execution: 2 })));
  t.true(targetsConflict(target({ execution: 3 }), target({ execution: 3 })));
  t.false(targetsConflict(target(), target({ execution: 1 })), 'a plain command and an execution write different names');
  t.true(targetsConflict(target({ execution: 'every' }), target({ execution: 7 })));
  t.true(targetsConflict(target({ execution: 'every' }), target({ execution: 'every' })), 'two schedules of one model would write the same names');
  t.false(targetsConflict(target({ execution: 'every' }), target()));
});

test('DELETE_PREVIOUS conflicts with every name of its family, on either side', (t) => {
  t.true(targetsConflict(target({ deletesPrevious: true }), target({ execution: 4 })));
  t.true(targetsConflict(target({ execution: 4 }), target({ deletesPrevious: true })));
  t.true(targetsConflict(target({ deletesPrevious: true, execution: 'every' }), target()));
  t.false(targetsConflict(target({ deletesPrevious: true }), target({ ext: 'csv' })), 'it deletes its own format only');
  t.false(targetsConflict(target({ deletesPrevious: true, base: 'c' }), target({ base: 'customers-usa' })));
});

test('conflictingCommand: the first running command in conflict, a schedule never with its own executions', (t) => {
  const running = [
    { commandUuid: 'old' },
    { commandUuid: 'kafka', target: undefined },
    { commandUuid: 'exec-1', target: target({ execution: 1 }), scheduleId: 's1' },
    { commandUuid: 'plain', target: target() },
  ];
  t.is(conflictingCommand(target(), running)?.commandUuid, 'plain');
  t.is(conflictingCommand(target({ execution: 'every' }), running)?.commandUuid, 'exec-1');
  t.is(conflictingCommand(target({ execution: 'every' }), running, 's1'), undefined, "schedule s1's own execution");
  t.is(conflictingCommand(target({ ext: 'avro' }), running), undefined);
  t.is(conflictingCommand(undefined, running), undefined, 'a sink without files claims nothing');
});
