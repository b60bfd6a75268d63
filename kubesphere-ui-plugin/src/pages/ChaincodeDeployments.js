import React from 'react';
import { useParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useAttempt, useProgress } from '../useApi';
import { Page, Refusal, Table, Unready } from './parts';
import { ChaincodeApproval, approvalOf, organizationOf } from './AppGate';
import { FormFoot, useSubmission } from './Form';
import { InvokeChaincode } from './InvokeChaincode';
import { ChaincodeServerLog } from './NodeLog';

/** Each deployment's definition and progress; where the project's organization runs its server, a button to follow its log. */
export function DeploymentTable({ deployments, onServerLog }) {
  const actions = onServerLog ? [['server', '', d => (d.server
    ? <Button size="sm" onClick={() => onServerLog(d.server)}>{t('SERVER_LOGS')}</Button> : '')]] : [];
  return (
    <Table rowKey={d => d.name} rows={deployments} columns={[
      ['name', t('NAME'), d => d.name],
      ['version', t('VERSION'), d => d.version],
      ['sequence', t('SEQUENCE'), d => String(d.sequence)],
      ['package', t('PACKAGE'), d => (d.packageRef ? `${d.packageRef.workspace ? `${d.packageRef.workspace}/` : ''}${d.packageRef.name} ${d.packageRef.version}` : '')],
      ['phase', t('STATUS'), d => `${d.phase || ''}${d.committed ? ` · ${t('COMMITTED')}` : ''}`],
      ['approved', t('APPROVED_BY'), d => (d.approvedBy || []).join(', ')],
      ['missing', t('STILL_MISSING'), d => (d.awaitingConsent || []).join(', ')],
      ['message', t('MESSAGE'), d => d.message || ''],
      ...actions,
    ]} />
  );
}

/** The approved versions a deployment may name: the workspace's own and the platform's packages. */
export function deployableVersions(packages, workspace) {
  return packages.flatMap(p => (p.versions || []).filter(v => v.state === 'Approved')
    .map(v => ({ label: `${p.platform ? '' : `${workspace}/`}${p.name} ${v.version}`,
      ref: p.platform ? { name: p.name, version: v.version } : { workspace, name: p.name, version: v.version } })));
}

/** The sequence a deployment of this name gets: 1 at first, the committed one + 1 for a change. */
export function nextSequence(deployments, name) {
  const current = deployments.find(d => d.name === name);
  if (!current) {
    return 1;
  }
  return current.committed ? current.sequence + 1 : current.sequence;
}

/** The request: the chosen version, the policy when one is written, collections when given (Fabric's JSON). */
export function deploymentRequest(form, choices) {
  const request = { name: form.name.trim(), packageRef: choices[Number(form.choice)].ref };
  if (form.endorsementPolicy.trim()) {
    request.endorsementPolicy = form.endorsementPolicy.trim();
  }
  if (form.collections.trim()) {
    request.collections = JSON.parse(form.collections);
  }
  return request;
}

function DeployForm({ namespace, channel, workspace, deployments, onDone, onCancel }) {
  const packages = useApi(() => api.chaincodePackages(workspace), [workspace]);
  const [form, setForm] = React.useState({ name: '', choice: '0', endorsementPolicy: '', collections: '' });
  const choices = packages.data ? deployableVersions(packages.data.items, workspace) : [];
  const { busy, error, submit } = useSubmission(async () => {
    let request;
    try {
      request = deploymentRequest(form, choices);
    } catch (notJson) {
      throw new Error(t('COLLECTIONS_NOT_JSON', { message: notJson.message }));
    }
    return api.deployChaincode(namespace, channel, request);
  }, onDone);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  if (!packages.data) {
    return <Unready state={packages} />;
  }
  if (choices.length === 0) {
    return <p role="alert" className="ksbaas-error">{t('NO_APPROVED_VERSIONS')}</p>;
  }
  return (
    <form name="deploy-chaincode" className="ksbaas-form" onSubmit={event => { event.preventDefault(); submit(); }}
      style={{ display: 'grid', gap: 8, maxWidth: 640, marginBottom: 16 }}>
      <label>{t('NAME')}<Input name="name" value={form.name} onChange={change('name')} /></label>
      <label>
        {t('APPROVED_VERSION')}
        <select name="choice" value={form.choice} onChange={change('choice')} style={{ display: 'block', height: 32 }}>
          {choices.map((c, i) => <option key={c.label} value={String(i)}>{c.label}</option>)}
        </select>
      </label>
      {form.name.trim() && <p className="ksbaas-next-sequence">{t('NEXT_SEQUENCE', { sequence: String(nextSequence(deployments, form.name.trim())) })}</p>}
      <label>{t('ENDORSEMENT_POLICY')}<Input name="endorsementPolicy" value={form.endorsementPolicy} placeholder="OR('Org1MSP.peer','Org2MSP.peer')"
        onChange={change('endorsementPolicy')} /></label>
      <label>
        {t('COLLECTIONS_JSON')}
        <textarea name="collections" value={form.collections} onChange={change('collections')} rows={4} style={{ display: 'block', width: '100%' }} />
      </label>
      <FormFoot busy={busy} error={error} onCancel={onCancel} submitKey="DEPLOY" />
    </form>
  );
}

/**
 * Chaincodes on a channel, seen from a member's project: each deployment's version, sequence,
 * phase and who approved or is still missing; deploy or upgrade with an approved version of the
 * workspace's repository (the next sequence shown); approve for my organization.
 */
export default function ChaincodeDeployments() {
  const { workspace, namespace, channel } = useParams();
  const state = useApi(async () => {
    const [deployments, approvals, resource] = await Promise.all([api.chaincodes(namespace, channel),
      api.chaincodeApprovals(namespace, channel), api.channel(namespace, channel)]);
    return { deployments: deployments.items, approvals: approvals.items,
      organization: organizationOf(namespace, resource.spec && resource.spec.consortium) };
  }, [namespace, channel]);
  const [deploying, setDeploying] = React.useState(false);
  const [serverLog, setServerLog] = React.useState(null);
  const { failure, attempt } = useAttempt(() => state.reload());
  const data = state.data;
  useProgress(state, data && data.deployments.every(d => d.committed && d.phase === 'Running'));
  return (
    <Page title={`${t('CHAINCODES')} · ${channel}`} state={state} isEmpty={data && data.deployments.length === 0}
      empty={t('NO_DEPLOYMENTS')}
      actions={[
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="deploy" color="secondary" onClick={() => setDeploying(true)}>{t('DEPLOY_CHAINCODE')}</Button>,
      ]}
      above={(
        <div>
          <Refusal error={failure} />
          {serverLog && <ChaincodeServerLog namespace={namespace} server={serverLog} onClose={() => setServerLog(null)} />}
          {deploying && data && (
            <DeployForm namespace={namespace} channel={channel} workspace={workspace} deployments={data.deployments}
              onCancel={() => setDeploying(false)} onDone={() => { setDeploying(false); state.reload(); }} />
          )}
        </div>
      )}>
      {data && (
        <div>
          <DeploymentTable deployments={data.deployments} onServerLog={setServerLog} />
          {data.approvals.filter(a => !a.committed).map(approval => (
            <ChaincodeApproval key={approval.chaincode} approval={approval} organization={data.organization}
              onApprove={() => attempt(() => api.approveChaincode(namespace, channel, approvalOf(approval)))} />
          ))}
          {data.deployments.some(d => d.committed) && (
            <InvokeChaincode namespace={namespace} channel={channel} chaincodes={data.deployments.filter(d => d.committed).map(d => d.name)} />
          )}
        </div>
      )}
    </Page>
  );
}
