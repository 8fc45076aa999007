// Re-run: the parameters of a command, from its queued event (as /command/history has it, secrets removed), as
// the form /datagen/<service> takes, naming the stored model (an uploaded model was stored under its name).
// Or the reason a re-run is not possible.
const REDACTED = /^\*+$|^<redacted>$|\[redacted\]/i;

/** { service, form, notes } or { reason }. `storedNames` are the model store's names the caller may use. */
export function rerunRequest(events, storedNames) {
  const queued = events.find((e) => e.type === 'queued')?.data;
  if (!queued) return { reason: 'Its queued event is missing: nothing to re-run from.' };
  if (queued.scheduleId) return { reason: 'It is an execution of a schedule: the schedule runs it again.' };
  if (queued.unbounded) return { reason: 'It ran until cancelled: launch it again from the launch page.' };
  const model = queued.model?.name;
  if (!storedNames.includes(model)) return { reason: `Its model ${model ?? '?'} is not in the model store (or not yours to use): it cannot be re-run from here.` };
  const form = new FormData();
  form.set('model', model);
  for (const key of ['rows', 'batches', 'threads', 'seed']) if (queued[key] !== undefined) form.set(key, String(queued[key]));
  for (const c of queued.connectors ?? []) form.append('connectors', c);
  const rate = queued.rate;
  if (rate) {
    form.set('rows_per_second', String(rate.rowsPerSecond));
    if (rate.endRowsPerSecond !== undefined) form.set('ramp_to_rows_per_second', String(rate.endRowsPerSecond));
    if (rate.rampSeconds !== undefined) form.set('ramp_seconds', String(rate.rampSeconds));
  }
  const properties = Object.fromEntries(Object.entries(queued.properties ?? {}).filter(([, v]) => !REDACTED.test(String(v))));
  if (Object.keys(properties).length) form.set('extraProperties', JSON.stringify(properties));
  const notes = [`model ${model} as stored now`, 'secret settings and credentials are not re-sent'];
  return { service: queued.service, form, notes };
}
