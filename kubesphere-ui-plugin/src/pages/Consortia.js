import React from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { NotificationsBadge } from './Notifications';
import { Page, Table, readiness } from './parts';
import { useFormWithChoices } from './Form';
import { ConsortiumWizard } from './ConsortiumWizard';

export function ConsortiumTable({ workspace, consortia }) {
  return (
    <Table
      rowKey={c => c.metadata.name}
      rows={consortia}
      columns={[
        ['name', t('NAME'), c => (workspace ? <Link to={`/workspaces/${workspace}/ksbaas/consortia/${c.metadata.name}`}>{c.metadata.name}</Link>
          : c.metadata.name)],
        ['leader', t('LEADER'), c => (c.spec && c.spec.leader && c.spec.leader.organization) || ''],
        ['members', t('MEMBERS'), c => ((c.spec && c.spec.members) || []).map(m => m.organization).join(', ')],
        ['status', t('STATUS'), c => readiness(c).phase],
      ]}
    />
  );
}

export default function Consortia() {
  const { workspace } = useParams();
  const state = useApi(() => api.consortia(workspace), [workspace]);
  const navigate = useNavigate();
  const form = useFormWithChoices(async () => (await api.organizations(workspace)).items.map(o => o.metadata.name), {
    noChoices: 'CREATE_AN_ORGANIZATION_FIRST',
    render: (organizations, close) => (
      // Once created, its overview shows the progress, live.
      <ConsortiumWizard organizations={organizations} onCancel={close} send={request => api.createConsortium(workspace, request)}
        onCreated={created => navigate(`/workspaces/${workspace}/ksbaas/consortia/${created.consortium.metadata.name}`)} />
    ),
  });
  const items = (state.data && state.data.items) || [];
  return (
    <Page title={t('CONSORTIA')} state={state} isEmpty={items.length === 0} empty={t('NO_CONSORTIA')} above={form.above}
      actions={[
        <NotificationsBadge key="badge" workspace={workspace} after={state.data} />,
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="create" color="secondary" onClick={form.open}>{t('CREATE_CONSORTIUM')}</Button>,
      ]}>
      <ConsortiumTable workspace={workspace} consortia={items} />
    </Page>
  );
}
