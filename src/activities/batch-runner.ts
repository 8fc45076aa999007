/**
 * A generator actor's work for one batch (or one shard of it): generate the rows from (model, seed, batch, shard)
 * a chunk at a time and stream them to the sink, each chunk generated only once the sink took the previous one, so
 * memory stays that of one chunk whatever the batch. Compiled models and open sink writers are cached; writers idle
 * for a while are closed.
 */
import { shardRange } from '../command/shards.js';
import { compileModel, type CompileEnv } from '../model/compile.js';
import type { ModelDefinition, RowGenerator } from '../model/types.js';
import { sinkContext } from '../sinks/context.js';
import { allProtectedRoots } from '../sinks/files/paths.js';
import { MULTI_SERVICE } from '../sinks/multi-sink.js';
import { namedBySink } from '../sinks/named-sink-error.js';
import { sinkFor } from '../sinks/registry.js';
import type { BatchResult, BatchWriter } from '../sinks/types.js';
import type { BatchJob } from './thread-jobs.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { pacedClock, writePaced } from './pacing.js';
import { LlmChunkFiller } from './llm-chunks.js';
import { anyFaults, emptyFaultCounts } from '../model/faults/counts.js';
import { storesTypedValues } from '../sinks/typed-output.js';
import type { LlmAnswers } from '../ports/llm-answers.js';
import type { LlmShared } from './thread-llm-shared.js';

const WRITER_IDLE_MS = 15_000;
/** Compiled models kept per generator actor; the least recently used is disposed beyond this. */
const MAX_GENERATORS = 16;

export class BatchRunner {
  private readonly models = new Map<string, ModelDefinition>();
  private readonly generators = new Map<string, Promise<RowGenerator>>();
  private readonly writers = new Map<string, { writer: Promise<BatchWriter>; timer?: NodeJS.Timeout }>();
  private readonly llm: LlmChunkFiller;

  /** `clock` paces rate-controlled batches (specs may drive it); `answers` records seeded LLM answers; `shared`: the
   * deployment-wide LLM permits and spend. */
  constructor(private readonly clock: Clock = systemClock, answers?: LlmAnswers, shared?: LlmShared) {
    this.llm = new LlmChunkFiller(answers, shared);
  }

  hasModel(hash: string): boolean {
    return this.models.has(hash);
  }

  /** `onProgress` hears the rows written so far after each chunk. */
  async run(job: BatchJob, onProgress?: (rowsWritten: number) => void, stop?: AbortSignal): Promise<BatchResult> {
    const { item } = job;
    if (job.model) this.models.set(item.modelHash, job.model);
    const model = this.models.get(item.modelHash);
    if (!model) throw new Error(`model ${item.modelHash} was not sent to this generator actor`);
    // CSV fields read under the compile dirs, never in the protected roots the sink settings name.
    const generator = await this.generator(item.modelHash, model, { dataDirs: job.compileDirs, protectedRoots: allProtectedRoots(job.settings) });
    const shard = shardRange(item.rows, item.shardRows, item.shard ?? 0);
    // The composite of several sinks names the one that failed itself.
    const bySink = <T>(p: Promise<T>): Promise<T> => (item.service === MULTI_SERVICE ? p : p.catch((err: unknown) => { throw namedBySink(err, item.service); }));
    const writer = await bySink(this.writer(job, model));
    const stream = await bySink(writer.begin(item.batch, shard));
    try {
      let written = 0;
      const wallClock = item.wallClock === true;
      const clock = item.pace ? { clock: pacedClock(item.pace, item.referenceTime, wallClock) } : {};
      const firstRow = item.batch * item.rows + shard.firstRow;
      let generated = 0;
      // The faults the model injects into this batch, reported with its completion.
      const faults = emptyFaultCounts();
      // The LLM calls made and tokens used by this batch, reported with its completion.
      const llm = { calls: 0, tokens: 0 };
      const typedOutput = storesTypedValues(item.service, item.connectors);
      for (const rows of generator.chunks(item.seed, item.batch, item.rows, shard, { referenceTime: item.referenceTime, wallClock, ...clock, typedOutput, faultCounts: faults })) {
        // Models without LLM fields never await here.
        if (generator.llmColumns) await this.llm.fill(rows, firstRow + generated, generator.llmColumns, job, stop, llm);
        generated += rows.length;
        if (item.pace) {
          await writePaced(item.pace, firstRow + written, rows, async (slice) => {
            await bySink(stream.write(slice));
            written += slice.length;
            onProgress?.(written);
          }, this.clock, stop);
          continue;
        }
        await bySink(stream.write(rows));
        written += rows.length;
        onProgress?.(written);
      }
      const result = await bySink(stream.commit());
      return { ...result, ...(anyFaults(faults) ? { faults } : {}), ...(generator.llmColumns ? { llm } : {}) };
    } catch (err) {
      await stream.abort().catch(() => {});
      throw err;
    }
  }

  async close(): Promise<void> {
    for (const g of this.generators.values()) g.then((x) => x.dispose?.()).catch(() => {});
    this.generators.clear();
    const all = [...this.writers.values()];
    this.writers.clear();
    await Promise.allSettled(all.map(async (w) => { clearTimeout(w.timer); await (await w.writer).close(); }));
  }

  private generator(hash: string, model: ModelDefinition, files: CompileEnv): Promise<RowGenerator> {
    let g = this.generators.get(hash);
    if (g) {
      this.generators.delete(hash); // re-inserted below: Map order is recency
    } else {
      g = compileModel(model, files);
      g.catch(() => this.generators.delete(hash));
    }
    this.generators.set(hash, g);
    while (this.generators.size > MAX_GENERATORS) {
      const [oldest, evicted] = this.generators.entries().next().value as [string, Promise<RowGenerator>];
      this.generators.delete(oldest);
      evicted.then((x) => x.dispose?.()).catch(() => {});
    }
    return g;
  }

  private writer(job: BatchJob, model: ModelDefinition): Promise<BatchWriter> {
    const { item } = job;
    const key = `${item.commandUuid}:${item.service}`;
    let entry = this.writers.get(key);
    if (!entry) {
      const ctx = sinkContext(item.commandUuid, model, item.rows, item.batches, job.settings, item.shardRows, item.connectors);
      const writer = sinkFor(item.service).open(ctx);
      writer.catch(() => this.writers.delete(key));
      entry = { writer };
      this.writers.set(key, entry);
    }
    clearTimeout(entry.timer);
    const current = entry;
    current.timer = setTimeout(() => {
      if (this.writers.get(key) === current) this.writers.delete(key);
      current.writer.then((w) => w.close()).catch(() => {});
    }, WRITER_IDLE_MS);
    current.timer.unref();
    return entry.writer;
  }
}
