/**
 * A command to local JSON files through a running service, as a user runs one: submitted, awaited, its details
 * (/command/get) and the lines of its output files (in name order, hidden temp files left out) read back.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { getJson, submit, waitForTerminal, type ServiceProcess } from './service-process.js';

export interface JsonCommandResult {
  status: any;
  details: any;
  rows: Array<Record<string, any>>;
  /** The output files' text joined: what a byte-for-byte comparison of two runs compares. */
  bytes: string;
}

/** `outputDir`: the folder under the service's output/ the model writes to (its LOCAL_FILE_NAME, or its model name). */
export async function runJsonCommand(svc: ServiceProcess, modelText: string, params: Record<string, string | number>, outputDir: string, timeoutMs = 300_000): Promise<JsonCommandResult> {
  const res = await submit(svc.url, 'json', params, { text: modelText });
  if (res.status !== 200) throw new Error(`submission refused: ${JSON.stringify(res.body)}`);
  const status = await waitForTerminal(svc.url, res.body.commandUuid, timeoutMs);
  const details = (await getJson(svc.url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
  const dir = path.join(svc.dataDir, 'output', outputDir);
  const files = status.status === 'FINISHED' ? (await readdir(dir)).filter((f) => !f.startsWith('.')).sort() : [];
  const bytes = (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('');
  return { status, details, rows: bytes.split('\n').filter(Boolean).map((l) => JSON.parse(l)), bytes };
}
