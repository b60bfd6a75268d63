import React from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useAttempt } from '../useApi';
import { Page, Refusal, Table, Unready } from './parts';
import { FormFoot, RequestForm, useSubmission } from './Form';
import { CountBars } from './Charts';
import { ScopeEditor, describeScope, scopeOf, scopeRow } from './ScopeEditor';

/** A key just made: its secret, shown this once (the service keeps it sealed and never answers it again). */
export function NewSecret({ created, onDone }) {
  const [copied, setCopied] = React.useState(false);
  const copy = async () => {
    try {
      await globalThis.navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch (notAllowed) {
      setCopied(false); // an insecure origin has no clipboard: the secret stays on screen to select
    }
  };
  return (
    <div role="status" className="ksbaas-new-secret" style={{ border: '1px solid #f5a623', padding: 12, marginBottom: 12 }}>
      <p><strong>{t('SECRET_SHOWN_ONCE')}</strong></p>
      <dl style={{ display: 'grid', gridTemplateColumns: '160px 1fr', gap: 4 }}>
        <dt>{t('ACCESS_KEY_ID')}</dt><dd><code className="ksbaas-access-key-id">{created.accessKeyId}</code></dd>
        <dt>{t('SECRET')}</dt><dd><code className="ksbaas-secret">{created.secret}</code></dd>
      </dl>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button onClick={copy}>{copied ? t('COPIED') : t('COPY_SECRET')}</Button>
        <Button color="secondary" onClick={onDone}>{t('SECRET_SAVED')}</Button>
      </div>
    </div>
  );
}

/** The application's keys: made (the secret shown once), disabled, enabled again, deleted. Admins only; the service says so to others. */
function AccessKeys({ namespace, application, keys, onChange }) {
  const [created, setCreated] = React.useState(null);
  const { failure, attempt } = useAttempt(onChange);
  const create = () => attempt(async () => setCreated(await api.createAccessKey(namespace, application)));
  const remove = key => {
    if (globalThis.confirm(t('CONFIRM_DELETE_KEY', { key: key.accessKeyId }))) {
      attempt(() => api.deleteAccessKey(namespace, application, key.accessKeyId));
    }
  };
  return (
    <div className="ksbaas-access-keys">
      <h3>{t('ACCESS_KEYS')}</h3>
      <p className="ksbaas-hint">{t('ROTATION_HINT')}</p>
      {created && <NewSecret created={created} onDone={() => setCreated(null)} />}
      <Refusal error={failure} />
      {keys.length === 0 ? <p className="ksbaas-empty">{t('NO_ACCESS_KEYS')}</p> : (
        <Table rowKey={k => k.accessKeyId} rows={keys} columns={[
          ['id', t('ACCESS_KEY_ID'), k => <code>{k.accessKeyId}</code>],
          ['state', t('STATE'), k => (k.enabled ? t('ENABLED') : t('DISABLED'))],
          ['createdBy', t('CREATED_BY'), k => k.createdBy || ''],
          ['createdAt', t('CREATED_AT'), k => k.createdAt || ''],
          ['lastUsed', t('LAST_USED'), k => k.lastUsedAt || t('NEVER')],
          ['actions', '', k => (
            <div style={{ display: 'flex', gap: 8 }}>
              <Button onClick={() => attempt(() => api.enableAccessKey(namespace, application, k.accessKeyId, !k.enabled))}>
                {k.enabled ? t('DISABLE') : t('ENABLE')}
              </Button>
              <Button onClick={() => remove(k)}>{t('DELETE')}</Button>
            </div>
          )],
        ]} />
      )}
      <div style={{ marginTop: 8 }}><Button color="secondary" onClick={create}>{t('CREATE_ACCESS_KEY')}</Button></div>
    </div>
  );
}

/** Calls per UTC day over the last week: all of them, those answered 2xx, those refused for the rate limit. */
function Usage({ namespace, application, after }) {
  const usage = useApi(() => api.applicationUsage(namespace, application, 7), [namespace, application, after]);
  if (!usage.data) {
    return <Unready state={usage} />;
  }
  const days = usage.data.items || [];
  if (days.length === 0) {
    return <p className="ksbaas-empty">{t('NO_CALLS')}</p>;
  }
  return (
    <div className="ksbaas-usage">
      <CountBars label={t('CALLS_PER_DAY')} counts={days.map(d => ({ name: d.day, transactions: d.calls }))} />
      <Table rowKey={d => d.day} rows={days} columns={[
        ['day', t('DAY'), d => d.day],
        ['calls', t('CALLS'), d => String(d.calls)],
        ['succeeded', t('SUCCEEDED'), d => String(d.succeeded)],
        ['limited', t('RATE_LIMITED'), d => String(d.rateLimited)],
      ]} />
    </div>
  );
}

/** What the application may do, changed in place: the service judges the new scopes as it judged the first. */
function ScopesEdit({ namespace, application, scopes, channels, onDone, onCancel }) {
  const [rows, setRows] = React.useState(scopes.map(scopeRow));
  const { busy, error, submit } = useSubmission(change => api.updateApplication(namespace, application, change), onDone);
  return (
    <form name="edit-scopes" className="ksbaas-form" onSubmit={event => { event.preventDefault(); submit({ scopes: rows.map(scopeOf) }); }}
      style={{ display: 'grid', gap: 8, maxWidth: 900, marginBottom: 16 }}>
      <ScopeEditor rows={rows} channels={channels} onChange={setRows} />
      <FormFoot busy={busy} error={error} onCancel={onCancel} submitKey="SAVE" />
    </form>
  );
}

/** Receivers of the chaincode events or transaction outcomes the application subscribes to, with where delivery stands (read again with the page). */
function Webhooks({ namespace, application, channels, after }) {
  const state = useApi(() => api.webhooks(namespace, application), [namespace, application, after]);
  const [creating, setCreating] = React.useState(false);
  const { failure, attempt } = useAttempt(state.reload);
  const items = (state.data && state.data.items) || [];
  const replay = webhook => {
    const from = globalThis.prompt(t('REPLAY_FROM_PROMPT', { webhook: webhook.name }), '0');
    if (from !== null) {
      attempt(() => api.replayWebhook(namespace, application, webhook.name, Number(from)));
    }
  };
  const remove = webhook => globalThis.confirm(t('CONFIRM_DELETE_WEBHOOK', { webhook: webhook.name }))
    && attempt(() => api.deleteWebhook(namespace, application, webhook.name));
  return (
    <div className="ksbaas-webhooks">
      <h3>{t('WEBHOOKS')}</h3>
      <div style={{ marginBottom: 8 }}><Button color="secondary" onClick={() => setCreating(true)}>{t('CREATE_WEBHOOK')}</Button></div>
      {creating && (
        <RequestForm name="create-webhook"
          initial={{ name: '', kind: 'ChaincodeEvents', url: '', channel: channels[0] || '', chaincode: '', eventName: '' }}
          fields={[['name', 'NAME'], ['kind', 'KIND', { choices: ['ChaincodeEvents', 'TransactionStatus'] }], ['url', 'URL'],
            ['channel', 'CHANNEL', channels.length ? { choices: channels } : {}], ['chaincode', 'CHAINCODE'], ['eventName', 'EVENT_NAME']]}
          send={form => api.createWebhook(namespace, application, Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '')))}
          onDone={() => { setCreating(false); state.reload(); }} onCancel={() => setCreating(false)} />
      )}
      <Refusal error={failure} />
      {items.length === 0 ? (state.data ? <p className="ksbaas-empty">{t('NO_WEBHOOKS')}</p> : <Unready state={state} />) : (
        <Table rowKey={w => w.name} rows={items} columns={[
          ['name', t('NAME'), w => w.name],
          ['kind', t('KIND'), w => w.kind],
          ['url', t('URL'), w => <code>{w.url}</code>],
          ['source', t('SOURCE'), w => [w.channel, w.chaincode, w.eventName].filter(Boolean).join(' · ')],
          ['next', t('NEXT_BLOCK'), w => String(w.nextBlock)],
          ['delivered', t('DELIVERED'), w => String(w.delivered)],
          ['dead', t('DEAD_LETTERS'), w => String(w.deadLetters)],
          ['error', t('LAST_ERROR'), w => w.lastError || ''],
          ['actions', '', w => (
            <div style={{ display: 'flex', gap: 8 }}>
              <Button onClick={() => replay(w)}>{t('REPLAY')}</Button>
              <Button onClick={() => remove(w)}>{t('DELETE')}</Button>
            </div>
          )],
        ]} />
      )}
    </div>
  );
}

