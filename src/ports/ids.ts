/** The id port: command uuids, event ids and random seeds, so that specs can make them predictable. */
import { randomInt, randomUUID } from 'node:crypto';

export interface Ids {
  uuid(): string;
  /** A random seed for a command that was given none (48 bits, as the API has always drawn them). */
  seed(): number;
}

export const randomIds: Ids = {
  uuid: () => randomUUID(),
  seed: () => randomInt(0, 2 ** 48 - 1),
};
