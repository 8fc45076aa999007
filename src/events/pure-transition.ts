/**
 * XState's pure `initialTransition`/`transition`, with the inert actor scope built once instead of per call.
 * XState's own versions create an actor and an actor system on every call (over 100 µs each), which dominated
 * replays; the command machine spawns no children and uses no system, so one inert scope serves every fold.
 * Results are identical: tests run both against each other.
 */
import { createActor, type ActorScope, type AnyActorRef, type EventObject } from 'xstate';
import { commandMachine, type CommandInput } from '../../machines/command.machine.js';
import type { CommandEvent } from './types.js';

type Snapshot = ReturnType<typeof commandMachine.getInitialSnapshot>;
type ExecutableAction = { type: string };

let scope: ActorScope<Snapshot, CommandEvent> | undefined;
let collected: ExecutableAction[] = [];

function inertScope(input: CommandInput): ActorScope<Snapshot, CommandEvent> {
  if (scope) return scope;
  const self = createActor(commandMachine, { input }) as unknown as AnyActorRef;
  scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: (self as unknown as { system: ActorScope<Snapshot, CommandEvent>['system'] }).system,
    emit: () => {},
    actionExecutor: (action: ExecutableAction) => void collected.push(action),
  } as unknown as ActorScope<Snapshot, CommandEvent>;
  return scope;
}

function collect<T>(run: () => T): [T, ExecutableAction[]] {
  collected = [];
  const result = run();
  const actions = collected;
  collected = [];
  return [result, actions];
}

export function fastInitialTransition(input: CommandInput): [Snapshot, ExecutableAction[]] {
  const s = inertScope(input);
  return collect(() => commandMachine.getInitialSnapshot(s as never, input));
}

export function fastTransition(snapshot: Snapshot, event: CommandEvent): [Snapshot, ExecutableAction[]] {
  const s = inertScope({ event: event as never });
  return collect(() => commandMachine.transition(snapshot, event as EventObject as never, s as never));
}
