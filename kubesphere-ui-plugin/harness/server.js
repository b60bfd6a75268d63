// The harness's server: the page, its host script and SystemJS, and a proxy to a ks-baas (dev mode
// by default) for /kapis/ and the plugin bundle /dist/ks-baas/index.js. The proxy adds a KubeSphere
// token of the user the page chose (cookie harness-user), as the console's server adds the
// logged-in user's; tokens are signed with the service's jwtSecret (the dev-mode one by default).
//   node harness/server.js   [env: PORT=8000, BAAS_URL=http://127.0.0.1:8080, JWT_SECRET=ks-baas-dev-only-jwt-secret]
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const ROOT = path.join(__dirname, '..');
const FILES = {
  '/systemjs/system.js': path.join(ROOT, 'node_modules', 'systemjs', 'dist', 'system.js'),
  '/harness/host.js': path.join(ROOT, 'dist-harness', 'host.js'),
};

function base64url(value) {
  return Buffer.from(value).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** An HS256 access token as KubeSphere issues them. */
function token(user, secret, now = Math.floor(Date.now() / 1000)) {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ username: user, token_type: 'access_token', iss: 'kubesphere', iat: now, nbf: now, exp: now + 3600 }));
  const signature = crypto.createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64')
    .replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${header}.${payload}.${signature}`;
}

function userOf(request) {
  const cookie = (request.headers.cookie || '').split(/;\s*/).find(c => c.startsWith('harness-user='));
  const user = cookie ? decodeURIComponent(cookie.slice('harness-user='.length)) : 'admin';
  return /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(user) ? user : 'admin';
}

function proxy(request, response, target, secret) {
  const url = new URL(request.url, target);
  const headers = { ...request.headers, host: url.host, authorization: `Bearer ${token(userOf(request), secret)}` };
  delete headers.cookie;
  const upstream = http.request(url, { method: request.method, headers }, answer => {
    response.writeHead(answer.statusCode, answer.headers);
    answer.pipe(response);
  });
  // A reader that leaves (a followed log closed) ends the upstream request too, as ks-apiserver's proxy does.
  response.on('close', () => upstream.destroy());
  upstream.on('error', error => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(502, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ code: 502, reason: 'BadGateway', message: `ks-baas at ${target} did not answer: ${error.message}` }));
  });
  request.pipe(upstream);
}

function serve(file, response) {
  fs.readFile(file, (error, body) => {
    if (error) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end(`missing ${path.relative(ROOT, file)}: run npm run build`);
      return;
    }
    const type = file.endsWith('.js') ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
    response.end(body);
  });
}

function createServer({ baasUrl = 'http://127.0.0.1:8080', jwtSecret = 'ks-baas-dev-only-jwt-secret' } = {}) {
  return http.createServer((request, response) => {
    const pathname = new URL(request.url, 'http://harness').pathname;
    if (pathname.startsWith('/kapis/') || pathname === '/dist/ks-baas/index.js') {
      proxy(request, response, baasUrl, jwtSecret);
    } else if (FILES[pathname]) {
      serve(FILES[pathname], response);
    } else {
      serve(path.join(__dirname, 'index.html'), response);
    }
  });
}

module.exports = { createServer, token };

if (require.main === module) {
  const port = Number(process.env.PORT || 8000);
  createServer({ baasUrl: process.env.BAAS_URL, jwtSecret: process.env.JWT_SECRET }).listen(port, '127.0.0.1', () => {
    console.log(`harness on http://127.0.0.1:${port}/workspaces/system-workspace/ksbaas/organizations (ks-baas at ${process.env.BAAS_URL || 'http://127.0.0.1:8080'})`);
  });
}
