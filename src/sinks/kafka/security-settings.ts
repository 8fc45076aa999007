/**
 * How the Kafka sink authenticates and encrypts (pure): KAFKA_SECURITY_PROTOCOL (PLAINTEXT, SSL, SASL_PLAINTEXT,
 * SASL_SSL, as the Java client's security.protocol), KAFKA_SASL_MECHANISM with KAFKA_SASL_USERNAME and
 * KAFKA_SASL_PASSWORD (service properties: environment or extraProperties), and the original's truststore and
 * keystore keys (model Table_Names first, as stored credentials set them, then the properties). Kerberos (GSSAPI,
 * KAFKA_USE_KERBEROS) is refused: neither pure-JavaScript client has a Kerberos implementation.
 */
import { BadRequestError } from '../../errors.js';
import type { SinkContext } from '../types.js';
import { booleanSetting, setting } from './settings.js';

export const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type SecurityProtocol = (typeof SECURITY_PROTOCOLS)[number];
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SaslSettings {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

/** A store file named by a *_LOCATION key, with the passwords that open it. */
export interface StoreFile {
  /** The key that named it (KAFKA_TRUSTSTORE_LOCATION or KAFKA_KEYSTORE_LOCATION), for error messages. */
  key: string;
  path: string;
  password?: string;
  keyPassword?: string;
}

export interface KafkaSecuritySettings {
  protocol: SecurityProtocol;
  sasl?: SaslSettings;
  /** Set for SSL and SASL_SSL only: the CAs to trust (none: the system's) and the client certificate (mTLS). */
  truststore?: StoreFile;
  keystore?: StoreFile;
}

const NO_KERBEROS = 'Kerberos (GSSAPI) is not supported: the Kafka clients this service uses are pure JavaScript and have no Kerberos implementation; use SASL PLAIN or SCRAM-SHA-256/512, or mutual TLS';

function property(ctx: SinkContext, key: string): string | undefined {
  const v = ctx.settings.properties[key]?.trim();
  return v ? v : undefined;
}

function protocolOf(ctx: SinkContext): SecurityProtocol {
  const v = property(ctx, 'KAFKA_SECURITY_PROTOCOL')?.toUpperCase() ?? 'PLAINTEXT';
  if ((SECURITY_PROTOCOLS as readonly string[]).includes(v)) return v as SecurityProtocol;
  throw new BadRequestError(`KAFKA_SECURITY_PROTOCOL must be one of ${SECURITY_PROTOCOLS.join(', ')}, got "${v}"`, { field: 'KAFKA_SECURITY_PROTOCOL' });
}

/** SASL for the SASL_* protocols; for the others the SASL keys are ignored, as the Java client ignores them. */
function saslOf(ctx: SinkContext, protocol: SecurityProtocol): SaslSettings | undefined {
  if (!protocol.startsWith('SASL_')) return undefined;
  const mechanism = property(ctx, 'KAFKA_SASL_MECHANISM')?.toUpperCase();
  if (mechanism === 'GSSAPI') throw new BadRequestError(`KAFKA_SASL_MECHANISM=GSSAPI: ${NO_KERBEROS}`, { field: 'KAFKA_SASL_MECHANISM' });
  if (!mechanism) {
    throw new BadRequestError(`KAFKA_SECURITY_PROTOCOL=${protocol} needs KAFKA_SASL_MECHANISM (${SASL_MECHANISMS.join(', ')})`, { field: 'KAFKA_SASL_MECHANISM' });
  }
  if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new BadRequestError(`KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got "${mechanism}"`, { field: 'KAFKA_SASL_MECHANISM' });
  }
  const username = property(ctx, 'KAFKA_SASL_USERNAME');
  // The password as given: spaces may belong to it.
  const password = ctx.settings.properties.KAFKA_SASL_PASSWORD;
  for (const [key, v] of [['KAFKA_SASL_USERNAME', username], ['KAFKA_SASL_PASSWORD', password]] as const) {
    if (!v) throw new BadRequestError(`KAFKA_SASL_MECHANISM=${mechanism} needs ${key}: set it in the service environment or as a command property`, { field: key });
  }
  return { mechanism: mechanism as SaslMechanism, username: username!, password: password! };
}

/** A model or property value as given (a password may hold spaces), or undefined when unset or empty. */
function secretSetting(ctx: SinkContext, key: string): string | undefined {
  const v = ctx.model.tableNames[key] ?? ctx.settings.properties[key];
  return v === undefined || v === null || String(v) === '' ? undefined : String(v);
}

function storeOf(ctx: SinkContext, kind: 'TRUSTSTORE' | 'KEYSTORE'): StoreFile | undefined {
  const key = `KAFKA_${kind}_LOCATION`;
  const location = setting(ctx, 'Table_Names', key);
  if (location === undefined) return undefined;
  const keyPassword = kind === 'KEYSTORE' ? secretSetting(ctx, 'KAFKA_KEYSTORE_KEY_PASSWORD') : undefined;
  return { key, path: location, password: secretSetting(ctx, `KAFKA_${kind}_PASSWORD`), ...(keyPassword ? { keyPassword } : {}) };
}

export function kafkaSecuritySettings(ctx: SinkContext): KafkaSecuritySettings {
  if (booleanSetting(ctx, 'Table_Names', 'KAFKA_USE_KERBEROS', false)) {
    throw new BadRequestError(`Table_Names.KAFKA_USE_KERBEROS=true: ${NO_KERBEROS}`, { field: 'Table_Names.KAFKA_USE_KERBEROS' });
  }
  const protocol = protocolOf(ctx);
  const sasl = saslOf(ctx, protocol);
  if (protocol !== 'SSL' && protocol !== 'SASL_SSL') return { protocol, ...(sasl ? { sasl } : {}) };
  const truststore = storeOf(ctx, 'TRUSTSTORE');
  const keystore = storeOf(ctx, 'KEYSTORE');
  return { protocol, ...(sasl ? { sasl } : {}), ...(truststore ? { truststore } : {}), ...(keystore ? { keystore } : {}) };
}
