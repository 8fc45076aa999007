/**
 * XState's pure `initialTransition`/`transition` for one machine, with the inert actor scope built once
 * instead of per call. XState's own versions create an actor and an actor system on every call (over 100 µs
 * each), which dominated replays. The project's machines spawn no children and use neither `self` nor the
 * system, so one inert scope serves every fold; results are identical (tests run both against each other).
 */
import {
  createActor, setup, type ActorScope, type AnyActorRef, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom,
} from 'xstate';

/** An action the transition asked for: the machines' intents are named actions without implementation. */
export type ExecutableAction = { type: string };

export interface PureTransitions<M extends AnyStateMachine> {
  initial(input: InputFrom<M>): [SnapshotFrom<M>, ExecutableAction[]];
  /** Returns the very same snapshot when the event enables no transition: that is a rejection. */
  transition(snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): [SnapshotFrom<M>, ExecutableAction[]];
}

export function pureTransitions<M extends AnyStateMachine>(machine: M): PureTransitions<M> {
  let collected: ExecutableAction[] = [];
  const self = createActor(setup({}).createMachine({})) as unknown as AnyActorRef;
  const scope = {
    self,
    defer: () => {},
    id: '',
    logger: () => {},
    sessionId: '',
    stopChild: () => {},
    system: (self as unknown as { system: unknown }).system,
    emit: () => {},
    actionExecutor: (action: ExecutableAction) => void collected.push(action),
  } as unknown as ActorScope<SnapshotFrom<M>, EventFromLogic<M>>;

  function collect<T>(run: () => T): [T, ExecutableAction[]] {
    collected = [];
    const result = run();
    const actions = collected;
    collected = [];
    return [result, actions];
  }

  return {
    initial: (input) => collect(() => machine.getInitialSnapshot(scope as never, input) as SnapshotFrom<M>),
    transition: (snapshot, event) => collect(() => machine.transition(snapshot as never, event, scope as never) as SnapshotFrom<M>),
  };
}
