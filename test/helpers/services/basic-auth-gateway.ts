/**
 * A real HTTPS gateway with HTTP basic auth in front of a test server, as Knox or HDInsight put one in front of
 * HBase's REST server: Debian's nginx as an unprivileged child with its own config, certificate and password file
 * in a temp dir, proxying to the upstream (http, or https trusted through a CA file).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './child.js';
import { stopProcess, waitReady } from './jvm.js';
import { freePorts } from './ports.js';
import { makeTlsCertificates } from './tls-certs.js';

const NGINX = '/usr/sbin/nginx';

export interface BasicAuthGateway {
  /** https://127.0.0.1:<port> */
  url: string;
  /** The PEM of the CA that signed the gateway's certificate. */
  caFile: string;
  stop(): Promise<void>;
}

export async function startBasicAuthGateway(opts: { upstream: string; upstreamCaFile?: string; user: string; password: string }): Promise<BasicAuthGateway> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-gateway-'));
  try {
    const certsDir = path.join(dir, 'certs');
    await mkdir(certsDir);
    const certs = await makeTlsCertificates(certsDir);
    const hash = execFileSync('openssl', ['passwd', '-apr1', '-stdin'], { input: opts.password, encoding: 'utf8' }).trim();
    await writeFile(path.join(dir, 'htpasswd'), `${opts.user}:${hash}\n`, { mode: 0o600 });
    const [port] = await freePorts(1);
    const upstreamTls = opts.upstream.startsWith('https:')
      ? `proxy_ssl_verify on; proxy_ssl_trusted_certificate ${opts.upstreamCaFile}; proxy_ssl_name localhost;`
      : '';
    await writeFile(
      path.join(dir, 'nginx.conf'),
      // Workers as the user running the tests (nginx would drop a root master's workers to nobody, who cannot
      // read this temp dir); a non-root master ignores the directive.
      `daemon off;
user ${os.userInfo().username};
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 64m;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${certs.serverPem};
    ssl_certificate_key ${certs.serverKey};
    location / {
      auth_basic "datagen test gateway";
      auth_basic_user_file ${dir}/htpasswd;
      proxy_pass ${opts.upstream};
      proxy_set_header Authorization "";
      ${upstreamTls}
    }
  }
}
`,
    );
    const child = startChild({ name: 'nginx', command: NGINX, args: ['-e', path.join(dir, 'error.log'), '-p', dir, '-c', path.join(dir, 'nginx.conf')], workDir: dir });
    const url = `https://127.0.0.1:${port}`;
    await waitReady([child], `nginx on ${url}`, 30_000, () => connectable(port!));
    return {
      url,
      caFile: certs.caPem,
      stop: async () => {
        await stopProcess(child.pid, 10_000);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function connectable(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve();
    });
    socket.on('error', reject);
  });
}
