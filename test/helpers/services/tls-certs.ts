/**
 * Certificates for the TLS listeners of the test servers (the secure Kafka broker, the HBase REST gateway, the
 * basic-auth gateway), made at test time with openssl (keys, CA, signed certificates, PKCS12 keystores) and keytool (Java truststores: only keytool marks a certificate entry as trusted
 * for Java, and JKS for the refusal test). Nothing is shipped: every run gets a fresh CA in its own temp dir.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsCertificates {
  /** The CA certificate, PEM. */
  caPem: string;
  /** The CA in a PKCS12 truststore (keytool) and in a JKS one, both with `storePassword`. */
  truststoreP12: string;
  truststoreJks: string;
  storePassword: string;
  /** The server's key and certificate (SAN 127.0.0.1, localhost) in PKCS12, with `storePassword`, and as PEM files. */
  serverP12: string;
  serverPem: string;
  serverKey: string;
  /** A client certificate signed by the CA: PKCS12 (`storePassword`) and one PEM file holding certificate and key. */
  clientP12: string;
  clientPem: string;
}

async function tool(bin: string, args: string[], cwd: string): Promise<void> {
  await run(bin, args, { cwd, timeout: 60_000 }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`${bin} ${args[0]} failed: ${err.message}\n${err.stderr ?? ''}`);
  });
}

/** A key and a certificate for `cn` signed by the CA in `dir`, and both in a PKCS12 file. */
async function signed(dir: string, name: string, cn: string, password: string, san?: string): Promise<void> {
  await tool('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`], dir);
  const ext = path.join(dir, `${name}.ext`);
  await writeFile(ext, san ? `subjectAltName=${san}\n` : 'basicConstraints=CA:FALSE\n');
  await tool('openssl', ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.pem`, '-extfile', ext], dir);
  await tool('openssl', ['pkcs12', '-export', '-in', `${name}.pem`, '-inkey', `${name}.key`, '-certfile', 'ca.pem', '-name', name, '-out', `${name}.p12`, '-passout', `pass:${password}`], dir);
}

export async function makeTlsCertificates(dir: string): Promise<TlsCertificates> {
  const storePassword = 'store-pw-7c1e';
  await tool('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=datagen-test-ca'], dir);
  for (const [file, type] of [['truststore.p12', 'PKCS12'], ['truststore.jks', 'JKS']] as const) {
    await tool('keytool', ['-importcert', '-noprompt', '-alias', 'ca', '-file', 'ca.pem', '-keystore', file, '-storetype', type, '-storepass', storePassword], dir);
  }
  await signed(dir, 'broker', 'localhost', storePassword, 'IP:127.0.0.1,DNS:localhost');
  await signed(dir, 'client', 'datagen-client', storePassword);
  const clientPem = path.join(dir, 'client-bundle.pem');
  await writeFile(clientPem, (await readFile(path.join(dir, 'client.pem'), 'utf8')) + (await readFile(path.join(dir, 'client.key'), 'utf8')));
  const at = (f: string) => path.join(dir, f);
  return {
    caPem: at('ca.pem'),
    truststoreP12: at('truststore.p12'),
    truststoreJks: at('truststore.jks'),
    storePassword,
    serverP12: at('broker.p12'),
    serverPem: at('broker.pem'),
    serverKey: at('broker.key'),
    clientP12: at('client.p12'),
    clientPem,
  };
}