/** One application: who it acts as, its scopes, its keys, its calls, its webhooks. */
export default function ApplicationDetail() {
  const { workspace, cluster, namespace, application } = useParams();
  const navigate = useNavigate();
  const state = useApi(() => api.application(namespace, application), [namespace, application]);
  const channels = useApi(() => api.channels(namespace), [namespace]);
  const [editing, setEditing] = React.useState(false);
  const { failure, attempt } = useAttempt();
  const channelNames = ((channels.data && channels.data.items) || []).map(c => c.metadata.name);
  const app = state.data;
  const remove = () => globalThis.confirm(t('CONFIRM_DELETE_APPLICATION', { application }))
    && attempt(async () => {
      await api.deleteApplication(namespace, application);
      navigate(`/${workspace}/clusters/${cluster}/projects/${namespace}/ksbaas/applications`);
    });
  const limit = app && app.rateLimit;
  return (
    <Page title={`${t('APPLICATION')} · ${application}`} state={state} isEmpty={false}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="delete" onClick={remove}>{t('DELETE_APPLICATION')}</Button>,
      ]}
      above={<Refusal error={failure} />}>
      {app && (
        <div>
          <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
            <dt>{t('ORGANIZATION')}</dt><dd>{app.organization}</dd>
            <dt>{t('DESCRIPTION')}</dt><dd>{app.description || ''}</dd>
            <dt>{t('ACTS_AS')}</dt><dd><code>{app.principal}</code></dd>
            <dt>{t('RATE_LIMIT')}</dt>
            <dd>{limit ? t('RATE_LIMIT_VALUE', { rps: String(limit.requestsPerSecond), burst: String(limit.burst) }) : t('PLATFORM_DEFAULT')}</dd>
            <dt>{t('CREATED_BY')}</dt><dd>{`${app.createdBy || ''} ${app.createdAt || ''}`}</dd>
          </dl>
          <h3>{t('SCOPES')}</h3>
          {editing ? (
            <ScopesEdit namespace={namespace} application={application} scopes={app.scopes || []} channels={channelNames}
              onDone={() => { setEditing(false); state.reload(); }} onCancel={() => setEditing(false)} />
          ) : (
            <div>
              <ul className="ksbaas-scope-list">{(app.scopes || []).map(scope => <li key={describeScope(scope)}>{describeScope(scope)}</li>)}</ul>
              <Button onClick={() => setEditing(true)}>{t('EDIT_SCOPES')}</Button>
            </div>
          )}
          <AccessKeys namespace={namespace} application={application} keys={app.keys || []} onChange={state.reload} />
          <h3>{t('USAGE')}</h3>
          <Usage namespace={namespace} application={application} after={app} />
          <Webhooks namespace={namespace} application={application} channels={channelNames} after={app} />
        </div>
      )}
    </Page>
  );
}
