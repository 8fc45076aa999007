/**
 * A command's output files for download: the locations its own events recorded (produced-locations.ts), each
 * resolved through links and kept only when it lies inside a configured output directory, outside the service's
 * protected files, and is a regular file. The request names the command only, never a path.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.js';
import { placementOf } from '../confined-path.js';
import { BadRequestError, NotFoundError } from '../errors.js';
import type { EventLog } from '../ports/event-log.js';
import { localFileSinks } from '../sinks/files/local-sinks.js';
import { producedLocations } from './produced-locations.js';

export interface OutputFile {
  /** The entry name: the file's base name (made unique within the command). */
  name: string;
  /** Its real path, checked to be inside an output directory. */
  real: string;
  size: number;
}

export interface OutputDeps {
  events: EventLog;
  config: Pick<Config, 'outputRoots' | 'protectedRoots'>;
}

const LOCAL_SERVICES = new Set(Object.keys(localFileSinks));

export async function commandOutputFiles(deps: OutputDeps, uuid: string): Promise<OutputFile[]> {
  const events = await deps.events.readCommand(uuid);
  if (events.length === 0) throw new NotFoundError(`command ${uuid} not found`, { commandUuid: uuid });
  const locations = producedLocations(events, LOCAL_SERVICES);
  if (locations.length === 0) {
    throw new NotFoundError(`command ${uuid} has recorded no local output file (yet): only the ${[...LOCAL_SERVICES].join(', ')} sinks write files the service serves`, { commandUuid: uuid });
  }
  const files: OutputFile[] = [];
  const names = new Set<string>();
  for (const location of locations) {
    const placement = await placementOf(location, deps.config.outputRoots, deps.config.protectedRoots);
    if (placement.kind !== 'inside') continue;
    const stats = await statOf(placement.real);
    if (!stats?.isFile()) continue;
    files.push({ name: uniqueName(path.basename(placement.real), names), real: placement.real, size: stats.size });
  }
  if (files.length === 0) throw new NotFoundError(`command ${uuid}'s output files are no longer in the output directories`, { commandUuid: uuid });
  // By name, so the first is batch 0's whatever order batches completed in.
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function statOf(file: string): Promise<Stats | undefined> {
  const handle = await openFile(file).catch(() => undefined);
  if (!handle) return undefined;
  try {
    return await handle.stat();
  } finally {
    await handle.close();
  }
}

/** Opens the checked real path without following a link put there since (the last component). */
export async function openFile(real: string): Promise<FileHandle> {
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    throw new NotFoundError(`${path.basename(real)} is not a regular file`);
  }
  return handle;
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${n}-${base}`;
  taken.add(name);
  return name;
}

/** Formats whose files are lines of text, so that their first rows are their first lines. */
const TEXT_FORMATS = new Set(['.csv', '.json']);

export interface OutputPreview {
  commandUuid: string;
  file: string;
  /** The first lines of the file, without their line ends (a CSV file's header counts as a line). */
  lines: string[];
  /** More lines follow. */
  truncated: boolean;
}

/** At most this much of a file is read for a preview, whatever its lines' length. */
const PREVIEW_BYTES = 1 << 20;

export async function previewOutput(deps: OutputDeps, uuid: string, maxLines: number): Promise<OutputPreview> {
  const files = await commandOutputFiles(deps, uuid);
  const file = files.find((f) => TEXT_FORMATS.has(path.extname(f.name)));
  if (!file) throw new BadRequestError(`command ${uuid} wrote no csv or json file: only text files have a preview (download the output instead)`, { commandUuid: uuid });
  const handle = await openFile(file.real);
  try {
    return { commandUuid: uuid, file: file.name, ...(await firstLines(handle.createReadStream({ autoClose: false, encoding: 'utf8' }), maxLines)) };
  } finally {
    await handle.close();
  }
}

/** The first `max` lines of a text stream (utf8), reading no more than about PREVIEW_BYTES. */
export async function firstLines(stream: Readable, max: number): Promise<{ lines: string[]; truncated: boolean }> {
  let text = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    text += chunk;
    const lines = text.split(/\r?\n/);
    // max whole lines and the start of another: enough.
    if (lines.length > max + 1 || text.length >= PREVIEW_BYTES) {
      stream.destroy();
      return { lines: lines.slice(0, max), truncated: true };
    }
  }
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return { lines: lines.slice(0, max), truncated: lines.length > max };
}
