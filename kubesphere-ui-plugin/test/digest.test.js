// The digests the notarization page computes in the browser, against published test vectors.
require('./load-source');
const test = require('node:test');
const assert = require('node:assert/strict');
const { createHash } = require('node:crypto');
const { digestOf, sm3 } = require('../src/digest');

const bytes = text => new TextEncoder().encode(text);
const hex = b => Buffer.from(b).toString('hex');

test('SM3 gives the standard\'s example digests (GB/T 32905-2016, appendix A)', () => {
  assert.equal(hex(sm3(bytes('abc'))), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  assert.equal(hex(sm3(bytes('abcd'.repeat(16)))), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
});

test('SM3 of the empty message and of lengths around the block boundary', () => {
  assert.equal(hex(sm3(new Uint8Array(0))), '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  // 55, 56 and 64 bytes: the length field fits, just does not, and a whole padding block.
  const lengths = [55, 56, 63, 64, 65, 1000];
  const digests = new Set(lengths.map(n => hex(sm3(new Uint8Array(n).fill(0x61)))));
  assert.equal(digests.size, lengths.length);
});

test('the SHA family comes from Web Crypto and agrees with Node', async () => {
  const data = bytes('a document to notarize');
  for (const [algorithm, node] of [['SHA-256', 'sha256'], ['SHA-384', 'sha384'], ['SHA-512', 'sha512']]) {
    assert.equal(await digestOf(algorithm, data), createHash(node).update(data).digest('hex'), algorithm);
  }
  assert.equal(await digestOf('SM3', data.buffer), hex(sm3(data)));
  await assert.rejects(digestOf('MD5', data), /unsupported algorithm MD5/);
});

test('SM3 agrees with OpenSSL\'s (through Node) on messages of every length up to five blocks', { skip: !require('node:crypto').getHashes().includes('sm3') && 'OpenSSL without SM3' }, () => {
  const { randomBytes } = require('node:crypto');
  for (let length = 0; length <= 320; length += 1) {
    const data = randomBytes(length);
    assert.equal(hex(sm3(data)), createHash('sm3').update(data).digest('hex'), `length ${length}`);
  }
});
