import React from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { NotificationsBadge } from './Notifications';
import { Page, Table, readiness } from './parts';
import { RequestForm } from './Form';

export function OrganizationTable({ workspace, organizations }) {
  return (
    <Table
      rowKey={o => o.metadata.name}
      rows={organizations}
      columns={[
        ['name', t('NAME'), o => <Link to={`/workspaces/${workspace}/ksbaas/organizations/${o.metadata.name}`}>{o.metadata.name}</Link>],
        ['msp', t('MSP_ID'), o => (o.spec && o.spec.mspId) || ''],
        ['domain', t('DOMAIN'), o => (o.spec && o.spec.domain) || ''],
        ['status', t('STATUS'), o => readiness(o).phase],
        ['message', t('MESSAGE'), o => readiness(o).message],
      ]}
    />
  );
}

/** The form of a new organization: its name, MSP ID and domain. */
export function CreateOrganization({ workspace, onCreated, onCancel }) {
  return (
    <RequestForm
      name="create-organization"
      initial={{ name: '', mspId: '', domain: '' }}
      fields={[['name', 'NAME'], ['mspId', 'MSP_ID'], ['domain', 'DOMAIN']]}
      send={form => api.createOrganization(workspace, form.domain ? form : { name: form.name, mspId: form.mspId })}
      onDone={onCreated}
      onCancel={onCancel}
    />
  );
}

export default function Organizations() {
  const { workspace } = useParams();
  const state = useApi(() => api.organizations(workspace), [workspace]);
  const [creating, setCreating] = React.useState(false);
  const items = (state.data && state.data.items) || [];
  return (
    <Page
      title={t('ORGANIZATIONS')}
      state={state}
      isEmpty={items.length === 0}
      empty={t('NO_ORGANIZATIONS')}
      actions={[
        <NotificationsBadge key="badge" workspace={workspace} after={state.data} />,
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="create" color="secondary" onClick={() => setCreating(true)}>{t('CREATE_ORGANIZATION')}</Button>,
      ]}
      above={creating && (
        <CreateOrganization workspace={workspace} onCancel={() => setCreating(false)} onCreated={() => { setCreating(false); state.reload(); }} />
      )}
    >
      <OrganizationTable workspace={workspace} organizations={items} />
    </Page>
  );
}
