/**
 * Which commands wait for which (the orchestrator's memory of `after`, live only): a waiter is registered
 * before its dependencies' statuses are read, so one ending meanwhile is seen. Outcomes are kept only for
 * commands someone waits for (the orchestrator forgets ended commands), and dropped with their last waiter:
 * memory is bounded by the waiting commands × MAX_AFTER.
 */
import type { CommandStatus } from '../../machines/command.machine.js';

export class DependencyWaits {
  /** Dependency → the commands waiting for it. */
  private readonly waiters = new Map<string, Set<string>>();
  /** Waiter → its dependencies. */
  private readonly waits = new Map<string, readonly string[]>();
  /** How a dependency someone waits for ended. */
  private readonly outcomes = new Map<string, CommandStatus>();

  wait(waiter: string, after: readonly string[]): void {
    this.forget(waiter);
    this.waits.set(waiter, after);
    for (const dep of after) {
      const set = this.waiters.get(dep) ?? new Set<string>();
      set.add(waiter);
      this.waiters.set(dep, set);
    }
  }

  /** The waiter no longer waits (it started, failed or ended). */
  forget(waiter: string): void {
    for (const dep of this.waits.get(waiter) ?? []) {
      const set = this.waiters.get(dep);
      set?.delete(waiter);
      if (set?.size === 0) {
        this.waiters.delete(dep);
        this.outcomes.delete(dep);
      }
    }
    this.waits.delete(waiter);
  }

  /** A command ended: recorded if someone waits for it; answers who waits. */
  ended(uuid: string, status: CommandStatus): string[] {
    const set = this.waiters.get(uuid);
    if (!set) return [];
    this.outcomes.set(uuid, status);
    return [...set];
  }

  outcome(uuid: string): CommandStatus | undefined {
    return this.outcomes.get(uuid);
  }

  get size(): { waiting: number; outcomes: number } {
    return { waiting: this.waits.size, outcomes: this.outcomes.size };
  }
}
