import React from 'react';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useAttempt, useProgress } from '../useApi';
import { Refusal, Table, Unready } from './parts';

/** The organization a consortium namespace belongs to: <consortium>-<organization>. */
export function organizationOf(namespace, consortium) {
  return consortium && namespace.startsWith(`${consortium}-`) ? namespace.slice(consortium.length + 1) : '';
}

/** What approving a chaincode's current definition sends: exactly the sequence and definition hash shown. */
export const approvalOf = approval => ({ chaincode: approval.chaincode, sequence: approval.sequence, definitionHash: approval.definitionHash });

/**
 * Each organization's approval of a chaincode's current definition; "approve for my organization"
 * while mine is missing and the definition can be approved.
 */
export function ChaincodeApproval({ approval, organization, onApprove }) {
  const approvable = !approval.committed && approval.definitionHash
    && (approval.organizations || []).some(o => o.organization === organization && o.state !== 'Approved');
  return (
    <div className="ksbaas-approvals">
      <h4>{t('APPROVALS_OF', { chaincode: approval.chaincode, sequence: String(approval.sequence) })}</h4>
      <Table rowKey={o => o.organization} rows={approval.organizations || []} columns={[
        ['organization', t('ORGANIZATION'), o => o.organization], ['state', t('STATE'), o => t(`APPROVAL_${o.state}`)]]} />
      {approvable && <Button color="secondary" onClick={onApprove}>{t('APPROVE_FOR_MY_ORGANIZATION')}</Button>}
    </div>
  );
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
  useProgress(state, current === 'Ready' || current === 'NotEnabled' || current === 'NameTaken');
  const { failure, attempt: act } = useAttempt(reload);
  // Asset transfer is enabled with its minters: organizations of the channel, mine by default.
  const [minters, setMinters] = React.useState(null);
  if (!state.data) {
    return <Unready state={state} />;
  }
  if (current === 'Ready') {
    return children;
  }
  const { approval, organization } = state.data;
  const chosen = minters === null ? organization : minters;
  const enableWith = withMinters ? { minters: chosen.split(',').map(m => m.trim()).filter(Boolean) } : {};
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
        <ChaincodeApproval approval={approval} organization={organization}
          onApprove={() => act(() => api.approveChaincode(namespace, channel, approvalOf(approval)))} />
      )}
    </div>
  );
}
