/**
 * A `datagen serve` pointed at a real Kafka, HBase, HDFS or HiveServer2 started for the test file (see services/for-tests.ts),
 * and the customer model with Table_Names (and Options) overridden for the test.
 */
import type { TestFn } from 'ava';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JavaService } from './services/java.js';
import { serviceForTests, type ServiceForTests, type ServiceForTestsOptions } from './services/for-tests.js';
import { ROOT, startServe, type ServiceProcess } from './service-process.js';

export interface ServiceWithSinkServer {
  server: ServiceForTests;
  service(): ServiceProcess;
}

export async function serviceWithSinkServer(test: TestFn, kind: JavaService, opts: ServiceForTestsOptions = {}): Promise<ServiceWithSinkServer> {
  const server = await serviceForTests(test, kind, opts);
  let svc: ServiceProcess | undefined;
  test.before(`start the service against ${kind}`, async (t) => {
    t.timeout(16 * 60_000);
    // ava runs before-hooks concurrently: wait for the server's hook, failing at once with its error when it could not start.
    await server.ready();
    svc = await startServe({ env: server.env() });
  });
  test.after.always('stop the service', async () => {
    await svc?.stop();
  });
  return {
    server,
    service: () => {
      if (!svc) throw new Error('the service is not running');
      return svc;
    },
  };
}

export async function customerModel(tableNames: Record<string, string>, options: Record<string, string> = {}): Promise<string> {
  const model = JSON.parse(await readFile(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
  model.Table_Names = { ...model.Table_Names, ...tableNames };
  model.Options = { ...model.Options, ...options };
  return JSON.stringify(model);
}
