/** datagen_model_checks{state}: model checks running on their threads and waiting for one (a saturation signal). */
import { Gauge, type Registry } from 'prom-client';
import type { ModelCheckPool } from './model-check-pool.js';

export function modelCheckGauge(registry: Registry, pool: ModelCheckPool): void {
  new Gauge({
    name: 'datagen_model_checks',
    help: 'Model checks (submission compile checks and /model/test) running and queued',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'running' }, pool.running);
      this.set({ state: 'queued' }, pool.queued);
    },
  });
}
