import React from 'react';
import { useParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Refusal, Table, Unready } from './parts';
import { AppGate } from './AppGate';
import { useSubmission } from './Form';

const PAGE_SIZE = 10;

export function MovementTable({ movements }) {
  return (
    <Table rowKey={m => `${m.txId}/${m.kind}`} rows={movements} columns={[
      ['time', t('TIME'), m => m.timestamp || ''],
      ['kind', t('KIND'), m => t(`MOVEMENT_${m.kind}`)],
      ['counterparty', t('COUNTERPARTY'), m => (m.counterparty ? `${m.counterparty.mspId} ${m.counterparty.clientId}` : '')],
      ['amount', t('AMOUNT'), m => String(m.amount)],
      ['balance', t('BALANCE'), m => String(m.balance)],
      ['tx', t('TRANSACTION'), m => <code title={m.txId}>{(m.txId || '').slice(0, 12)}</code>],
    ]} />
  );
}

/** A transfer or an issue: to an account (an organization's MSP ID and a client ID), an amount. */
export function movementRequest(form) {
  return { to: { mspId: form.mspId.trim(), clientId: form.clientId.trim() }, amount: Number(form.amount) };
}

function MoveForm({ name, submitKey, send, onDone }) {
  const [form, setForm] = React.useState({ mspId: '', clientId: '', amount: '' });
  const [answer, setAnswer] = React.useState(null);
  const { busy, error, submit } = useSubmission(send, done => { setAnswer(done); onDone(); });
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  return (
    <form name={name} className="ksbaas-form" onSubmit={event => { event.preventDefault(); setAnswer(null); submit(movementRequest(form)); }}
      style={{ display: 'grid', gap: 8, maxWidth: 640, marginBottom: 16 }}>
      <label>{t('TO_MSP_ID')}<Input name="mspId" value={form.mspId} onChange={change('mspId')} /></label>
      <label>{t('TO_CLIENT_ID')}<Input name="clientId" value={form.clientId} onChange={change('clientId')} /></label>
      <label>{t('AMOUNT')}<Input name="amount" type="number" value={form.amount} onChange={change('amount')} /></label>
      <Refusal error={error} />
      {answer && <p role="status" className="ksbaas-moved">{t('COMMITTED_IN', { tx: answer.txId, block: String(answer.blockNumber) })}</p>}
      <div><Button type="submit" color="secondary" loading={busy} disabled={busy}>{t(submitKey)}</Button></div>
    </form>
  );
}

/**
 * The channel's asset as the caller holds it: the account, supply and minters; a transfer from the
 * account (and an issue, for a minter organization's users); the account's movements, a page at a
 * time, oldest first as the chaincode keeps them.
 */
function AssetWork({ namespace, channel }) {
  const overview = useApi(() => api.assets(namespace, channel), [namespace, channel]);
  // The chaincode pages by continuation tokens: the tokens of the pages seen so far, to go back.
  const [cursors, setCursors] = React.useState([null]);
  const cursor = cursors[cursors.length - 1];
  const movements = useApi(() => api.movements(namespace, channel, cursor, PAGE_SIZE), [namespace, channel, cursor, overview.data]);
  if (!overview.data) {
    return <Unready state={overview} />;
  }
  const { account, supply, minters } = overview.data;
  const minter = (minters || []).includes(account.mspId);
  const next = movements.data && movements.data.continueToken;
  return (
    <div>
      <dl className="ksbaas-properties ksbaas-account" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
        <dt>{t('MY_ACCOUNT')}</dt><dd><code>{`${account.mspId} ${account.clientId}`}</code></dd>
        <dt>{t('BALANCE')}</dt><dd className="ksbaas-balance">{String(account.balance)}</dd>
        <dt>{t('SUPPLY')}</dt><dd>{String(supply)}</dd>
        <dt>{t('MINTERS')}</dt><dd>{(minters || []).join(', ')}</dd>
      </dl>
      <h3>{t('TRANSFER')}</h3>
      <MoveForm name="transfer" submitKey="TRANSFER" send={body => api.transfer(namespace, channel, body)} onDone={overview.reload} />
      {minter && (
        <div>
          <h3>{t('ISSUE')}</h3>
          <MoveForm name="issue" submitKey="ISSUE" send={body => api.issue(namespace, channel, body)} onDone={overview.reload} />
        </div>
      )}
      <h3>{t('MOVEMENTS')}</h3>
      {movements.error ? <Refusal error={movements.error} /> : (
        <div>
          {movements.data && movements.data.items.length === 0 ? <p className="ksbaas-empty">{t('NO_MOVEMENTS')}</p>
            : <MovementTable movements={(movements.data && movements.data.items) || []} />}
          <nav className="ksbaas-pages" style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>{t('PREVIOUS')}</Button>
            <Button disabled={!next} onClick={() => setCursors([...cursors, next])}>{t('NEXT')}</Button>
          </nav>
        </div>
      )}
    </div>
  );
}

export default function Assets() {
  const { namespace, channel } = useParams();
  return (
    <Page title={`${t('ASSETS')} · ${channel}`} state={{ loading: false, data: {}, error: null }} isEmpty={false}>
      <AppGate namespace={namespace} channel={channel} app="asset-transfer" withMinters>
        <AssetWork namespace={namespace} channel={channel} />
      </AppGate>
    </Page>
  );
}
