// Digests of a document computed in the browser before anything is sent: the SHA family through
// Web Crypto, SM3 (GB/T 32905-2016, which Web Crypto lacks) here. Hex, lower case, as the API takes them.

/** The algorithms the notarization API accepts that a browser can compute, by the API's names. */
export const ALGORITHMS = ['SHA-256', 'SM3', 'SHA-384', 'SHA-512'];

const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');

export async function digestOf(algorithm, data) {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (algorithm === 'SM3') {
    return hex(sm3(bytes));
  }
  if (!ALGORITHMS.includes(algorithm)) {
    throw new Error(`unsupported algorithm ${algorithm}`);
  }
  return hex(new Uint8Array(await globalThis.crypto.subtle.digest(algorithm, bytes)));
}

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const rotl = (x, n) => ((x << (n % 32)) | (x >>> (32 - (n % 32)))) >>> 0;
const p0 = x => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = x => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** SM3 of the bytes: 32 bytes. */
export function sm3(message) {
  // Padding as in SHA-256: a 1 bit, zeros to 56 mod 64 bytes, the bit length as 64 bits big-endian.
  const length = message.length;
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = length * 8;
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);

  const v = IV.slice();
  const w = new Uint32Array(68);
  const w1 = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let j = 0; j < 16; j += 1) {
      w[j] = view.getUint32(offset + j * 4);
    }
    for (let j = 16; j < 68; j += 1) {
      w[j] = (p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6]) >>> 0;
    }
    for (let j = 0; j < 64; j += 1) {
      w1[j] = (w[j] ^ w[j + 4]) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = v;
    for (let j = 0; j < 64; j += 1) {
      const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
      const ss1 = rotl((rotl(a, 12) + e + rotl(t, j)) >>> 0, 7);
      const ss2 = (ss1 ^ rotl(a, 12)) >>> 0;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = ((ff >>> 0) + d + ss2 + w1[j]) >>> 0;
      const tt2 = ((gg >>> 0) + h + ss1 + w[j]) >>> 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    [a, b, c, d, e, f, g, h].forEach((x, i) => { v[i] = (v[i] ^ x) >>> 0; });
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  v.forEach((x, i) => outView.setUint32(i * 4, x));
  return out;
}
