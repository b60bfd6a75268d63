import React from 'react';
import { useParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Table, readiness } from './parts';

export function OrganizationTable({ organizations }) {
  return (
    <Table
      rowKey={o => o.metadata.name}
      rows={organizations}
      columns={[
        ['name', t('NAME'), o => o.metadata.name],
        ['msp', t('MSP_ID'), o => (o.spec && o.spec.mspId) || ''],
        ['domain', t('DOMAIN'), o => (o.spec && o.spec.domain) || ''],
        ['status', t('STATUS'), o => readiness(o).phase],
        ['message', t('MESSAGE'), o => readiness(o).message],
      ]}
    />
  );
}

/** The form of a new organization: its name, MSP ID and domain; the API's refusal shown as it is worded. */
export function CreateOrganization({ workspace, onCreated, onCancel }) {
  const [form, setForm] = React.useState({ name: '', mspId: '', domain: '' });
  const [error, setError] = React.useState(null);
  const [busy, setBusy] = React.useState(false);
  const field = key => event => setForm({ ...form, [key]: event.target.value });
  const submit = async event => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = { name: form.name, mspId: form.mspId };
    if (form.domain) {
      body.domain = form.domain;
    }
    try {
      await api.createOrganization(workspace, body);
    } catch (e) {
      setError(e);
      setBusy(false);
      return;
    }
    onCreated(); // closes this form

  };
  return (
    <form className="ksbaas-form" onSubmit={submit} style={{ display: 'grid', gap: 8, maxWidth: 480, marginBottom: 16 }}>
      <label>{t('NAME')}<Input name="name" value={form.name} onChange={field('name')} /></label>
      <label>{t('MSP_ID')}<Input name="mspId" value={form.mspId} onChange={field('mspId')} /></label>
      <label>{t('DOMAIN')}<Input name="domain" value={form.domain} onChange={field('domain')} /></label>
      {error && <p role="alert" className="ksbaas-error">{t('REQUEST_FAILED', { message: error.message })}</p>}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="submit" color="secondary" loading={busy} disabled={busy}>{t('CREATE')}</Button>
        <Button type="button" onClick={onCancel}>{t('CANCEL')}</Button>
      </div>
    </form>
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
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="create" color="secondary" onClick={() => setCreating(true)}>{t('CREATE_ORGANIZATION')}</Button>,
      ]}
      above={creating && (
        <CreateOrganization workspace={workspace} onCancel={() => setCreating(false)} onCreated={() => { setCreating(false); state.reload(); }} />
      )}
    >
      <OrganizationTable organizations={items} />
    </Page>
  );
}
