import React from 'react';
import { useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useAttempt } from '../useApi';
import { Page, Table, readiness, Refusal } from './parts';
import { RequestForm } from './Form';
import { download } from './download';
import { NodeLog } from './NodeLog';

/** A node's container resources as one line: requests / limits of cpu and memory, what is set. */
export function resourcesLine(spec) {
  const resources = (spec && spec.resources) || {};
  const part = values => ['cpu', 'memory'].filter(name => values && values[name]).map(name => `${name} ${values[name]}`).join(', ');
  return [part(resources.requests), part(resources.limits)].map(p => p || '-').join(' / ');
}

export function NodeTable({ nodes, onResize, onRemove, onLogs }) {
  const actions = onResize ? [['actions', '', n => (
    <span style={{ display: 'flex', gap: 8 }}>
      <Button size="sm" onClick={() => onLogs(n)}>{t('LOGS')}</Button>
      <Button size="sm" onClick={() => onResize(n)}>{t('RESIZE')}</Button>
      {n.kind === 'PeerNode' && !n.metadata.deletionTimestamp && <Button size="sm" onClick={() => onRemove(n)}>{t('REMOVE')}</Button>}
    </span>
  )]] : [];
  return (
    <Table
      rowKey={n => `${n.kind}/${n.metadata.name}`}
      rows={nodes}
      columns={[
        ['name', t('NAME'), n => n.metadata.name],
        ['kind', t('KIND'), n => (n.kind === 'OrdererNode' ? t('ORDERER') : t('PEER'))],
        ['organization', t('ORGANIZATION'), n => (n.spec && n.spec.organization) || ''],
        ['storage', t('STORAGE'), n => (n.spec && n.spec.storage && n.spec.storage.size) || t('PLATFORM_DEFAULT')],
        ['resources', t('RESOURCES'), n => resourcesLine(n.spec)],
        // A node being removed stays listed until its finalizer has stopped it.
        ['status', t('STATUS'), n => (n.metadata.deletionTimestamp ? t('DELETING') : readiness(n).phase)],
        ['message', t('MESSAGE'), n => readiness(n).message],
        ...actions,
      ]}
    />
  );
}

/**
 * What a resize sends: only what the user filled in (the rest stays as it is); the ledger volume
 * may only grow, which the API says in its words when asked to shrink it.
 */
export function nodeChange(form) {
  const pick = names => Object.fromEntries(names.filter(([key]) => form[key] && form[key].trim())
    .map(([key, name]) => [name, form[key].trim()]));
  const change = {};
  if (form.storage && form.storage.trim()) {
    change.storage = { size: form.storage.trim() };
  }
  const requests = pick([['cpuRequest', 'cpu'], ['memoryRequest', 'memory']]);
  const limits = pick([['cpuLimit', 'cpu'], ['memoryLimit', 'memory']]);
  if (Object.keys(requests).length || Object.keys(limits).length) {
    change.resources = { requests, limits };
  }
  return change;
}

function resizeForm(node) {
  const resources = (node.spec && node.spec.resources) || {};
  const requests = resources.requests || {};
  const limits = resources.limits || {};
  return { storage: (node.spec && node.spec.storage && node.spec.storage.size) || '', cpuRequest: requests.cpu || '',
    memoryRequest: requests.memory || '', cpuLimit: limits.cpu || '', memoryLimit: limits.memory || '' };
}

/**
 * The peers and orderers in an organization's consortium namespace: its admin adds a peer, removes
 * one it added (after a confirmation), and resizes a node's ledger volume or container resources;
 * whoever sees the project follows a node's log.
 */
export default function Nodes() {
  const { namespace } = useParams();
  const state = useApi(async () => {
    const [peers, orderers] = await Promise.all([api.peers(namespace), api.orderers(namespace)]);
    return { items: [...peers.items.map(p => ({ kind: 'PeerNode', ...p })), ...orderers.items.map(o => ({ kind: 'OrdererNode', ...o }))] };
  }, [namespace]);
  const [adding, setAdding] = React.useState(false);
  const [resizing, setResizing] = React.useState(null);
  const [logOf, setLogOf] = React.useState(null);
  const { failure, attempt, clearFailure } = useAttempt();
  const items = (state.data && state.data.items) || [];
  // The namespace's organization, as its nodes name it: whose connection profile applications need.
  const organization = (items.find(n => n.kind === 'PeerNode' && n.spec && n.spec.organization) || { spec: {} }).spec.organization;
  const profile = () => attempt(async () => download(`${organization}-connection-profile.json`,
    await api.connectionProfile(namespace, organization)));
  const remove = node => {
    if (!globalThis.confirm(t('CONFIRM_REMOVE_PEER', { peer: node.metadata.name }))) {
      return;
    }
    attempt(async () => {
      await api.removePeer(namespace, node.metadata.name);
      state.reload();
    });
  };
  const close = () => { setAdding(false); setResizing(null); };
  let above = <Refusal error={failure} />;
  if (adding) {
    above = <RequestForm name="add-peer" initial={{ name: '' }} fields={[['name', 'NAME']]} send={form => api.addPeer(namespace, form)}
      onDone={() => { close(); state.reload(); }} onCancel={close} />;
  } else if (resizing) {
    const resize = resizing.kind === 'PeerNode' ? api.resizePeer : api.resizeOrderer;
    above = (
      <div>
        <h3>{t('RESIZE_NODE', { node: resizing.metadata.name })}</h3>
        <RequestForm name="resize-node" submitKey="SAVE" initial={resizeForm(resizing)}
          fields={[['storage', 'STORAGE_SIZE'], ['cpuRequest', 'CPU_REQUEST'], ['memoryRequest', 'MEMORY_REQUEST'],
            ['cpuLimit', 'CPU_LIMIT'], ['memoryLimit', 'MEMORY_LIMIT']]}
          send={form => resize(namespace, resizing.metadata.name, nodeChange(form))}
          onDone={() => { close(); state.reload(); }} onCancel={close} />
      </div>
    );
  }
  return (
    <Page title={t('NODES')} state={state} isEmpty={items.length === 0} empty={t('NO_NODES')}
      above={<>{above}{logOf && <NodeLog namespace={namespace} node={logOf} onClose={() => setLogOf(null)} />}</>}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="profile" disabled={!organization} onClick={profile}>{t('CONNECTION_PROFILE')}</Button>,
        <Button key="add" color="secondary" onClick={() => { close(); setAdding(true); }}>{t('ADD_PEER')}</Button>,
      ]}>
      <NodeTable nodes={items} onResize={node => { close(); clearFailure(); setResizing(node); }} onRemove={remove} onLogs={setLogOf} />
    </Page>
  );
}
