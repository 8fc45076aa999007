/**
 * The engine on one core, without the service: the customer model compiled, its rows generated chunk by chunk
 * and written through the file sink's batch stream (the compiled encoders) to one file, as a generator thread does
 * for one batch. What the hand-tuned loop is the aim for. `node --import tsx bench/engine-loop.ts <json|csv> <rows>
 * <dir>` writes <dir>/output/bench-engine/… and prints its figures.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { compileModel } from '../src/model/compile.js';
import { parseModelText } from '../src/model/parse.js';
import { sinkContext, sinkSettings } from '../src/sinks/context.js';
import { sinkFor } from '../src/sinks/registry.js';
import { isMain, loopArgs, loopFigures, type Format, type LoopFigures } from './loop-figures.js';

const ROOT = path.resolve(import.meta.dirname, '..');

export async function engineLoop(format: Format, rows: number, dataDir: string): Promise<LoopFigures> {
  const model = JSON.parse(readFileSync(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
  model.Table_Names = { ...model.Table_Names, LOCAL_FILE_PATH: 'output/bench-engine/' };
  const definition = parseModelText(JSON.stringify(model));
  const generator = await compileModel(definition, { dataDirs: [] });
  const ctx = sinkContext('00000000-0000-4000-8000-00000000e2e0', definition, rows, 1, sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} }));
  const sink = sinkFor(format);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const shard = { index: 0, count: 1, firstRow: 0, rows };
  const stream = await writer.begin(0, shard);
  for (const chunk of generator.chunks(1, 0, rows, shard, { referenceTime: Date.UTC(2026, 0, 1) })) await stream.write(chunk);
  const result = await stream.commit();
  const figures = loopFigures(rows, result.bytes ?? (result.location ? statSync(result.location).size : 0), t0, cpu0);
  await writer.close();
  await sink.finalize(ctx);
  generator.dispose?.();
  return figures;
}

if (isMain(import.meta.url)) {
  const { format, rows, file } = loopArgs();
  console.log(JSON.stringify(await engineLoop(format, rows, file)));
}
