/**
 * The local files a command produced, from its own events only: the location of each batch-completed event
 * written by a local-file sink (a multipleconnectors command: each local sink's), first seen first, once each.
 * Nothing from a request takes part, so a download can only ever name files the command recorded.
 */
import type { StoredEvent } from '../events/types.js';

export function producedLocations(events: readonly StoredEvent[], localServices: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const queued = events.find((e) => e.type === 'queued');
  const service = queued?.type === 'queued' ? queued.data.service : undefined;
  for (const e of events) {
    if (e.type !== 'batch-completed') continue;
    const d = e.data;
    const found = d.sinks ? d.sinks.filter((s) => localServices.has(s.service)).map((s) => s.location) : service && localServices.has(service) ? [d.location] : [];
    for (const location of found) if (location) seen.add(location);
  }
  return [...seen];
}
