import React from 'react';
import { useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useProgress } from '../useApi';
import { Page, Table } from './parts';

export function OverviewSections({ overview }) {
  return (
    <div>
      <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
        <dt>{t('LEADER')}</dt><dd>{overview.leader}</dd>
        <dt>{t('STATUS')}</dt><dd>{overview.phase || ''}</dd>
        <dt>{t('NEAREST_CERTIFICATE_EXPIRY')}</dt><dd>{overview.nearestCertificateExpiry || ''}</dd>
      </dl>
      <h3>{t('CONDITIONS')}</h3>
      <Table rowKey={c => c.type} rows={overview.conditions || []} columns={[
        ['type', t('KIND'), c => c.type], ['status', t('STATUS'), c => c.status], ['reason', t('REASON'), c => c.reason || ''],
        ['message', t('MESSAGE'), c => c.message || '']]} />
      <h3>{t('MEMBERS')}</h3>
      <Table rowKey={m => m.organization} rows={overview.members || []} columns={[
        ['organization', t('ORGANIZATION'), m => m.organization], ['workspace', t('WORKSPACE'), m => m.workspace],
        ['namespace', t('PROJECT'), m => m.namespace || ''], ['peers', t('PEERS'), m => String(m.peers == null ? '' : m.peers)]]} />
      <h3>{t('NODES')}</h3>
      <Table rowKey={n => `${n.kind}/${n.namespace}/${n.name}`} rows={overview.nodes || []} columns={[
        ['name', t('NAME'), n => n.name], ['kind', t('KIND'), n => (n.kind === 'OrdererNode' ? t('ORDERER') : t('PEER'))],
        ['organization', t('ORGANIZATION'), n => n.organization], ['status', t('STATUS'), n => n.phase || ''],
        ['health', t('HEALTH'), n => healthLine(n)], ['heights', t('HEIGHTS'), n => heightsLine(n)],
        ['expires', t('EXPIRES'), n => n.certificateNotAfter || '']]} />
      <h3>{t('CHANNELS')}</h3>
      <Table rowKey={c => `${c.namespace}/${c.name}`} rows={overview.channels || []} columns={[
        ['name', t('NAME'), c => c.name], ['organizations', t('ORGANIZATIONS'), c => (c.organizations || []).join(', ')],
        ['height', t('HEIGHT'), c => (c.height == null ? '' : String(c.height))], ['status', t('STATUS'), c => c.phase || '']]} />
      <h3>{t('EVENTS')}</h3>
      <Table rowKey={(e, i) => `${e.time}/${e.object}/${e.reason}`} rows={overview.events || []} columns={[
        ['time', t('TIME'), e => e.time || ''], ['object', t('TARGET'), e => e.object || ''], ['reason', t('REASON'), e => e.reason || ''],
        ['message', t('MESSAGE'), e => e.message || '']]} />
    </div>
  );
}

/** A node's health as its operations endpoint answered: the state, and why when it is not healthy. */
export function healthLine(node) {
  const health = node.health;
  if (!health) {
    return '';
  }
  return health.reason ? `${t(`HEALTH_${health.state}`)}: ${health.reason}` : t(`HEALTH_${health.state}`);
}

/** Each channel's height on the node, and for a peer how many blocks it is behind the orderers when it is. */
export function heightsLine(node) {
  const heights = (node.health && node.health.heights) || {};
  const behind = node.blocksBehind || {};
  return Object.keys(heights).sort().map(channel => (behind[channel]
    ? `${channel}: ${heights[channel]} (${t('BEHIND', { count: String(behind[channel]) })})` : `${channel}: ${heights[channel]}`)).join(', ');
}

/** A consortium at a glance: conditions and events (read again every few seconds until it settles), members, nodes, channels. */
export default function ConsortiumOverview() {
  const { workspace, consortium } = useParams();
  const state = useApi(() => api.consortiumOverview(workspace, consortium), [workspace, consortium]);
  // Settled: the consortium Ready and every node running; until then its progress is read again.
  const ready = state.data && state.data.phase === 'Ready' && (state.data.nodes || []).every(n => n.phase === 'Running');
  useProgress(state, ready);
  return (
    <Page title={`${t('CONSORTIUM')} ${consortium}`} state={state} isEmpty={false}
      actions={<Button onClick={state.reload}>{t('REFRESH')}</Button>}>
      {state.data && <OverviewSections overview={state.data} />}
    </Page>
  );
}
