// Trigger jsonwebtoken and jwks-rsa failures and print their errors' stack,
// as Node prints an uncaught error or console.error(err.stack) does.
//
// Run: NODE_PATH=/tmp/serverlog-npm/node_modules node node_capture.js ..
// (after `npm install jsonwebtoken jwks-rsa` in /tmp/serverlog-npm).
// Tokens are signed with a throw-away test secret / a key made per run.
const fs = require('fs');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const jwksRsa = require('jwks-rsa');

const out = process.argv[2] || '..';
const SECRET = 'throw-away-test-secret-0123456789abcdef';

function write(name, err) {
  fs.writeFileSync(path.join(out, name), err.stack + '\n');
}

function capture(name, fn) {
  try { fn(); } catch (err) { write(name, err); }
}

capture('node_jsonwebtoken_expired.txt', () => {
  const tok = jwt.sign({ sub: 'u1', exp: Math.floor(Date.now() / 1000) - 120 }, SECRET);
  jwt.verify(tok, SECRET);
});
capture('node_jsonwebtoken_bad_signature.txt', () => {
  const tok = jwt.sign({ sub: 'u1' }, SECRET, { expiresIn: 600 });
  jwt.verify(tok, SECRET + '-other');
});
capture('node_jsonwebtoken_audience.txt', () => {
  const tok = jwt.sign({ sub: 'u1', aud: 'api://other' }, SECRET, { expiresIn: 600 });
  jwt.verify(tok, SECRET, { audience: 'api://mine' });
});

// jwks-rsa against a JWKS served on 127.0.0.1 that has only kid k1.
const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' };
const server = http.createServer((req, res) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ keys: [jwk] }));
}).listen(0, '127.0.0.1', async () => {
  const client = jwksRsa({ jwksUri: `http://127.0.0.1:${server.address().port}/.well-known/jwks.json`, cache: false });
  try {
    await client.getSigningKey('k2');
  } catch (err) {
    write('node_jwks_rsa_kid_not_found.txt', err);
  }
  server.close();
});
