/** Throttling of failed sign-ins: lockout after the limit, doubling lockouts, reset, forgetting, bounded memory. */
import test from 'ava';
import { FailureThrottle, type ThrottleOptions } from '../../../src/api/auth-throttle.js';

const SECOND = 1000;
const OPTIONS: ThrottleOptions = { maxFailures: 5, windowMs: 60 * SECOND, lockoutMs: 60 * SECOND, maxLockoutMs: 300 * SECOND, forgetMs: 3600 * SECOND, maxKeys: 100 };

function throttle(opts: Partial<ThrottleOptions> = {}) {
  const clock = { now: 0 };
  return { clock, t: new FailureThrottle({ ...OPTIONS, ...opts }, () => clock.now) };
}

test('the fifth failure within a minute locks the key for the first lockout; four do not', (t) => {
  const { t: th } = throttle();
  for (let i = 0; i < 4; i++) t.is(th.fail('root'), 0);
  t.is(th.lockedFor('root'), 0);
  t.is(th.fail('root'), 60 * SECOND);
  t.is(th.lockedFor('root'), 60 * SECOND);
  t.is(th.lockedFor('other'), 0, 'other keys are not locked');
});

test('failures older than the window do not count', (t) => {
  const { t: th, clock } = throttle();
  for (let i = 0; i < 4; i++) th.fail('root');
  clock.now += 61 * SECOND;
  t.is(th.fail('root'), 0);
  t.is(th.lockedFor('root'), 0);
});

test('the lockout runs out, and each new lockout doubles, up to the cap', (t) => {
  const { t: th, clock } = throttle();
  const lockouts: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 4; i++) th.fail('root');
    lockouts.push(th.fail('root'));
    clock.now += th.lockedFor('root');
    t.is(th.lockedFor('root'), 0, 'the lockout ends');
  }
  t.deepEqual(lockouts, [60, 120, 240, 300, 300].map((s) => s * SECOND));
});

test('a reset clears the failures and the lockouts', (t) => {
  const { t: th } = throttle();
  for (let i = 0; i < 5; i++) th.fail('root');
  th.reset('root');
  t.is(th.lockedFor('root'), 0);
  for (let i = 0; i < 4; i++) th.fail('root');
  t.is(th.fail('root'), 60 * SECOND, 'back to the first lockout');
});

test('a key with no failure for the forget time is forgotten, lockouts included', (t) => {
  const { t: th, clock } = throttle();
  for (let i = 0; i < 5; i++) th.fail('root');
  clock.now += 3600 * SECOND;
  t.is(th.lockedFor('root'), 0);
  t.is(th.size, 0);
  for (let i = 0; i < 4; i++) th.fail('root');
  t.is(th.fail('root'), 60 * SECOND);
});

test('memory is bounded: beyond maxKeys the least recently failed keys are dropped, locked ones last', (t) => {
  const { t: th, clock } = throttle({ maxKeys: 100 });
  for (let i = 0; i < 5; i++) th.fail('target');
  th.fail('early');
  for (let i = 0; i < 10_000; i++) {
    clock.now += 1;
    th.fail(`name-${i}`);
  }
  t.is(th.size, 100);
  t.true(th.lockedFor('target') > 0, 'a flood of new names does not free a locked key');
  for (let i = 0; i < 4; i++) th.fail('early');
  t.is(th.lockedFor('early'), 0, 'the oldest unlocked key was dropped: its earlier failure no longer counts');
  t.is(th.fail('early'), 60 * SECOND);
});
