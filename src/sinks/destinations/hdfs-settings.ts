/**
 * Where the hdfs_* sinks write, from a command's settings (pure: no I/O).
 *
 * The namenode's WebHDFS address: the service property HDFS_URL (http(s)://namenode:9870, what
 * `npm run services -- start hdfs` prints; for an HA pair, both namenodes', comma-separated), else derived from the original's hdfs.uri as HDFS_URI:
 * webhdfs://host:port and swebhdfs://host:port name the HTTP address itself; hdfs://host[:rpc port] maps to
 * http://host:9870, the default namenode HTTP port of Hadoop 3 (the RPC port says nothing about it; set HDFS_URL
 * when the cluster differs). The model's Table_Names give HDFS_FILE_PATH (default /user/datagen/hdfs/<model>/, as
 * the original's example models), HDFS_FILE_NAME (default the model name) and HDFS_USER (default datagen);
 * Options.HDFS_REPLICATION_FACTOR, when given, is the files' replication. HDFS_USE_KERBEROS=true is refused: no
 * SPNEGO client runs here, and writing unauthenticated instead would be wrong.
 */
import { BadRequestError } from '../../errors.js';
import { executionNumber, executionPrefix } from '../files/paths.js';
import { plainName } from '../files/plain-name.js';
import { booleanSetting, setting } from '../kafka/settings.js';
import type { SinkContext } from '../types.js';
import type { EndpointSetting } from '../endpoints/endpoint-setting.js';
import type { Destination } from './destination.js';
import { DEFAULT_HDFS_USER, hdfsDestination, type HdfsSettings } from './hdfs.js';
import { localServerHint } from '../local-server-hint.js';

/** Service properties the hdfs_* sinks read (environment or a command's extraProperties), besides model keys. */
export const HDFS_CONNECTION_SETTINGS: readonly string[] = ['HDFS_URL', 'HDFS_URI'];

/** Both name the namenodes it connects to (checked against the operator's allow-list: src/sinks/endpoints/). */
export const HDFS_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: 'HDFS_URL', kind: 'url-list' },
  { key: 'HDFS_URI', kind: 'namenode-uri' },
];

/** Hadoop 3's default dfs.namenode.http-address port. */
export const DEFAULT_NAMENODE_HTTP_PORT = 9870;

export interface HdfsPlan extends HdfsSettings {
  url: string[];
  /** Absolute HDFS directory of the command's files, without a trailing '/'. */
  dir: string;
  /** File name prefix before any schedule execution part: HDFS_FILE_NAME or the model name. */
  base: string;
}

export function hdfsPlan(ctx: SinkContext): HdfsPlan {
  if (booleanSetting(ctx, 'Table_Names', 'HDFS_USE_KERBEROS', false)) {
    throw new BadRequestError(
      'Table_Names.HDFS_USE_KERBEROS=true is not supported: this service has no Kerberos (SPNEGO) client for WebHDFS; ' +
        'use a cluster with simple authentication (HDFS_USER), or a gateway such as Knox in front of it',
      { field: 'Table_Names.HDFS_USE_KERBEROS' },
    );
  }
  const replication = replicationOf(ctx);
  return {
    url: webHdfsUrls(ctx.settings.properties),
    user: userOf(ctx),
    ...(replication ? { replication } : {}),
    dir: dirOf(ctx),
    base: baseOf(ctx),
  };
}

/**
 * The destination (built without connecting, so validate() may build it), directory and file name prefix of an
 * hdfs_* sink's files: `base` before any schedule execution part (what DELETE_PREVIOUS clears), `prefix` with it.
 */
export function hdfsTarget(ctx: SinkContext): { destination: Destination; dir: string; base: string; prefix: string } {
  const { dir, base, ...settings } = hdfsPlan(ctx);
  const execution = executionNumber(ctx);
  const prefix = execution === undefined ? base : executionPrefix(base, execution);
  return { destination: hdfsDestination(settings), dir, base, prefix };
}

