/**
 * A real OpenLDAP for tests and local use (Debian's slapd and ldap-utils, .ci/setup.d/ldap.sh): a generated
 * slapd.conf with an mdb database in a temp dir, slapd on a random loopback port (as the openldap user when we
 * are root), and the directory's people and groups loaded with ldapadd. The server allows unauthenticated binds
 * (a DN with an empty password, `allow bind_anon_dn`), as permissive directories do, so a test can show the
 * service never makes one. With `tls`, a fresh CA (tls-certs.ts) signs its certificate and slapd also listens
 * on ldaps:// and offers StartTLS. Stopped by SIGTERM to slapd's process group.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ServiceHome, startChild, type TestService } from './child.js';
import { waitReady } from './jvm.js';
import { freePorts } from './ports.js';
import { makeTlsCertificates } from './tls-certs.js';

const run = promisify(execFile);

export const LDAP_BASE = 'dc=datagen,dc=test';
export const LDAP_ROOT_DN = `cn=admin,${LDAP_BASE}`;
export const LDAP_ROOT_PASSWORD = 'ldap-root-Secret-1';
/** A read-only service account for search-then-bind sign-ins. */
export const LDAP_SERVICE_DN = `cn=datagen-svc,ou=services,${LDAP_BASE}`;
export const LDAP_SERVICE_PASSWORD = 'ldap-svc-Secret-1';

/** The directory's people: uid → password and the groups (cn) they are members of. */
export const LDAP_PEOPLE: Record<string, { password: string; groups: string[] }> = {
  alice: { password: 'alice-Ldap-1', groups: ['datagen-users', 'team-a'] },
  adam: { password: 'adam-Ldap-1', groups: ['datagen-admins'] },
  vera: { password: 'vera-Ldap-1', groups: [] },
  // A name with filter and DN metacharacters: it must match itself only.
  'o*brien(x)': { password: 'obrien-Ldap-1', groups: ['datagen-users'] },
  // The name of an internal user too: the internal user decides, this account never signs in.
  root: { password: 'root-Ldap-1', groups: ['datagen-admins'] },
};
export const LDAP_GROUPS = ['datagen-admins', 'datagen-users', 'team-a'];

const SLAPD = '/usr/sbin/slapd';
const SCHEMAS = ['core', 'cosine', 'nis', 'inetorgperson'];

export interface LdapService extends TestService {
  url: string;
  /** With `tls`: ldaps://127.0.0.1:port and the PEM of the CA that signed the server's certificate. */
  ldapsUrl?: string;
  caFile?: string;
  port: number;
}

const asRoot = () => process.getuid?.() === 0;

export async function ldapUnavailableReason(): Promise<string | null> {
  if (!existsSync(SLAPD)) return 'slapd is not installed (Debian: apt-get install slapd ldap-utils; .ci/setup.d/ldap.sh)';
  try {
    await run('sh', ['-c', 'command -v ldapadd']);
  } catch {
    return 'ldapadd is not installed (Debian: apt-get install ldap-utils)';
  }
  if (asRoot()) {
    try {
      await run('id', ['openldap']);
    } catch {
      return 'running as root but there is no openldap user to run slapd as';
    }
  }
  return null;
}

/** An RDN value escaped per RFC 4514, for the LDIF this helper writes. */
const rdnValue = (v: string) => v.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
const personDn = (uid: string) => `uid=${rdnValue(uid)},ou=people,${LDAP_BASE}`;

function slapdConf(dir: string, tls?: { ca: string; cert: string; key: string }): string {
  return [
    ...SCHEMAS.map((s) => `include /etc/ldap/schema/${s}.schema`),
    ...(tls ? [`TLSCACertificateFile ${tls.ca}`, `TLSCertificateFile ${tls.cert}`, `TLSCertificateKeyFile ${tls.key}`] : []),
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'allow bind_anon_dn',
    'database mdb',
    `suffix "${LDAP_BASE}"`,
    `rootdn "${LDAP_ROOT_DN}"`,
    `rootpw ${LDAP_ROOT_PASSWORD}`,
    `directory ${dir}/db`,
    'maxsize 67108864',
    // Passwords are compared by slapd only, never read; everything else is readable by a bound user.
    'access to attrs=userPassword by self =xw by anonymous auth by * none',
    'access to * by users read by anonymous auth',
    '',
  ].join('\n');
}

