// The built bundle as the console loads it: one System.register module whose dependencies are all
// in the console's import map, whose default export is {routes, menus, locales}.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { externals } = require('../importmap.json');

const BUNDLE = path.join(__dirname, '..', 'dist', 'index.js');
// The console's menu mount points (KubeSphere 4.1).
const PARENTS = ['topbar', 'global', 'workspace', 'project', 'cluster', 'platformSettings', 'access', 'toolbox'];

/** Runs the bundle with a System that records its registration, then instantiates it with the real modules. */
function load() {
  const registrations = [];
  const System = { register: (deps, declare) => registrations.push({ deps, declare }) };
  vm.runInNewContext(fs.readFileSync(BUNDLE, 'utf8'), { System, globalThis: {} }, { filename: BUNDLE });
  assert.equal(registrations.length, 1, 'one System.register call');
  const deps = Array.from(registrations[0].deps);
  const { declare } = registrations[0];
  let exported = {};
  const { setters, execute } = declare(value => { exported = typeof value === 'object' ? { ...exported, ...value } : exported; }, {});
  deps.forEach((dep, i) => {
    const module = require(dep);
    setters[i]({ ...module, default: module.default || module });
  });
  execute();
  return { deps, module: exported };
}

test('the bundle is one SystemJS module depending only on what the console import map provides', () => {
  const source = fs.readFileSync(BUNDLE, 'utf8');
  assert.match(source, /^System\.register\(/);
  const { deps } = load();
  const missing = deps.filter(dep => !externals.includes(dep));
  assert.deepEqual(missing, [], `not in the console's import map: ${missing.join(', ')}`);
  assert.ok(!source.includes('react/jsx-runtime'), 'the classic JSX transform: react/jsx-runtime is not in the import map');
});

test('the default export registers routes, menus and locales as the console reads them', () => {
  const { module } = load();
  const plugin = module.default;
  assert.ok(plugin, 'a default export');
  assert.ok(Array.isArray(plugin.routes) && plugin.routes.length > 0);
  for (const route of plugin.routes) {
    assert.ok(route.path.startsWith('/'), `route path ${route.path}`);
    assert.ok(route.element, `route ${route.path} has an element`);
    if (!route.parentRoute) {
      assert.ok(route.path.startsWith('/ksbaas/'), `a top-level route stays under /ksbaas: ${route.path}`);
    }
    if (route.parentRoute) {
      assert.ok(route.path.startsWith(route.parentRoute), `${route.path} lies under its parent route ${route.parentRoute}`);
    }
  }
  for (const menu of plugin.menus) {
    assert.ok(PARENTS.includes(menu.parent), `menu ${menu.name}: parent ${menu.parent}`);
    for (const key of ['name', 'title']) {
      assert.ok(menu[key], `menu ${menu.name} has ${key}`);
    }
  }
  assert.deepEqual(Object.keys(plugin.locales).sort(), ['en', 'zh']);
});

test('the bundle stays small: React and kubed come from the console', () => {
  const size = fs.statSync(BUNDLE).size;
  assert.ok(size < 200 * 1024, `dist/index.js is ${size} bytes`);
});

test('the chart\'s ExtensionEntry offers exactly the menus the bundle registers', () => {
  const { module } = load();
  const chart = fs.readFileSync(path.join(__dirname, '..', '..', 'helm', 'ks-baas-extension', 'charts', 'frontend', 'templates',
    'extensionentry.yaml'), 'utf8');
  const inChart = [...chart.matchAll(/- name: (ksbaas\/[a-z]+)/g)].map(m => m[1]);
  const inBundle = Array.from(module.default.menus).flatMap(menu => Array.from(menu.children || [], child => child.name));
  assert.deepEqual(inChart, inBundle);
});
