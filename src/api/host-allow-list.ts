/**
 * DNS rebinding defence for a service without users: a page on evil.example whose name is re-pointed at
 * 127.0.0.1 reaches the loopback service with `Host: evil.example`, so every request must name a host this
 * service answers to (loopback names with any port, the listen address, DATAGEN_ALLOWED_HOSTS); others get 421.
 */
import type { Middleware } from 'koa';
import { AppError } from '../errors.js';

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

interface HostName {
  name: string;
  port?: string;
}

/** "Example.com:8080" → { name: "example.com", port: "8080" }; undefined for anything but a plain host[:port]. */
export function parseHost(value: string): HostName | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?$/i.exec(value);
  return m ? { name: m[1].toLowerCase(), port: m[2] } : undefined;
}

/** The allow-list: loopback names, the listen host and the configured entries ("name": any port, "name:port": that one). */
export function allowedHosts(listenHost: string, configured: string[]): HostName[] {
  const listen = listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost;
  return [...LOOPBACK, listen, ...configured].map((entry) => {
    const host = parseHost(entry);
    if (!host) throw new Error(`DATAGEN_ALLOWED_HOSTS: "${entry}" must be a host name or address, optionally with :port`);
    return host;
  });
}

export function isAllowedHost(header: string, allowed: HostName[]): boolean {
  const host = parseHost(header);
  return !!host && allowed.some((a) => a.name === host.name && (a.port === undefined || a.port === host.port));
}

export function hostAllowList(allowed: HostName[]): Middleware {
  return (ctx, next) => {
    const header = ctx.get('host');
    if (!isAllowedHost(header, allowed)) {
      throw new AppError(`Host "${header}" is not a name this service answers to without users; use 127.0.0.1, localhost or [::1], or list the name in DATAGEN_ALLOWED_HOSTS`, 421, 'MISDIRECTED_REQUEST');
    }
    return next();
  };
}
