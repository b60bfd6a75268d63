require('./load-source');
const test = require('node:test');
const assert = require('node:assert/strict');
const { request, ApiError, BASE } = require('../src/api');

function answering(status, body, calls = []) {
  return async (url, init) => {
    calls.push({ url, init });
    return { ok: status >= 200 && status < 300, status, text: async () => (body === undefined ? '' : JSON.stringify(body)) };
  };
}

test('a call goes to the service through the console path with a JSON body', async () => {
  const calls = [];
  const answer = await request('POST', '/workspaces/ws/organizations', { name: 'org1' }, answering(201, { metadata: { name: 'org1' } }, calls));
  assert.equal(answer.metadata.name, 'org1');
  assert.equal(calls[0].url, `${BASE}/workspaces/ws/organizations`);
  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].init.headers['Content-Type'], 'application/json');
  assert.deepEqual(JSON.parse(calls[0].init.body), { name: 'org1' });
});

test('a refusal is an ApiError worded as the API words it, with its field errors', async () => {
  const refusal = { code: 400, reason: 'BadRequest', message: 'The organization is invalid.', details: [{ field: 'mspId', message: 'must be 1 to 64 letters' }] };
  await assert.rejects(request('POST', '/x', {}, answering(400, refusal)), error => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.reason, 'BadRequest');
    assert.equal(error.message, 'The organization is invalid. (mspId: must be 1 to 64 letters)');
    return true;
  });
});

test('an answer that is not JSON still fails with its status', async () => {
  const failing = async () => ({ ok: false, status: 502, text: async () => '<html>Bad Gateway</html>' });
  await assert.rejects(request('GET', '/x', undefined, failing), /HTTP 502/);
});

test('a path segment keeps what a path may hold as it is, since the service refuses escaped ASCII', () => {
  const { segment } = require('../src/api');
  assert.equal(segment('SHA-256:9f86d081884c7d65'), 'SHA-256:9f86d081884c7d65');
  assert.equal(segment('a@b+c,d=e&f$'), 'a@b+c,d=e&f$');
  // No spelling of these would be routed as sent: they stay escaped and the API refuses them in its words.
  assert.equal(segment('a/b c?d#e;f%'), 'a%2Fb%20c%3Fd%23e%3Bf%25');
  // Non-ASCII stays escaped as UTF-8, which the service accepts.
  assert.equal(segment('账户'), '%E8%B4%A6%E6%88%B7');
});

test('a file answer carries its name from Content-Disposition; its refusal is an ApiError', async () => {
  const { requestFile } = require('../src/api');
  const ok = async () => ({ ok: true, status: 200, headers: { get: () => 'attachment; filename="evidence.pdf"' },
    blob: async () => 'PDF' });
  assert.deepEqual(await requestFile('/x', ok), { blob: 'PDF', name: 'evidence.pdf' });
  const refused = async () => ({ ok: false, status: 404, text: async () => JSON.stringify({ message: 'No such evidence.' }) });
  await assert.rejects(requestFile('/x', refused), error => error instanceof ApiError && error.status === 404
    && error.message === 'No such evidence.');
});

test('an upload reports its progress and answers as request does', async () => {
  const { upload } = require('../src/api');
  const fakeXhr = (status, body) => class {
    constructor() { this.upload = {}; this.headers = {}; }
    open(method, url) { this.method = method; this.url = url; }
    setRequestHeader(name, value) { this.headers[name] = value; }
    send(file) {
      this.upload.onprogress({ lengthComputable: true, loaded: 5, total: 10 });
      this.status = status;
      this.responseText = JSON.stringify(body);
      this.onload();
      fakeXhr.last = this;
    }
  };
  const progress = [];
  const answer = await upload('POST', '/workspaces/ws/chaincodepackages/ledger/versions?version=1', 'bytes', 'application/gzip',
    p => progress.push(p), fakeXhr(201, { version: '1' }));
  assert.deepEqual(answer, { version: '1' });
  assert.deepEqual(progress, [0.5]);
  assert.equal(fakeXhr.last.url, `${BASE}/workspaces/ws/chaincodepackages/ledger/versions?version=1`);
  assert.equal(fakeXhr.last.headers['Content-Type'], 'application/gzip');
  await assert.rejects(upload('POST', '/x', 'bytes', 'application/gzip', () => {}, fakeXhr(400, { message: 'Not a gzip file.' })),
    error => error instanceof ApiError && error.status === 400 && error.message === 'Not a gzip file.');
});

test('a key\'s history names the key in the query, so a composite key\'s U+0000 separators travel as %00', async () => {
  const { api } = require('../src/api');
  const calls = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (url, init) => { calls.push(url); return { ok: true, status: 200, text: async () => '{"items":[]}' }; };
  try {
    await api.keyHistory('trade-bank', 'shipping', 'notarization', '\u0000evidence\u0000SHA-256\u0000ab\u0000');
  } finally {
    globalThis.fetch = original;
  }
  assert.equal(calls[0], `${BASE}/namespaces/trade-bank/channels/shipping/keys/notarization/history?key=%00evidence%00SHA-256%00ab%00`);
});

test('a block asks for one page of its transactions, since a block may hold thousands', async () => {
  const { api } = require('../src/api');
  const calls = [];
  const original = globalThis.fetch;
  globalThis.fetch = async (url, init) => { calls.push(url); return { ok: true, status: 200, text: async () => '{"transactions":[]}' }; };
  try {
    await api.block('trade-bank', 'shipping', 7);
    await api.block('trade-bank', 'shipping', 7, 3, 10);
  } finally {
    globalThis.fetch = original;
  }
  assert.equal(calls[0], `${BASE}/namespaces/trade-bank/channels/shipping/blocks/7?page=1&limit=10`);
  assert.equal(calls[1], `${BASE}/namespaces/trade-bank/channels/shipping/blocks/7?page=3&limit=10`);
});

test('a followed log gives its lines chunk by chunk, a line split across chunks whole, and its refusal as an ApiError', async () => {
  const { followLines } = require('../src/api');
  const encoder = new TextEncoder();
  const chunks = ['2026 0001 INFO [kvledger] commit -> one\n2026 0002 INFO [kv', 'ledger] commit -> two\n', '中文 at the end without a newline'];
  const calls = [];
  const streaming = async (url, init) => {
    calls.push({ url, init });
    return { ok: true, status: 200, body: new ReadableStream({ start(controller) {
      chunks.forEach(chunk => controller.enqueue(encoder.encode(chunk)));
      controller.close();
    } }) };
  };
  const batches = [];
  const controller = new AbortController();
  await followLines('/namespaces/p/peers/peer0/logs?follow=true', lines => batches.push(lines), controller.signal, streaming);
  assert.deepEqual(batches, [['2026 0001 INFO [kvledger] commit -> one'], ['2026 0002 INFO [kvledger] commit -> two'],
    ['中文 at the end without a newline']]);
  assert.equal(calls[0].url, `${BASE}/namespaces/p/peers/peer0/logs?follow=true`);
  assert.equal(calls[0].init.signal, controller.signal);
  await assert.rejects(followLines('/x', () => {}, undefined, answering(409, { message: 'PeerNode peer1 is not running.' })),
    error => error instanceof ApiError && error.status === 409 && error.message === 'PeerNode peer1 is not running.');
});
