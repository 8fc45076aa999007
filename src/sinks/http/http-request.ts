/**
 * One request to an HttpEndpoint with node:http(s) (rather than fetch: fetch refuses some ports a URL may name, e.g.
 * 1, and cannot be given a CA): its basic auth, its CA for https, Node's default certificate verification, a
 * time-out. A connection failure is an error naming the endpoint (its URL without credentials).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { HttpEndpoint } from './http-endpoint.js';

export interface HttpAnswer {
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}

export interface HttpCall {
  method: string;
  /** Path under the endpoint's URL (after its own path prefix), starting with `/`. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: http.Agent;
  timeoutMs?: number;
}

/** The TLS options of the endpoint: its CA file read once per call site (the caller keeps them). */
export function endpointTls(endpoint: HttpEndpoint, caKey: string): { ca?: Buffer } {
  if (!endpoint.caFile || !endpoint.url.startsWith('https:')) return {};
  try {
    return { ca: readFileSync(endpoint.caFile) };
  } catch (err) {
    throw new Error(`${endpoint.name}: ${caKey} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function httpRequest(endpoint: HttpEndpoint, tls: { ca?: Buffer }, call: HttpCall): Promise<HttpAnswer> {
  const url = new URL(endpoint.url + call.path);
  const headers: Record<string, string | number> = { ...call.headers };
  if (endpoint.authorization) headers.Authorization = endpoint.authorization;
  if (call.body !== undefined) headers['Content-Length'] = Buffer.byteLength(call.body);
  const timeoutMs = call.timeoutMs ?? 60_000;
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: call.method, headers, timeout: timeoutMs, ...(call.agent ? { agent: call.agent } : {}), ...tls }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)));
    req.on('error', (err) => reject(new Error(`${endpoint.name} unreachable: ${err.message}`, { cause: err })));
    req.end(call.body);
  });
}
