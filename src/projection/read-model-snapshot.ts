/**
 * The read model's snapshot encoding: open commands as their machine state (value and context, JSON-only by
 * the machine's design), ended ones as their frozen status view, schedules as they are. Encoded in slices
 * (src/snapshot/json-slices.ts), decoded at start-up.
 */
import { commandMachine } from '../../machines/command.machine.js';
import type { CommandSnapshot } from '../command/fold.js';
import type { ScheduleState } from '../schedule/schedule-state.js';
import { stringifyInSlices } from '../snapshot/json-slices.js';
import { EndedCommand, type ReadModelState } from './read-model.js';
import type { StatusView } from './status-view.js';

type EncodedCommand = [uuid: string, ended: 0, view: StatusView] | [uuid: string, open: 1, value: unknown, context: unknown];

interface Encoded {
  seq: number;
  rejected: number;
  commands: EncodedCommand[];
  schedules: Array<[string, ScheduleState]>;
  /** Ended commands' full states, as value and context (only a read model that cannot fold them again keeps them). */
  endedStates?: Array<[uuid: string, value: unknown, context: unknown]>;
  /** Other folds of the same events taken at the same sequence (the metrics' totals). */
  parts: Record<string, unknown>;
}

export interface EncodedState {
  text: string;
  longestSliceMs: number;
}

export async function encodeReadModel(state: ReadModelState, parts: Record<string, unknown> = {}): Promise<EncodedState> {
  const commands = await stringifyInSlices(state.commands, ([uuid, entry]): EncodedCommand =>
    entry instanceof EndedCommand ? [uuid, 0, entry.view] : [uuid, 1, entry.value, entry.context]);
  const schedules = await stringifyInSlices(state.schedules, (s) => s);
  const ended = await stringifyInSlices(state.endedStates, ([uuid, s]) => [uuid, s.value, s.context]);
  const head = JSON.stringify({ seq: state.seq, rejected: state.rejected, parts });
  return {
    text: `${head.slice(0, -1)},"commands":${commands.text},"schedules":${schedules.text},"endedStates":${ended.text}}`,
    longestSliceMs: Math.max(commands.longestSliceMs, schedules.longestSliceMs, ended.longestSliceMs),
  };
}

/** Throws on anything but what `encodeReadModel` wrote. */
export function decodeReadModel(text: string): { state: ReadModelState; parts: Record<string, unknown> } {
  const e = JSON.parse(text) as Encoded;
  if (!Number.isInteger(e.seq) || !Array.isArray(e.commands) || !Array.isArray(e.schedules)) throw new Error('not a read model snapshot');
  const commands = e.commands.map((c): [string, CommandSnapshot | EndedCommand] => c[1] === 0
    ? [c[0], new EndedCommand(Object.freeze(c[2]))]
    : [c[0], resolve(c[2], c[3])]);
  const endedStates = (e.endedStates ?? []).map(([uuid, value, context]): [string, CommandSnapshot] => [uuid, resolve(value, context)]);
  return { state: { seq: e.seq, rejected: e.rejected, commands, schedules: e.schedules, endedStates }, parts: e.parts ?? {} };
}

function resolve(value: unknown, context: unknown): CommandSnapshot {
  return commandMachine.resolveState({ value: value as never, context: context as never }) as CommandSnapshot;
}
