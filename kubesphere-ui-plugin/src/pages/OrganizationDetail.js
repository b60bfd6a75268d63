import React from 'react';
import { useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Table, readiness, Refusal } from './parts';
import { RequestForm } from './Form';
import { download } from './download';

const REASONS = ['KEY_COMPROMISE', 'SUPERSEDED', 'AFFILIATION_CHANGED', 'CESSATION_OF_OPERATION', 'PRIVILEGE_WITHDRAWN', 'UNSPECIFIED'];

export function IdentityTable({ identities, onExport, onRevoke }) {
  return (
    <Table
      rowKey={i => i.name}
      rows={identities}
      columns={[
        ['name', t('NAME'), i => i.name],
        ['role', t('ROLE'), i => i.role],
        ['serial', t('SERIAL'), i => i.serial],
        ['notAfter', t('EXPIRES'), i => i.notAfter],
        ['state', t('STATE'), i => (i.revoked ? t('REVOKED') : t('VALID'))],
        ['actions', '', i => (i.revoked ? null : (
          <span style={{ display: 'flex', gap: 8 }}>
            <Button onClick={() => onExport(i)}>{t('EXPORT')}</Button>
            <Button onClick={() => onRevoke(i)}>{t('REVOKE')}</Button>
          </span>
        ))],
      ]}
    />
  );
}

/**
 * One organization: its MSP, CA certificates and held identities. Issuing, exporting (its private
 * key leaves the platform: confirmed first, audited by the service) and revoking (with a reason).
 */
export default function OrganizationDetail() {
  const { workspace, organization } = useParams();
  const state = useApi(async () => {
    const [resource, identities] = await Promise.all([api.organization(workspace, organization), api.identities(workspace, organization)]);
    return { resource, identities: identities.items };
  }, [workspace, organization]);
  const [form, setForm] = React.useState(null);
  const [failure, setFailure] = React.useState(null);
  const close = () => { setForm(null); state.reload(); };
  const exportIdentity = async identity => {
    if (!globalThis.confirm(t('CONFIRM_EXPORT', { identity: identity.name }))) {
      return;
    }
    setFailure(null);
    try {
      download(`${organization}-${identity.name}.json`, await api.exportIdentity(workspace, organization, identity.name));
    } catch (e) {
      setFailure(e);
    }
  };
  let above = <Refusal error={failure} />;
  if (form === 'issue') {
    above = <RequestForm name="issue-identity" submitKey="ISSUE" initial={{ name: '', role: 'client' }}
      fields={[['name', 'NAME'], ['role', 'ROLE', { choices: ['client', 'user', 'admin'] }]]}
      send={body => api.issueIdentity(workspace, organization, body)} onDone={close} onCancel={() => setForm(null)} />;
  } else if (form) {
    above = <RequestForm name="revoke-identity" submitKey="REVOKE" initial={{ identity: form.name, reason: REASONS[0] }}
      fields={[['reason', 'REVOCATION_REASON', { choices: REASONS }]]}
      send={body => api.revoke(workspace, organization, { identity: form.name, reason: body.reason })} onDone={close}
      onCancel={() => setForm(null)} />;
  }
  const data = state.data;
  const spec = (data && data.resource.spec) || {};
  const status = (data && data.resource.status) || {};
  return (
    <Page title={`${t('ORGANIZATION')} ${organization}`} state={state} isEmpty={false} above={above}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="issue" color="secondary" onClick={() => setForm('issue')}>{t('ISSUE_IDENTITY')}</Button>,
      ]}>
      {data && (
        <div>
          <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '160px 1fr', gap: 4 }}>
            <dt>{t('MSP_ID')}</dt><dd>{spec.mspId}</dd>
            <dt>{t('DOMAIN')}</dt><dd>{spec.domain || ''}</dd>
            <dt>{t('STATUS')}</dt><dd>{readiness(data.resource).phase}</dd>
          </dl>
          {[['CA_CERTIFICATE', status.caCertificate], ['TLS_CA_CERTIFICATE', status.tlsCaCertificate]].filter(([, pem]) => pem).map(([key, pem]) => (
            <details key={key}><summary>{t(key)}</summary><pre style={{ fontSize: 11 }}>{pem}</pre></details>
          ))}
          <h3>{t('IDENTITIES')}</h3>
          {data.identities.length === 0 ? <p className="ksbaas-empty">{t('NO_IDENTITIES')}</p>
            : <IdentityTable identities={data.identities} onExport={exportIdentity} onRevoke={identity => setForm(identity)} />}
        </div>
      )}
    </Page>
  );
}
