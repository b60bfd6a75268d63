import React from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Refusal, Table } from './parts';
import { FormFoot, useSubmission } from './Form';
import { ScopeEditor, blankScope, describeScope, scopeOf } from './ScopeEditor';

export function ApplicationTable({ applications, base }) {
  return (
    <Table
      rowKey={a => a.name}
      rows={applications}
      columns={[
        ['name', t('NAME'), a => <Link to={`${base}/${a.name}`}>{a.name}</Link>],
        ['description', t('DESCRIPTION'), a => a.description || ''],
        ['scopes', t('SCOPES'), a => (a.scopes || []).map(describeScope).join('; ')],
        ['keys', t('ENABLED_KEYS'), a => String((a.keys || []).filter(k => k.enabled).length)],
        ['createdBy', t('CREATED_BY'), a => a.createdBy || ''],
      ]}
    />
  );
}

/** The request body of the form: the rate limit only when one of its fields is filled (else the platform's defaults). */
export function applicationRequest(form) {
  const request = { name: form.name.trim(), scopes: form.scopes.map(scopeOf) };
  if (form.description.trim()) {
    request.description = form.description.trim();
  }
  if (form.requestsPerSecond !== '' || form.burst !== '') {
    request.rateLimit = {
      requestsPerSecond: form.requestsPerSecond === '' ? undefined : Number(form.requestsPerSecond),
      burst: form.burst === '' ? undefined : Number(form.burst),
    };
  }
  return request;
}

/** A new application: its name, what it may do on which channel, how fast it may call. */
export function CreateApplication({ namespace, channels, onCreated, onCancel }) {
  const [form, setForm] = React.useState({ name: '', description: '', scopes: [blankScope(channels[0])], requestsPerSecond: '', burst: '' });
  const { busy, error, submit } = useSubmission(request => api.createApplication(namespace, request), onCreated);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  return (
    <form name="create-application" className="ksbaas-form" onSubmit={event => { event.preventDefault(); submit(applicationRequest(form)); }}
      style={{ display: 'grid', gap: 8, maxWidth: 900, marginBottom: 16 }}>
      <label>{t('NAME')}<Input name="name" value={form.name} onChange={change('name')} /></label>
      <label>{t('DESCRIPTION')}<Input name="description" value={form.description} onChange={change('description')} /></label>
      <ScopeEditor rows={form.scopes} channels={channels} onChange={scopes => setForm({ ...form, scopes })} />
      <div style={{ display: 'flex', gap: 8 }}>
        <label>{t('REQUESTS_PER_SECOND')}<Input name="requestsPerSecond" type="number" value={form.requestsPerSecond} onChange={change('requestsPerSecond')} /></label>
        <label>{t('BURST')}<Input name="burst" type="number" value={form.burst} onChange={change('burst')} /></label>
      </div>
      <p className="ksbaas-hint">{t('RATE_LIMIT_HINT')}</p>
      <FormFoot busy={busy} error={error} onCancel={onCancel} />
    </form>
  );
}

/**
 * The project's applications: business systems that call the open API with an access key, acting
 * as a client identity the organization holds for each. Created by project operators and admins.
 */
export default function Applications() {
  const { workspace, cluster, namespace } = useParams();
  const state = useApi(() => api.applications(namespace), [namespace]);
  const channels = useApi(() => api.channels(namespace), [namespace]);
  const [creating, setCreating] = React.useState(false);
  const items = (state.data && state.data.items) || [];
  const channelNames = ((channels.data && channels.data.items) || []).map(c => c.metadata.name);
  const base = `/${workspace}/clusters/${cluster}/projects/${namespace}/ksbaas/applications`;
  return (
    <Page title={t('APPLICATIONS')} state={state} isEmpty={items.length === 0} empty={t('NO_APPLICATIONS')}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="create" color="secondary" disabled={!channels.data} onClick={() => setCreating(true)}>{t('CREATE_APPLICATION')}</Button>,
      ]}
      above={(
        <>
          <p className="ksbaas-hint">{t('APPLICATIONS_HINT')}</p>
          <Refusal error={channels.error} />
          {creating && (
            <CreateApplication namespace={namespace} channels={channelNames} onCancel={() => setCreating(false)}
              onCreated={() => { setCreating(false); state.reload(); }} />
          )}
        </>
      )}>
      <ApplicationTable applications={items} base={base} />
    </Page>
  );
}
