import React from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi, useAttempt } from '../useApi';
import { Page, Refusal, Table, Unready, readiness, unready } from './parts';
import { RequestForm } from './Form';
import { download } from './download';
import { ProposeChange } from './ProposeChange';

/**
 * One proposal to change the channel's config: what it changes (the readable difference), which
 * policies it must satisfy, who decided and who is awaited. While it is open and awaits this
 * organization: sign with the held admin key, reject with a reason, or download the update to sign
 * offline with the CLI and upload the signed file.
 */
export function ProposalCard({ proposal, organization, onSign, onReject, onDownload, onUpload }) {
  const mine = proposal.state === 'Open' && (proposal.awaiting || []).includes(organization);
  return (
    <article className="ksbaas-proposal" style={{ border: '1px solid #ccd3db', borderRadius: 4, padding: 12, marginBottom: 12 }}>
      <header style={{ display: 'flex', justifyContent: 'space-between' }}>
        <strong>{proposal.summary}</strong>
        <span>{t(`PROPOSAL_${proposal.kind}`)} · {t(`PROPOSAL_STATE_${proposal.state}`)}</span>
      </header>
      <h4>{t('CHANGES')}</h4>
      <ul>{(proposal.changes || []).map(change => <li key={change}><code>{change}</code></li>)}</ul>
      <p>{t('REQUIRED_POLICIES')}: {(proposal.requiredPolicies || []).join(', ')}</p>
      <p>{t('AWAITING_ORGANIZATIONS')}: {(proposal.awaiting || []).join(', ') || '-'}</p>
      <ul className="ksbaas-decisions">
        {(proposal.decisions || []).map(d => <li key={d.organization}>{d.organization}: {t(`DECISION_${d.decision}`)}{d.reason ? ` (${d.reason})` : ''}</li>)}
      </ul>
      {mine && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Button color="secondary" onClick={() => onSign(proposal)}>{t('SIGN')}</Button>
          <Button onClick={() => onReject(proposal)}>{t('REJECT')}</Button>
          <Button onClick={() => onDownload(proposal)}>{t('DOWNLOAD_UPDATE')}</Button>
          <label>{t('UPLOAD_SIGNATURE')} <input type="file" name="signed-update" accept=".json,application/json"
            onChange={event => event.target.files[0] && onUpload(proposal, event.target.files[0])} /></label>
        </div>
      )}
    </article>
  );
}

/** A part of a page read on its own: loading, its refusal, its empty words, or its items. */
function Section({ state, empty, children }) {
  if (unready(state)) {
    return <Unready state={state} />;
  }
  const items = (state.data && state.data.items) || [];
  return items.length === 0 ? <p className="ksbaas-empty">{empty}</p> : children(items);
}

/** This organization's peers on the channel, as each peer answers: AlreadyJoined, NotJoined, NotRunning or Unreachable. */
export function PeerJoinTable({ peers }) {
  return (
    <Table rowKey={p => p.peer} rows={peers} columns={[
      ['peer', t('PEER'), p => p.peer], ['organization', t('ORGANIZATION'), p => p.organization],
      ['state', t('STATE'), p => t(`JOIN_${p.state}`)]]} />
  );
}

/** A channel seen from one member's namespace: its state, this organization's peers on it, and the proposals to change it. */
export default function ChannelDetail() {
  const { namespace, channel } = useParams();
  // This page's own address, absolute: the console nests plugin routes under its own.
  const here = useLocation().pathname.replace(/\/$/, '');
  // The channel, then its proposals and this organization's peers, each read on its own: a channel
  // whose orderers do not serve it yet still shows, with why its peers and proposals cannot be read.
  const state = useApi(async () => ({ resource: await api.channel(namespace, channel) }), [namespace, channel]);
  const proposals = useApi(() => api.proposals(namespace, channel), [namespace, channel, state.data]);
  const joins = useApi(() => api.channelJoins(namespace, channel), [namespace, channel, state.data]);
  const [rejecting, setRejecting] = React.useState(null);
  const [proposing, setProposing] = React.useState(false);
  const { failure, attempt: act } = useAttempt(() => state.reload()); // and with it the proposals and peers
  const data = state.data;
  const consortium = data && data.resource.spec ? data.resource.spec.consortium : '';
  // The namespace is <consortium>-<organization>: the organization this page decides for.
  const organization = consortium && namespace.startsWith(`${consortium}-`) ? namespace.slice(consortium.length + 1) : '';
  let above = <Refusal error={failure} />;
  if (proposing) {
    above = <ProposeChange send={proposal => api.propose(namespace, channel, proposal)}
      onDone={() => { setProposing(false); state.reload(); }} onCancel={() => setProposing(false)} />;
  } else if (rejecting) {
    above = <RequestForm name="reject-proposal" submitKey="REJECT" initial={{ reason: '' }} fields={[['reason', 'REASON']]}
      send={form => api.decideProposal(namespace, channel, { proposal: rejecting.id, decision: 'Reject', reason: form.reason })}
      onDone={() => { setRejecting(null); state.reload(); }} onCancel={() => setRejecting(null)} />;
  }
  return (
    <Page title={`${t('CHANNEL')} ${channel}`} state={state} isEmpty={false} above={above}
      actions={[
        <Link key="explorer" to={`${here}/explorer`}>{t('EXPLORER')}</Link>,
        <Link key="notarization" to={`${here}/notarization`}>{t('NOTARIZATION')}</Link>,
        <Link key="assets" to={`${here}/assets`}>{t('ASSETS')}</Link>,
        <Link key="chaincodes" to={`${here}/chaincodes`}>{t('CHAINCODES')}</Link>,
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="propose" color="secondary" onClick={() => { setRejecting(null); setProposing(true); }}>{t('PROPOSE_CHANGE')}</Button>,
      ]}>
      {data && (
        <div>
          <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
            <dt>{t('ORGANIZATIONS')}</dt><dd>{(data.resource.spec.organizations || []).join(', ')}</dd>
            <dt>{t('STATUS')}</dt><dd>{readiness(data.resource).phase}</dd>
            <dt>{t('HEIGHT')}</dt><dd>{data.resource.status && data.resource.status.height != null ? String(data.resource.status.height) : ''}</dd>
            <dt>{t('PEERS_JOINED')}</dt><dd>{((data.resource.status && data.resource.status.peersJoined) || []).join(', ')}</dd>
          </dl>
          <h3>{t('MY_PEERS')}</h3>
          <Section state={joins} empty={t('NO_PEERS_OF_MINE')}>
            {items => (
              <div>
                <PeerJoinTable peers={items} />
                <Button onClick={() => act(() => api.joinChannel(namespace, channel))}
                  disabled={!items.some(p => p.state === 'NotJoined')}>{t('JOIN_RUNNING_PEERS')}</Button>
              </div>
            )}
          </Section>
          <h3>{t('PROPOSALS')}</h3>
          <Section state={proposals} empty={t('NO_PROPOSALS')}>
            {items => items.map(proposal => (
            <ProposalCard key={proposal.id} proposal={proposal} organization={organization}
              onSign={p => act(() => api.decideProposal(namespace, channel, { proposal: p.id, decision: 'Sign' }))}
              onReject={p => { setProposing(false); setRejecting(p); }}
              onDownload={p => act(async () => download(`${channel}-${p.id}.pending.json`, await api.proposalUpdate(namespace, channel, p.id)))}
              onUpload={(p, file) => act(async () => api.decideProposal(namespace, channel,
                { proposal: p.id, decision: 'Sign', signedUpdate: JSON.parse(await file.text()) }))} />
            ))}
          </Section>
        </div>
      )}
    </Page>
  );
}
