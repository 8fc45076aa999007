/** Builds the SinkContext that the API (validate), the orchestrator (prepare/finalize) and workers (write) share. */
import type { Config } from '../config.js';
import { outputColumns } from '../model/columns.js';
import type { ModelDefinition } from '../model/types.js';
import { endpointPolicy } from './endpoints/policy.js';
import type { SinkContext, SinkSettings } from './types.js';

export function sinkSettings(
  config: Pick<Config, 'dataDir' | 'outputRoots' | 'properties'> & Partial<Pick<Config, 'protectedRoots' | 'allowedEndpoints'>>,
  overrides: Record<string, string> = {},
): SinkSettings {
  return {
    dataDir: config.dataDir,
    outputRoots: config.outputRoots,
    properties: { ...config.properties, ...overrides },
    ...(config.protectedRoots ? { protectedRoots: config.protectedRoots } : {}),
    // From the configuration alone: what the overrides name is what the policy judges.
    endpoints: endpointPolicy(config.properties, config.allowedEndpoints),
  };
}

/** `connectors`: a multipleconnectors command's sinks (absent for any other). */
export function sinkContext(commandUuid: string, model: ModelDefinition, rowsPerBatch: number, batches: number, settings: SinkSettings, shardRows?: number, connectors?: string[]): SinkContext {
  return { commandUuid, model, columns: outputColumns(model), rowsPerBatch, batches, settings, ...(shardRows ? { shardRows } : {}), ...(connectors ? { connectors } : {}) };
}