/** The WebHDFS base URLs from HDFS_URL, else from HDFS_URI; a 400 naming the key when neither gives one. */
export function webHdfsUrls(properties: Record<string, string>): string[] {
  const explicit = (properties.HDFS_URL ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
  if (explicit.length > 0) return [...new Set(explicit.map((u) => httpUrl(u, 'HDFS_URL')))];
  return [webHdfsUrlOfUri(properties.HDFS_URI)];
}

function webHdfsUrlOfUri(raw: string | undefined): string {
  const uri = raw?.trim();
  if (!uri) {
    throw new BadRequestError(
      'the hdfs sinks need HDFS_URL, the namenode\'s WebHDFS address (e.g. http://namenode:9870), or HDFS_URI (hdfs://namenode:8020): ' +
        `set it in the service environment or as a command property${localServerHint('hdfs')}`,
      { field: 'HDFS_URL' },
    );
  }
  const parsed = URL.canParse(uri) ? new URL(uri) : undefined;
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return httpUrl(uri, 'HDFS_URI');
  if (parsed && parsed.hostname && !parsed.username && !parsed.password && /^s?webhdfs:$/.test(parsed.protocol)) {
    const scheme = parsed.protocol === 'swebhdfs:' ? 'https' : 'http';
    return `${scheme}://${parsed.hostname}:${parsed.port || DEFAULT_NAMENODE_HTTP_PORT}`;
  }
  if (parsed && parsed.protocol === 'hdfs:' && parsed.hostname && !parsed.username && !parsed.password) {
    return `http://${parsed.hostname}:${DEFAULT_NAMENODE_HTTP_PORT}`;
  }
  throw new BadRequestError(`HDFS_URI "${shown(redacted(uri))}" is not an hdfs://host:port, webhdfs://host:port or http(s):// address`, { field: 'HDFS_URI' });
}

function httpUrl(raw: string, key: string): string {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new BadRequestError(`${key} "${shown(redacted(raw))}" must be an http(s) URL of the namenode's WebHDFS address, e.g. http://namenode:9870`, { field: key });
  }
  if (url.username || url.password) throw new BadRequestError(`${key} must not hold credentials`, { field: key });
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function userOf(ctx: SinkContext): string {
  const user = setting(ctx, 'Table_Names', 'HDFS_USER') ?? DEFAULT_HDFS_USER;
  if (!/^[A-Za-z0-9._@-]{1,128}$/.test(user)) {
    throw new BadRequestError(`Table_Names.HDFS_USER "${shown(user)}" is not a user name (letters, digits, . _ @ - only)`, { field: 'Table_Names.HDFS_USER' });
  }
  return user;
}

function dirOf(ctx: SinkContext): string {
  const field = 'Table_Names.HDFS_FILE_PATH';
  const configured = setting(ctx, 'Table_Names', 'HDFS_FILE_PATH');
  if (configured === undefined) return `/user/datagen/hdfs/${plainName(ctx.model.name, 'model_name')}`;
  const parts = configured.split('/').filter((s) => s !== '' && s !== '.');
  const problem = !configured.startsWith('/')
    ? 'is not an absolute path (it must start with /)'
    : parts.includes('..')
      ? 'contains ".."'
      : /[\u0000-\u001f\u007f-\u009f:]/.test(configured)
        ? 'contains a control character or ":"'
        : parts.length === 0
          ? 'is the root directory'
          : undefined;
  if (problem) throw new BadRequestError(`${field} "${shown(configured)}" ${problem}`, { field });
  return `/${parts.join('/')}`;
}

function baseOf(ctx: SinkContext): string {
  const configured = setting(ctx, 'Table_Names', 'HDFS_FILE_NAME');
  return configured === undefined ? plainName(ctx.model.name, 'model_name') : plainName(configured, 'Table_Names.HDFS_FILE_NAME');
}

function replicationOf(ctx: SinkContext): number | undefined {
  const raw = setting(ctx, 'Options', 'HDFS_REPLICATION_FACTOR');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 32767) {
    throw new BadRequestError(`Options.HDFS_REPLICATION_FACTOR must be an integer from 1 to 32767, got "${shown(raw)}"`, { field: 'Options.HDFS_REPLICATION_FACTOR' });
  }
  return n;
}

/** A URL-like text without what could be a user:password before '@'. */
function redacted(raw: string): string {
  return raw.replace(/^([^/]*\/\/)[^/]*@/, '$1…@');
}

function shown(value: string): string {
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}
