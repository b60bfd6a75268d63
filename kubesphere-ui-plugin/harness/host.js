// The harness's stand-in for the KubeSphere console: it provides the console's externals (real
// React 17, react-router 6, kubed, styled-components) to SystemJS under the import map's names,
// loads the plugin with System.import from the service as the console does, registers its locales
// behind a global t(), and mounts its workspace and project routes under the console's
// /workspaces/:workspace and /:workspace/clusters/:cluster/projects/:namespace with menus built
// from its menus.
import React from 'react';
import ReactDOM from 'react-dom';
import * as RouterDom from 'react-router-dom';
import * as Kubed from '@kubed/components';
import * as KubedHooks from '@kubed/hooks';
import * as KubedIcons from '@kubed/icons';
import * as Styled from 'styled-components';

const { BrowserRouter, Routes, Route, Outlet, NavLink, useParams } = RouterDom;
const PROVIDED = {
  react: React,
  'react-dom': ReactDOM,
  'react-router-dom': RouterDom,
  '@kubed/components': Kubed,
  '@kubed/hooks': KubedHooks,
  '@kubed/icons': KubedIcons,
  'styled-components': Styled,
};
const WORKSPACE = '/workspaces/:workspace';
const PROJECT = '/:workspace/clusters/:cluster/projects/:namespace';

function register() {
  const imports = {};
  for (const [name, module] of Object.entries(PROVIDED)) {
    const id = `app:${name}`;
    System.set(id, { ...module, default: module.default || module, __useDefault: true });
    imports[name] = id;
  }
  System.addImportMap({ imports });
}

function installT(locales) {
  window.t = (key, params = {}) => {
    const words = locales[document.documentElement.lang === 'zh' ? 'zh' : 'en'] || {};
    const text = words[key] !== undefined ? words[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] !== undefined ? String(params[name]) : whole));
  };
}

function cookie(name) {
  const found = document.cookie.split('; ').find(c => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
}

function Toolbar({ onLanguage }) {
  const [user, setUser] = React.useState(cookie('harness-user') || 'admin');
  const switchUser = event => {
    event.preventDefault();
    document.cookie = `harness-user=${encodeURIComponent(user)}; path=/`;
    window.location.reload();
  };
  return (
    <div className="harness-toolbar" style={{ display: 'flex', gap: 12, padding: 8, background: '#242e42', color: '#fff' }}>
      <form onSubmit={switchUser}>
        <label>user <input name="harness-user" value={user} onChange={e => setUser(e.target.value)} /></label>
        <button type="submit">switch</button>
      </form>
      <button type="button" name="language" onClick={onLanguage}>{document.documentElement.lang === 'zh' ? 'English' : '中文'}</button>
    </div>
  );
}

/** The console's left menu of a workspace or a project: the plugin's menus of that parent, linked under {@code base}. */
function Layout({ menus, parent }) {
  const { workspace, cluster, namespace } = useParams();
  const base = parent === 'project' ? `/${workspace}/clusters/${cluster}/projects/${namespace}` : `/workspaces/${workspace}`;
  const items = menus.filter(m => m.parent === parent).flatMap(m => m.children || [m]);
  return (
    <div style={{ display: 'flex' }}>
      <nav className="harness-menu" style={{ width: 200, padding: 12 }}>
        <strong>{parent === 'project' ? namespace : workspace}</strong>
        <ul>
          {items.map(item => (
            <li key={item.name}><NavLink to={`${base}/${item.name}`}>{window.t(item.title)}</NavLink></li>
          ))}
        </ul>
      </nav>
      <main style={{ flex: 1 }}><Outlet /></main>
    </div>
  );
}

/** The console's platform pages: the top bar's entry and, beside the page, the plugin's other top-level pages. */
function PlatformLayout({ menus, children }) {
  const entry = menus.find(m => m.parent === 'topbar');
  return (
    <div style={{ display: 'flex' }}>
      <nav className="harness-menu" style={{ width: 200, padding: 12 }}>
        <strong>{entry ? window.t(entry.title) : ''}</strong>
        <ul>
          <li><NavLink to="/ksbaas/consortia">{window.t('ALL_CONSORTIA')}</NavLink></li>
          <li><NavLink to="/ksbaas/audit">{window.t('AUDIT_LOG')}</NavLink></li>
        </ul>
      </nav>
      <main style={{ flex: 1 }}>{children}</main>
    </div>
  );
}

function Shell({ plugin }) {
  const [, setRound] = React.useState(0);
  const toggleLanguage = () => {
    document.documentElement.lang = document.documentElement.lang === 'zh' ? 'en' : 'zh';
    setRound(r => r + 1);
  };
  const under = parent => plugin.routes.filter(r => r.parentRoute === parent)
    .map(route => <Route key={route.path} path={route.path} element={route.element} />);
  return (
    <Kubed.KubedConfigProvider>
      <BrowserRouter>
        <Toolbar onLanguage={toggleLanguage} />
        <Routes>
          <Route path={WORKSPACE} element={<Layout menus={plugin.menus} parent="workspace" />}>{under(WORKSPACE)}</Route>
          <Route path={PROJECT} element={<Layout menus={plugin.menus} parent="project" />}>{under(PROJECT)}</Route>
          {plugin.routes.filter(r => !r.parentRoute).map(route => (
            <Route key={route.path} path={route.path} element={<PlatformLayout menus={plugin.menus}>{route.element}</PlatformLayout>} />
          ))}
          <Route path="*" element={<p className="harness-home">Open /workspaces/&lt;workspace&gt;/ksbaas/organizations</p>} />
        </Routes>
      </BrowserRouter>
    </Kubed.KubedConfigProvider>
  );
}

async function start() {
  register();
  const module = await System.import('/dist/ks-baas/index.js');
  const plugin = module.default;
  installT(plugin.locales);
  document.documentElement.lang = document.documentElement.lang || 'en';
  ReactDOM.render(<Shell plugin={plugin} />, document.getElementById('root'));
}

start().catch(error => {
  document.getElementById('root').textContent = `The plugin did not load: ${error.message}`;
  throw error;
});
