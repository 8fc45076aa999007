/** Which services write files and which write to a table, topic or index: the original's metric keys differ by kind. */
import { localFileSinks } from './files/local-sinks.js';
import { remoteFileSinks } from './files/remote-sinks.js';
import { MULTI_SERVICE } from './multi-sink.js';
import { availableSinks, KNOWN_SERVICES } from './registry.js';

export interface ServiceKinds {
  fileSinks: string[];
  otherSinks: string[];
}

/** Every service served or named by the original, multipleconnectors aside (its rows count under its sinks). */
export function serviceKinds(): ServiceKinds {
  const files = new Set([...Object.keys(localFileSinks), ...Object.keys(remoteFileSinks)]);
  const all = [...new Set([...availableSinks(), ...KNOWN_SERVICES])].filter((s) => s !== MULTI_SERVICE);
  return { fileSinks: all.filter((s) => files.has(s)), otherSinks: all.filter((s) => !files.has(s)) };
}
