/**
 * The refusals every relational sink shows through the API (called from each sink's e2e file, against a real
 * `datagen serve` on its real server): per-command settings that FAIL the command with a comment naming the sink
 * and address and the secret nowhere (answer, status, history, log), and wrong model keys answering 400 naming them.
 */
import type { ImplementationFn } from 'ava';
import type { FailingSettings } from './lake-e2e.js';
import { customerModel } from './service-with-sink-server.js';
import { getJson, submit, waitForTerminal, type ServiceProcess } from './service-process.js';

export interface SqlRejections {
  test: (title: string, impl: ImplementationFn<[]>) => void;
  service(): ServiceProcess;
  /** The service name: postgresql, mysql. */
  sink: string;
  /** The Table_Names key of the table. */
  tableKey: string;
  failures: Array<{ title: string; settings: () => FailingSettings & { secret: string } }>;
  badKeys: Array<{ tableNames?: Record<string, string>; options?: Record<string, string>; field: string }>;
}

const unique = (what: string) => `e2e_${what}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export function sqlRejectionCases(s: SqlRejections): void {
  for (const { title, settings } of s.failures) {
    s.test(`${title} FAILS the command, naming the sink and its address, no secret anywhere`, async (t) => {
      const f = settings();
      const svc = s.service();
      const model = await customerModel({ [s.tableKey]: unique('fail') });
      const res = await submit(svc.url, s.sink, { rows: 5, batches: 1, extraProperties: JSON.stringify(f.properties) }, { text: model });
      t.is(res.status, 200, JSON.stringify(res.body));
      const status = await waitForTerminal(svc.url, res.body.commandUuid, 240_000);
      t.is(status.status, 'FAILED', JSON.stringify(status));
      for (const name of f.names) t.true(status.comment.includes(name), `${status.comment} names ${name}`);
      const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body;
      for (const [where, text] of [['answer', JSON.stringify(res.body)], ['status', JSON.stringify(status)], ['history', JSON.stringify(history)], ['log', svc.output()]] as const) {
        t.false(text.includes(f.secret), `the secret appears in the ${where}`);
      }
    });
  }
  for (const bad of s.badKeys) {
    s.test(`a wrong ${bad.field} answers 400 naming the key`, async (t) => {
      const res = await submit(s.service().url, s.sink, { rows: 5, batches: 1 }, { text: await customerModel(bad.tableNames ?? {}, bad.options) });
      t.is(res.status, 400, JSON.stringify(res.body));
      t.true(res.body.error.includes(bad.field), res.body.error);
    });
  }
}
