// Every word the plugin shows exists in both languages.
require('./load-source');
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const locales = require('../src/locales').default;
const { menus } = require('../src/index');

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(file) : file.endsWith('.js') ? [file] : [];
  });
}

test('English and Chinese have the same keys, none empty', () => {
  assert.deepEqual(Object.keys(locales.zh).sort(), Object.keys(locales.en).sort());
  for (const [language, words] of Object.entries(locales)) {
    for (const [key, text] of Object.entries(words)) {
      assert.ok(text.trim().length > 0, `${language}.${key} is empty`);
    }
  }
});

test('every key the sources and menus use is in the locales', () => {
  const used = new Set();
  for (const file of sources(path.join(__dirname, '..', 'src'))) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([A-Z0-9_]+)'/g)) {
      used.add(match[1]);
    }
  }
  const walk = items => items.forEach(menu => {
    used.add(menu.title);
    if (menu.desc) used.add(menu.desc);
    walk(menu.children || []);
  });
  walk(menus);
  assert.ok(used.size > 10);
  const missing = [...used].filter(key => locales.en[key] === undefined);
  assert.deepEqual(missing, []);
});
