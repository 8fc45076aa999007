/** The orchestrator's memory of who waits for whom: outcomes kept only while someone waits, so it stays bounded. */
import test from 'ava';
import { DependencyWaits } from '../../../src/orchestrator/dependency-waits.js';

test('an ended dependency answers its waiters and its outcome is kept until the last of them stops waiting', (t) => {
  const w = new DependencyWaits();
  w.wait('child-1', ['parent']);
  w.wait('child-2', ['parent', 'other']);
  t.deepEqual(w.ended('parent', 'FINISHED').sort(), ['child-1', 'child-2']);
  t.is(w.outcome('parent'), 'FINISHED');
  w.forget('child-1');
  t.is(w.outcome('parent'), 'FINISHED', 'child-2 still waits for it');
  w.forget('child-2');
  t.is(w.outcome('parent'), undefined);
  t.deepEqual(w.size, { waiting: 0, outcomes: 0 });
});

test('a command nobody waits for leaves nothing behind when it ends; waiting again replaces the earlier wait', (t) => {
  const w = new DependencyWaits();
  t.deepEqual(w.ended('lonely', 'CANCELLED'), []);
  t.is(w.outcome('lonely'), undefined);
  w.wait('child', ['a', 'b']);
  w.wait('child', ['b']);
  t.deepEqual(w.ended('a', 'FINISHED'), [], 'no longer waits for a');
  t.deepEqual(w.ended('b', 'FAILED'), ['child']);
  w.forget('child');
  t.deepEqual(w.size, { waiting: 0, outcomes: 0 });
});
