/**
 * `npm run bench`: runs every bench module present and prints its figures. Each module measures its own
 * baseline in the same run, so ratios hold on any machine. `npm run bench -- pipeline generation` runs a subset.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';

const MODULES: Array<{ key: string; file: string; fn: string }> = [
  { key: 'generation', file: 'generation.ts', fn: 'benchGeneration' },
  { key: 'file-sinks', file: 'file-sinks.ts', fn: 'benchFileSinks' },
  { key: 'orc', file: 'orc.ts', fn: 'benchOrc' },
  { key: 'pipeline', file: 'pipeline.ts', fn: 'benchPipeline' },
  { key: 'end-to-end', file: 'end-to-end.ts', fn: 'benchEndToEnd' },
  { key: 'memory', file: 'memory.ts', fn: 'benchMemory' },
  { key: 'load', file: 'load.ts', fn: 'benchLoad' },
  { key: 'kafka', file: 'kafka.ts', fn: 'benchKafka' },
  { key: 'kafka-hbase', file: 'kafka-hbase.ts', fn: 'benchKafkaHbase' },
  { key: 'kafka-clients', file: 'kafka-clients.ts', fn: 'benchKafkaClients' },
  { key: 'solr', file: 'solr.ts', fn: 'benchSolr' },
  { key: 'kudu', file: 'kudu.ts', fn: 'benchKudu' },
  { key: 'databases', file: 'databases.ts', fn: 'benchDatabases' },
  { key: 'object-stores', file: 'object-stores.ts', fn: 'benchObjectStores' },
  { key: 'hdfs', file: 'hdfs.ts', fn: 'benchHdfs' },
  { key: 'data-lakes', file: 'data-lakes.ts', fn: 'benchDataLakes' },
  { key: 'hive', file: 'hive.ts', fn: 'benchHive' },
  { key: 'multiple-connectors', file: 'multiple-connectors.ts', fn: 'benchMultipleConnectors' },
  { key: 'startup', file: 'startup.ts', fn: 'benchStartup' },
  { key: 'capacity', file: 'capacity.ts', fn: 'benchCapacity' },
  { key: 'rate', file: 'rate.ts', fn: 'benchRate' },
  { key: 'faults', file: 'faults.ts', fn: 'benchFaults' },
  { key: 'relations', file: 'relations.ts', fn: 'benchRelations' },
  { key: 'lifecycle', file: 'lifecycle.ts', fn: 'benchLifecycle' },
  { key: 'llm', file: 'llm.ts', fn: 'benchLlm' },
];

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
console.log(`datagen bench: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
let failures = 0;
for (const m of MODULES) {
  if (wanted.length && !wanted.includes(m.key)) continue;
  const file = path.join(here, m.file);
  if (!existsSync(file)) continue;
  console.log(`\n## ${m.key}`);
  try {
    const mod = (await import(file)) as Record<string, () => Promise<BenchResult[]>>;
    for (const r of await mod[m.fn]()) {
      const value = r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toFixed(2);
      console.log(`${r.name.padEnd(72)} ${value.padStart(12)} ${r.unit}${r.note ? `   (${r.note})` : ''}`);
    }
  } catch (err) {
    failures++;
    console.log(`${m.key} failed: ${(err as Error).stack ?? err}`);
  }
}
process.exit(failures ? 1 : 0);
