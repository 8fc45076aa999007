/** Terminal colours for statuses, only on a TTY and never with NO_COLOR set. */
import { styleText } from 'node:util';
import { colourAllowed } from '../config.js';

type Colour = Parameters<typeof styleText>[0];

const STATUS_COLOURS: Record<string, Colour> = {
  QUEUED: 'gray',
  STARTING: 'cyan',
  RUNNING: 'blue',
  FINISHED: 'green',
  FAILED: 'red',
  CANCELLED: 'yellow',
};

export function colourEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && colourAllowed();
}

export function paint(colour: Colour, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return colourEnabled(stream) ? styleText(colour, text) : text;
}

export function paintStatus(status: string, stream: NodeJS.WriteStream = process.stdout): string {
  return paint(STATUS_COLOURS[status] ?? 'white', status, stream);
}
