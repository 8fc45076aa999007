/**
 * A real Kafka broker with security on, for the sink's TLS and SASL tests: one KRaft node whose listeners are
 * PLAINTEXT (inter-broker, readiness probe and the tests' read-back), SASL_PLAINTEXT, SASL_SSL and SSL with a
 * required client certificate (mTLS). SASL users: PLAIN from the listener's JAAS line, SCRAM-SHA-256 and
 * SCRAM-SHA-512 written into the metadata log by `kafka-storage format --add-scram`. Certificates are made
 * at start in the broker's temp dir (kafka-certs.ts).
 */
import path from 'node:path';
import { kafkaServerProperties } from './kafka-config.js';
import { makeTlsCertificates, type TlsCertificates } from './tls-certs.js';
import { startKafkaNode, type KafkaService } from './kafka.js';

/** The SASL users: one per mechanism, so a test proves the mechanism it names was the one used. */
export const SASL_USERS = {
  PLAIN: { username: 'plain-user', password: 'plain-pw-4f2a9' },
  'SCRAM-SHA-256': { username: 'scram256-user', password: 'scram256-pw-8b1c' },
  'SCRAM-SHA-512': { username: 'scram512-user', password: 'scram512-pw-d30e' },
} as const;
export type SaslMechanism = keyof typeof SASL_USERS;

export interface SecureKafkaService extends KafkaService {
  /** host:port of each listener; `brokers` is the PLAINTEXT one. */
  saslPlaintext: string;
  saslSsl: string;
  ssl: string;
  certificates: TlsCertificates;
  /** The settings that make the service write through SASL_SSL with SCRAM-SHA-512, and KAFKA_CA_FILE for other clients. */
  env: Record<string, string>;
}

const JAAS = {
  plain: `org.apache.kafka.common.security.plain.PlainLoginModule required user_${SASL_USERS.PLAIN.username}="${SASL_USERS.PLAIN.password}";`,
  scram: 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
};

function securityProperties(p: { plaintext: number; controller: number; saslPlaintext: number; saslSsl: number; ssl: number }, certs: TlsCertificates): Record<string, string> {
  const listeners = `PLAINTEXT://127.0.0.1:${p.plaintext},SASL_PLAINTEXT://127.0.0.1:${p.saslPlaintext},SASL_SSL://127.0.0.1:${p.saslSsl},SSL://127.0.0.1:${p.ssl}`;
  const props: Record<string, string> = {
    listeners: `${listeners},CONTROLLER://127.0.0.1:${p.controller}`,
    'advertised.listeners': listeners,
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL',
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': certs.serverP12,
    'ssl.keystore.password': certs.storePassword,
    'ssl.key.password': certs.storePassword,
    'ssl.truststore.type': 'PKCS12',
    'ssl.truststore.location': certs.truststoreP12,
    'ssl.truststore.password': certs.storePassword,
    'listener.name.ssl.ssl.client.auth': 'required',
  };
  for (const listener of ['sasl_plaintext', 'sasl_ssl']) {
    props[`listener.name.${listener}.plain.sasl.jaas.config`] = JAAS.plain;
    props[`listener.name.${listener}.scram-sha-256.sasl.jaas.config`] = JAAS.scram;
    props[`listener.name.${listener}.scram-sha-512.sasl.jaas.config`] = JAAS.scram;
  }
  return props;
}

export async function startSecureKafka(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<SecureKafkaService> {
  let listeners!: { saslPlaintext: string; saslSsl: string; ssl: string };
  let certs!: TlsCertificates;
  const service = await startKafkaNode({
    ...opts,
    ports: 5,
    configure: async (dir, [plaintext, controller, saslPlaintext, saslSsl, ssl]) => {
      certs = await makeTlsCertificates(dir);
      const p = { plaintext: plaintext!, controller: controller!, saslPlaintext: saslPlaintext!, saslSsl: saslSsl!, ssl: ssl! };
      listeners = { saslPlaintext: `127.0.0.1:${saslPlaintext}`, saslSsl: `127.0.0.1:${saslSsl}`, ssl: `127.0.0.1:${ssl}` };
      const scram = (['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const).flatMap((m) => ['--add-scram', `${m}=[name=${SASL_USERS[m].username},password=${SASL_USERS[m].password}]`]);
      return { properties: kafkaServerProperties({ broker: plaintext!, controller: controller! }, path.join(dir, 'data'), securityProperties(p, certs)), formatArgs: scram };
    },
  });
  const user = SASL_USERS['SCRAM-SHA-512'];
  return {
    ...service,
    ...listeners,
    certificates: certs,
    env: {
      KAFKA_BROKERS: listeners.saslSsl,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: user.username,
      KAFKA_SASL_PASSWORD: user.password,
      KAFKA_TRUSTSTORE_LOCATION: certs.truststoreP12,
      KAFKA_TRUSTSTORE_PASSWORD: certs.storePassword,
      KAFKA_CA_FILE: certs.caPem,
    },
  };
}
