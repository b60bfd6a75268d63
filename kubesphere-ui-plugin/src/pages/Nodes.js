import React from 'react';
import { useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Table, readiness, Refusal } from './parts';
import { RequestForm } from './Form';
import { download } from './download';

export function NodeTable({ nodes }) {
  return (
    <Table
      rowKey={n => `${n.kind}/${n.metadata.name}`}
      rows={nodes}
      columns={[
        ['name', t('NAME'), n => n.metadata.name],
        ['kind', t('KIND'), n => (n.kind === 'OrdererNode' ? t('ORDERER') : t('PEER'))],
        ['organization', t('ORGANIZATION'), n => (n.spec && n.spec.organization) || ''],
        ['status', t('STATUS'), n => readiness(n).phase],
        ['message', t('MESSAGE'), n => readiness(n).message],
      ]}
    />
  );
}

/** The peers and orderers in an organization's consortium namespace; its admin adds a peer. */
export default function Nodes() {
  const { namespace } = useParams();
  const state = useApi(async () => {
    const [peers, orderers] = await Promise.all([api.peers(namespace), api.orderers(namespace)]);
    return { items: [...peers.items.map(p => ({ kind: 'PeerNode', ...p })), ...orderers.items.map(o => ({ kind: 'OrdererNode', ...o }))] };
  }, [namespace]);
  const [adding, setAdding] = React.useState(false);
  const [failure, setFailure] = React.useState(null);
  const items = (state.data && state.data.items) || [];
  // The namespace's organization, as its nodes name it: whose connection profile applications need.
  const organization = (items.find(n => n.kind === 'PeerNode' && n.spec && n.spec.organization) || { spec: {} }).spec.organization;
  const profile = async () => {
    setFailure(null);
    try {
      download(`${organization}-connection-profile.json`, await api.connectionProfile(namespace, organization));
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <Page title={t('NODES')} state={state} isEmpty={items.length === 0} empty={t('NO_NODES')}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="profile" disabled={!organization} onClick={profile}>{t('CONNECTION_PROFILE')}</Button>,
        <Button key="add" color="secondary" onClick={() => setAdding(true)}>{t('ADD_PEER')}</Button>,
      ]}
      above={failure ? <Refusal error={failure} /> : adding && (
        <RequestForm name="add-peer" initial={{ name: '' }} fields={[['name', 'NAME']]} send={form => api.addPeer(namespace, form)}
          onDone={() => { setAdding(false); state.reload(); }} onCancel={() => setAdding(false)} />
      )}>
      <NodeTable nodes={items} />
    </Page>
  );
}
