import React from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Table, readiness } from './parts';
import { RequestForm } from './Form';

export function ChannelTable({ channels, base }) {
  return (
    <Table
      rowKey={c => c.metadata.name}
      rows={channels}
      columns={[
        ['name', t('NAME'), c => (base ? <Link to={`${base}/${c.metadata.name}`}>{c.metadata.name}</Link> : c.metadata.name)],
        ['organizations', t('ORGANIZATIONS'), c => ((c.spec && c.spec.organizations) || []).join(', ')],
        ['height', t('HEIGHT'), c => (c.status && c.status.height != null ? String(c.status.height) : '')],
        ['peers', t('PEERS_JOINED'), c => ((c.status && c.status.peersJoined) || []).join(', ')],
        ['status', t('STATUS'), c => readiness(c).phase],
      ]}
    />
  );
}

/** The channels of the consortium as this namespace sees them; the leader's namespace creates them, naming member organizations. */
export default function Channels() {
  const { workspace, cluster, namespace } = useParams();
  const state = useApi(() => api.channels(namespace), [namespace]);
  const base = `/${workspace}/clusters/${cluster}/projects/${namespace}/ksbaas/channels`;
  const [creating, setCreating] = React.useState(false);
  const items = (state.data && state.data.items) || [];
  return (
    <Page title={t('CHANNELS')} state={state} isEmpty={items.length === 0} empty={t('NO_CHANNELS')}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="create" color="secondary" onClick={() => setCreating(true)}>{t('CREATE_CHANNEL')}</Button>,
      ]}
      above={creating && (
        <RequestForm name="create-channel" initial={{ name: '', organizations: '' }}
          fields={[['name', 'NAME'], ['organizations', 'ORGANIZATIONS_COMMA']]}
          send={form => api.createChannel(namespace, { name: form.name, organizations: form.organizations.split(',').map(o => o.trim()).filter(Boolean) })}
          onDone={() => { setCreating(false); state.reload(); }} onCancel={() => setCreating(false)} />
      )}>
      <ChannelTable channels={items} base={base} />
    </Page>
  );
}
