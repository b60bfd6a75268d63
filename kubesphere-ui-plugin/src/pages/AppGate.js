import React from 'react';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useAttempt } from '../useApi';
import { Refusal, Table } from './parts';

/** How often an app on its way (approvals, peers loading it) is read again. */
const PROGRESS_INTERVAL_MS = 3000;

/** The organization a consortium namespace belongs to: <consortium>-<organization>. */
export function organizationOf(namespace, consortium) {
  return consortium && namespace.startsWith(`${consortium}-`) ? namespace.slice(consortium.length + 1) : '';
}

/**
 * A business app's place on a channel, before its page: enable it when it is not, each
 * organization's approval of its chaincode with "approve for my organization", and its progress
 * read again until it is Ready; then {@code children}.
 */
export function AppGate({ namespace, channel, app, withMinters = false, children }) {
  const state = useApi(async () => {
    const [apps, approvals, resource] = await Promise.all([api.builtInApps(namespace, channel),
      api.chaincodeApprovals(namespace, channel), api.channel(namespace, channel)]);
    const mine = apps.items.find(a => a.app === app) || { app, state: 'NotEnabled' };
    return { app: mine, approval: approvals.items.find(a => a.chaincode === mine.chaincode),
      organization: organizationOf(namespace, resource.spec && resource.spec.consortium) };
  }, [namespace, channel, app]);
  const current = state.data && state.data.app.state;
  const { reload } = state;
  const settled = current === 'Ready' || current === 'NotEnabled' || current === 'NameTaken' || (state.error && state.error.status === 403);
  React.useEffect(() => {
    if (settled) {
      return undefined;
    }
    const timer = setInterval(reload, PROGRESS_INTERVAL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  const { failure, attempt: act } = useAttempt(reload);
  // Asset transfer is enabled with its minters: organizations of the channel, mine by default.
  const [minters, setMinters] = React.useState(null);
  if (!state.data) {
    return state.error ? <Refusal error={state.error} /> : <p role="status" className="ksbaas-loading">{t('LOADING')}</p>;
  }
  if (current === 'Ready') {
    return children;
  }
  const { approval, organization } = state.data;
  const chosen = minters === null ? organization : minters;
  const enableWith = withMinters ? { minters: chosen.split(',').map(m => m.trim()).filter(Boolean) } : {};
  const approvable = approval && !approval.committed && approval.definitionHash
    && (approval.organizations || []).some(o => o.organization === organization && o.state !== 'Approved');
  return (
    <div className="ksbaas-app-gate">
      <p>{t('APP_STATE')}: <strong>{t(`APP_${current}`)}</strong></p>
      <Refusal error={failure} />
      {(current === 'NotEnabled' || current === 'AwaitingInitialization') && (
        <form name="enable-app" onSubmit={event => { event.preventDefault(); act(() => api.enableApp(namespace, channel, { app, ...enableWith })); }}
          style={{ display: 'flex', gap: 8, alignItems: 'flex-end', marginBottom: 12 }}>
          {withMinters && <label>{t('MINTERS')}<Input name="minters" value={chosen} onChange={e => setMinters(e.target.value)} /></label>}
          <Button type="submit" color="secondary">{t(current === 'AwaitingInitialization' ? 'INITIALIZE_APP' : 'ENABLE_APP')}</Button>
        </form>
      )}
      {approval && !approval.committed && (
        <div>
          <h4>{t('APPROVALS')}</h4>
          <Table rowKey={o => o.organization} rows={approval.organizations || []} columns={[
            ['organization', t('ORGANIZATION'), o => o.organization], ['state', t('STATE'), o => t(`APPROVAL_${o.state}`)]]} />
          {approvable && (
            <Button color="secondary" onClick={() => act(() => api.approveChaincode(namespace, channel,
              { chaincode: approval.chaincode, sequence: approval.sequence, definitionHash: approval.definitionHash }))}>
              {t('APPROVE_FOR_MY_ORGANIZATION')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
