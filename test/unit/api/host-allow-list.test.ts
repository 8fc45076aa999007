/** The Host allow-list of a service without users (DNS rebinding defence): what a Host header may name. */
import test from 'ava';
import { allowedHosts, isAllowedHost, parseHost } from '../../../src/api/host-allow-list.js';

test('loopback names with any port, and the listen host, are allowed; other names are not', (t) => {
  const allowed = allowedHosts('127.0.0.1', []);
  for (const host of ['127.0.0.1', '127.0.0.1:4242', 'localhost:1', 'LOCALHOST:4242', '[::1]:4242', '[::1]']) t.true(isAllowedHost(host, allowed), host);
  for (const host of ['evil.example', 'evil.example:4242', 'localhost.evil.example', '127.0.0.1.nip.io:4242', 'evil.example@127.0.0.1', '127.0.0.1/x', '', 'localhost:4242:1', '127.0.0.2:4242', ' localhost']) {
    t.false(isAllowedHost(host, allowed), JSON.stringify(host));
  }
  t.true(isAllowedHost('[::1]:80', allowedHosts('::1', [])));
  t.true(isAllowedHost('127.0.0.5:9', allowedHosts('127.0.0.5', [])));
});

test('configured names allow any port, or only the port given', (t) => {
  const allowed = allowedHosts('127.0.0.1', ['datagen.internal', 'box.lan:8080']);
  t.true(isAllowedHost('datagen.internal:4242', allowed));
  t.true(isAllowedHost('Datagen.Internal', allowed));
  t.true(isAllowedHost('box.lan:8080', allowed));
  t.false(isAllowedHost('box.lan:4242', allowed));
  t.false(isAllowedHost('box.lan', allowed));
});

test('a configured entry that is not a host name is refused at start-up, saying which', (t) => {
  const err = t.throws(() => allowedHosts('127.0.0.1', ['http://x.example']));
  t.regex(err!.message, /DATAGEN_ALLOWED_HOSTS: "http:\/\/x.example"/);
  t.is(parseHost('a_b.example'), undefined);
});
