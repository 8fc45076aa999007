/**
 * Sign-in against an LDAP directory (ldapts): find the account's DN (the DN pattern, or a search as the service
 * account), bind as it with the password given, read its name and its groups, and map them to a role
 * (ldap-roles.ts). An empty password is refused before any connection: LDAP treats a DN with an empty password as
 * an unauthenticated bind, which permissive servers accept as anonymous. A wrong password or an unknown account is
 * undefined (401); a directory that cannot be reached or refuses the service account is a 503 naming LDAP, never
 * the credentials. Successes are remembered for DATAGEN_LDAP_CACHE_SECONDS so every request does not bind.
 */
import { readFileSync } from 'node:fs';
import { Client, InvalidCredentialsError, ResultCodeError } from 'ldapts';
import type { Logger } from 'pino';
import type { LdapSettings } from '../config.js';
import { ServiceUnavailableError } from '../errors.js';
import { fillPattern } from './ldap-filter.js';
import { roleOfLdapGroups } from './ldap-roles.js';
import { RememberedSignIns } from './remembered-sign-ins.js';
import type { Caller, ExternalSignIn } from './user-directory.js';

/** Longer logins are no one's: refused before they reach the directory. */
const MAX_LOGIN = 256;

/** Why a login is not sent to the directory at all, if it is not. */
function unusable(login: string, password: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !login || !password || login.length > MAX_LOGIN || /[\x00-\x1f\x7f]/.test(login);
}

const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : undefined);

export class LdapSignIn implements ExternalSignIn {
  private readonly remembered: RememberedSignIns<Caller>;
  private readonly ca?: Buffer;

  constructor(
    private readonly settings: LdapSettings,
    private readonly log: Logger,
    now: () => number = Date.now,
  ) {
    this.remembered = new RememberedSignIns(settings.cacheSeconds * 1000, now);
    if (settings.caFile) {
      try {
        this.ca = readFileSync(settings.caFile);
      } catch (err) {
        throw new Error(`configuration DATAGEN_LDAP_CA_FILE ${settings.caFile} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
  }

  async verify(login: string, password: string): Promise<Caller | undefined> {
    if (unusable(login, password)) return undefined;
    const mark = this.remembered.mark(login, password);
    const known = this.remembered.get(mark);
    if (known) return known;
    const caller = await this.withClient((client) => this.signIn(client, login, password));
    if (caller) this.remembered.remember(mark, caller);
    return caller;
  }

  private async signIn(client: Client, login: string, password: string): Promise<Caller | undefined> {
    const s = this.settings;
    const found = s.userDnPattern ? { dn: fillPattern(s.userDnPattern, login, 'dn'), name: undefined } : await this.findUser(client, login);
    if (!found) return undefined;
    try {
      await client.bind(found.dn, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return undefined;
      throw err;
    }
    const name = found.name ?? (await this.ownName(client, found.dn)) ?? login;
    if (s.bindDn) await this.serviceBind(client); // groups are read as the service account, as the search was
    const groups = await this.groupsOf(client, found.dn);
    const role = roleOfLdapGroups(groups, s.roles);
    if (!role) {
      this.log.info({ user: name }, 'LDAP account in none of the groups DATAGEN_LDAP_*_GROUPS name: sign-in refused');
      return undefined;
    }
    return { name, role, groups: [role, ...groups.filter((g) => g !== role)] };
  }

  /** The one entry the user filter finds under the user base; none or several: no one to sign in as. */
  private async findUser(client: Client, login: string): Promise<{ dn: string; name?: string } | undefined> {
    const s = this.settings;
    if (s.bindDn) await this.serviceBind(client);
    const filter = fillPattern(s.userFilter, login, 'filter');
    const { searchEntries } = await client.search(s.userBase!, { scope: 'sub', filter, attributes: [s.userAttribute], sizeLimit: 2 });
    if (searchEntries.length !== 1) {
      if (searchEntries.length > 1) this.log.warn({ user: login }, 'DATAGEN_LDAP_USER_FILTER matched several entries: sign-in refused');
      return undefined;
    }
    const entry = searchEntries[0]!;
    return { dn: entry.dn, name: first(entry[s.userAttribute]) };
  }

  /** The account's own name attribute, read as the account (direct bind has no search to read it from); unreadable: the login. */
  private async ownName(client: Client, dn: string): Promise<string | undefined> {
    const attribute = this.settings.userAttribute;
    try {
      const { searchEntries } = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: [attribute] });
      return first(searchEntries[0]?.[attribute]);
    } catch (err) {
      if (err instanceof ResultCodeError) return undefined; // the directory may not let accounts read themselves
      throw err;
    }
  }

  private async groupsOf(client: Client, userDn: string): Promise<string[]> {
    const s = this.settings;
    if (!s.groupBase) return [];
    const filter = fillPattern(s.groupFilter, userDn, 'filter');
    const { searchEntries } = await client.search(s.groupBase, { scope: 'sub', filter, attributes: [s.groupAttribute] });
    return searchEntries.map((e) => first(e[s.groupAttribute])).filter((g): g is string => !!g).sort();
  }

  private async serviceBind(client: Client): Promise<void> {
    try {
      await client.bind(this.settings.bindDn!, this.settings.bindPassword!);
    } catch (err) {
      if (!(err instanceof InvalidCredentialsError)) throw err;
      throw new ServiceUnavailableError(`the LDAP server ${this.settings.url} refused the service account DATAGEN_LDAP_BIND_DN (check DATAGEN_LDAP_BIND_DN and DATAGEN_LDAP_BIND_PASSWORD)`, { dependency: 'ldap' });
    }
  }

  private async withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const s = this.settings;
    const ms = s.timeoutSeconds * 1000;
    const tlsOptions = this.ca ? { ca: this.ca } : undefined;
    // ldapts connects with TLS at once whenever it is given tlsOptions: with StartTLS they go to startTLS only.
    const client = new Client({ url: s.url, timeout: ms, connectTimeout: ms, ...(tlsOptions && !s.startTls ? { tlsOptions } : {}) });
    try {
      // The upgraded socket's certificate is checked against the URL's host (tls.connect assumes localhost).
      if (s.startTls) await client.startTLS({ ...tlsOptions, host: new URL(s.url).hostname });
      return await work(client);
    } catch (err) {
      if (err instanceof ServiceUnavailableError) throw err;
      // Only the error's code or class: an LDAP error's text may quote a DN, never shown to the caller.
      const code = (err as NodeJS.ErrnoException).code;
      const reason = typeof code === 'string' ? code : (err as Error).name || 'error';
      this.log.warn({ ldap: s.url, reason }, 'LDAP sign-in failed');
      throw new ServiceUnavailableError(`sign-in needs the LDAP server ${s.url} (DATAGEN_LDAP_URL), which failed: ${reason}; retry later`, { dependency: 'ldap' });
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
}