function directoryLdif(): string {
  const entries = [
    `dn: ${LDAP_BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: datagen\no: Datagen test`,
    ...['people', 'groups', 'services'].map((ou) => `dn: ou=${ou},${LDAP_BASE}\nobjectClass: organizationalUnit\nou: ${ou}`),
    `dn: ${LDAP_SERVICE_DN}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: datagen-svc\nuserPassword: ${LDAP_SERVICE_PASSWORD}`,
    ...Object.entries(LDAP_PEOPLE).map(([uid, p]) => `dn: ${personDn(uid)}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid}\nsn: ${uid}\nuserPassword: ${p.password}`),
    ...LDAP_GROUPS.map((cn) => {
      const members = Object.entries(LDAP_PEOPLE).filter(([, p]) => p.groups.includes(cn)).map(([uid]) => `member: ${personDn(uid)}`);
      return `dn: cn=${cn},ou=groups,${LDAP_BASE}\nobjectClass: groupOfNames\ncn: ${cn}\n${members.join('\n')}`;
    }),
  ];
  return `${entries.join('\n\n')}\n`;
}

export async function startLdap(opts: { detached?: boolean; timeoutMs?: number; tls?: boolean } = {}): Promise<LdapService> {
  const missing = await ldapUnavailableReason();
  if (missing) throw new Error(missing);
  const home = await ServiceHome.create('datagen-ldap-');
  const { dir } = home;
  return home.starting(async () => {
    await mkdir(path.join(dir, 'db'));
    const certs = opts.tls ? await makeTlsCertificates(dir) : undefined;
    const tls = certs && { ca: certs.caPem, cert: certs.serverPem, key: certs.serverKey };
    await writeFile(path.join(dir, 'slapd.conf'), slapdConf(dir, tls));
    await writeFile(path.join(dir, 'directory.ldif'), directoryLdif());
    if (asRoot()) {
      const uid = Number((await run('id', ['-u', 'openldap'])).stdout);
      const gid = Number((await run('id', ['-g', 'openldap'])).stdout);
      for (const p of [dir, path.join(dir, 'db'), path.join(dir, 'slapd.conf'), ...(tls ? Object.values(tls) : [])]) await chown(p, uid, gid);
    }
    const [port, tlsPort] = await freePorts(2);
    const url = `ldap://127.0.0.1:${port}`;
    const ldapsUrl = tls ? `ldaps://127.0.0.1:${tlsPort}` : undefined;
    // -d 0: stay in the foreground (a child of ours) without debug output; -u/-g: drop root.
    const listeners = [`${url}/`, ...(ldapsUrl ? [`${ldapsUrl}/`] : [])].join(' ');
    const args = ['-d', '0', '-f', path.join(dir, 'slapd.conf'), '-h', listeners, ...(asRoot() ? ['-u', 'openldap', '-g', 'openldap'] : [])];
    const child = startChild({ name: 'slapd', command: SLAPD, args, workDir: dir, detached: opts.detached });
    home.track(child.pid);
    const ldapadd = (file: string) => run('ldapadd', ['-x', '-H', url, '-D', LDAP_ROOT_DN, '-w', LDAP_ROOT_PASSWORD, '-f', file]);
    await waitReady([child], 'slapd answering', opts.timeoutMs ?? 30_000, () => run('ldapwhoami', ['-x', '-H', url, '-D', LDAP_ROOT_DN, '-w', LDAP_ROOT_PASSWORD]));
    await ldapadd(path.join(dir, 'directory.ldif'));
    return {
      url,
      ...(ldapsUrl ? { ldapsUrl, caFile: certs!.caPem } : {}),
      port: port!,
      dir,
      pids: home.pids,
      env: {
        DATAGEN_LDAP_URL: url,
        DATAGEN_LDAP_USER_BASE: `ou=people,${LDAP_BASE}`,
        DATAGEN_LDAP_BIND_DN: LDAP_SERVICE_DN,
        DATAGEN_LDAP_BIND_PASSWORD: LDAP_SERVICE_PASSWORD,
        DATAGEN_LDAP_GROUP_BASE: `ou=groups,${LDAP_BASE}`,
        DATAGEN_LDAP_ADMIN_GROUPS: 'datagen-admins',
        DATAGEN_LDAP_USER_GROUPS: 'datagen-users',
      },
      stop: () => home.stop(),
    };
  });
}
