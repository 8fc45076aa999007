/**
 * Runs a client command and turns its outcome into the process exit code: the command's own code,
 * or 2 with a clear message when the service refused the request or could not be reached.
 */
import { ApiError, ConnectionError } from './client/errors.js';

export const EXIT_OK = 0;
export const EXIT_COMMAND_FAILED = 1;
export const EXIT_REQUEST_FAILED = 2;

export async function runClient(action: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await action();
  } catch (err) {
    process.stderr.write(`datagen: ${describe(err)}\n`);
    code = EXIT_REQUEST_FAILED;
  }
  process.exit(code);
}

function describe(err: unknown): string {
  if (err instanceof ApiError) return `the service answered ${err.status}: ${err.message}`;
  if (err instanceof ConnectionError) return err.message;
  return (err as Error)?.message ?? String(err);
}
