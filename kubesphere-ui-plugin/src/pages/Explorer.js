import React from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Pager, Refusal, Table, Unready, pageCount, unready } from './parts';
import { ActivityChart, CountBars, filledBuckets } from './Charts';

const PAGE_SIZE = 10;
const WINDOWS = ['30m', '1h', '24h', '7d'];
/** A key as text: the U+0000 separators of composite keys shown as ␀, which a font draws. */
export const keyText = key => (key || '').replace(/\u0000/g, '\u2400');
/** A key typed or copied as shown (␀ for U+0000) back to the key itself. */
export const keyOf = text => text.replace(/\u2400/g, '\u0000');
const short = (text, n = 16) => (text && text.length > n ? `${text.slice(0, n)}…` : text || '');

export function BlockTable({ blocks, onOpen }) {
  return (
    <Table rowKey={b => b.number} rows={blocks} columns={[
      ['number', t('BLOCK'), b => <a href="#" onClick={event => { event.preventDefault(); onOpen(b.number); }}>{String(b.number)}</a>],
      ['hash', t('HASH'), b => <code title={b.headerHash}>{short(b.headerHash)}</code>],
      ['transactions', t('TRANSACTIONS'), b => `${b.transactions} (${b.validTransactions} ${t('VALID').toLowerCase()})`],
      ['config', t('KIND'), b => (b.config ? t('CONFIG_BLOCK') : t('DATA_BLOCK'))],
      ['time', t('TIME'), b => b.createdAt || ''],
      ['size', t('SIZE'), b => `${b.sizeBytes} B`],
    ]} />
  );
}

export function TransactionTable({ transactions, onOpen }) {
  return (
    <Table rowKey={x => x.txId} rows={transactions} columns={[
      ['txId', t('TRANSACTION'), x => <a href="#" title={x.txId} onClick={event => { event.preventDefault(); onOpen(x.txId); }}>{short(x.txId)}</a>],
      ['type', t('KIND'), x => x.type],
      ['creator', t('CREATOR'), x => x.creatorMspId || ''],
      ['chaincode', t('CHAINCODE'), x => [x.chaincode, x.function].filter(Boolean).join(' · ')],
      ['validation', t('VALIDATION'), x => x.validationCode],
      ['time', t('TIME'), x => x.createdAt || ''],
    ]} />
  );
}

/** A transaction with what its block holds: arguments, response, endorsements and read-write sets. */
export function TransactionDetail({ detail }) {
  const x = detail.transaction;
  return (
    <div className="ksbaas-transaction">
      <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
        <dt>{t('TRANSACTION')}</dt><dd><code>{x.txId}</code></dd>
        <dt>{t('BLOCK')}</dt><dd>{`${x.block} #${x.index}`}</dd>
        <dt>{t('KIND')}</dt><dd>{x.type}</dd>
        <dt>{t('VALIDATION')}</dt><dd>{x.validationCode}</dd>
        <dt>{t('CREATOR')}</dt><dd>{`${x.creatorMspId || ''} ${x.creatorSubject || ''}`}</dd>
        <dt>{t('CHAINCODE')}</dt><dd>{[x.chaincode, x.function].filter(Boolean).join(' · ')}</dd>
        <dt>{t('ARGUMENTS')}</dt><dd>{(detail.arguments || []).map((a, i) => <code key={i} style={{ marginRight: 8 }}>{a}</code>)}</dd>
        <dt>{t('RESPONSE')}</dt><dd>{detail.response ? `${detail.response.status} ${detail.response.message || ''}` : ''}</dd>
        <dt>{t('TIME')}</dt><dd>{x.createdAt || ''}</dd>
      </dl>
      <h4>{t('ENDORSEMENTS')}</h4>
      <Table rowKey={(e, i) => `${e.mspId}/${e.subject}`} rows={detail.endorsements || []} columns={[
        ['msp', t('MSP_ID'), e => e.mspId], ['subject', t('SUBJECT'), e => e.subject]]} />
      <h4>{t('READ_WRITE_SETS')}</h4>
      {(detail.readWriteSets || []).map(set => (
        <div key={set.namespace} className="ksbaas-rwset">
          <h5>{set.namespace}</h5>
          <Table rowKey={r => `r/${r.key}`} rows={set.reads || []} columns={[
            ['key', t('READ_KEY'), r => <code>{keyText(r.key)}</code>],
            ['version', t('VERSION'), r => (r.versionBlock == null ? t('NONE') : `${r.versionBlock}:${r.versionTx}`)]]} />
          <Table rowKey={w => `w/${w.key}`} rows={set.writes || []} columns={[
            ['key', t('WRITTEN_KEY'), w => <code>{keyText(w.key)}</code>],
            ['value', t('VALUE'), w => (w.delete ? t('DELETED') : <code>{w.value != null ? w.value : w.valueBase64}</code>)]]} />
        </div>
      ))}
    </div>
  );
}

function Selected({ namespace, channel, selection, onOpenTransaction }) {
  const [page, setPage] = React.useState(1);
  React.useEffect(() => setPage(1), [selection.block]);
  const state = useApi(() => (selection.block != null ? api.block(namespace, channel, selection.block, page, PAGE_SIZE)
    : api.transaction(namespace, channel, selection.tx)), [namespace, channel, selection.block, selection.tx, page]);
  if (unready(state)) {
    return <Unready state={state} />;
  }
  if (selection.block != null) {
    const b = state.data.block;
    return (
      <div className="ksbaas-block">
        <h3>{t('BLOCK_NUMBER', { number: String(b.number) })}</h3>
        <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
          <dt>{t('HASH')}</dt><dd><code>{b.headerHash}</code></dd>
          <dt>{t('PREVIOUS_HASH')}</dt><dd><code>{b.previousHash}</code></dd>
          <dt>{t('DATA_HASH')}</dt><dd><code>{b.dataHash}</code></dd>
          <dt>{t('TIME')}</dt><dd>{b.createdAt || ''}</dd>
        </dl>
        <TransactionTable transactions={state.data.transactions || []} onOpen={onOpenTransaction} />
        <Pager page={page} pages={pageCount(b.transactions, PAGE_SIZE)} onPage={setPage} />
      </div>
    );
  }
  return <div><h3>{t('TRANSACTION')}</h3><TransactionDetail detail={state.data} /></div>;
}

/** The filters a transactions query sends: what was filled in. */
export function transactionFilters(form) {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
}

/** The channel's transactions, newest first, filtered by chaincode, creator organization and validity. */
function Transactions({ namespace, channel, onOpen }) {
  const [form, setForm] = React.useState({ chaincode: '', creator: '', status: '' });
  const [filters, setFilters] = React.useState({});
  const [page, setPage] = React.useState(1);
  const state = useApi(() => api.transactions(namespace, channel, filters, page, PAGE_SIZE), [namespace, channel, filters, page]);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  return (
    <div>
      <form name="transaction-filter" onSubmit={event => { event.preventDefault(); setPage(1); setFilters(transactionFilters(form)); }}
        style={{ display: 'flex', gap: 8, alignItems: 'flex-end', marginBottom: 8 }}>
        <label>{t('CHAINCODE')}<Input name="chaincode" value={form.chaincode} onChange={change('chaincode')} /></label>
        <label>{t('CREATOR')}<Input name="creator" value={form.creator} placeholder="Org1MSP" onChange={change('creator')} /></label>
        <label>
          {t('VALIDATION')}
          <select name="status" value={form.status} onChange={change('status')} style={{ display: 'block', height: 32 }}>
            <option value="">{t('ALL')}</option>
            <option value="valid">{t('VALID')}</option>
            <option value="invalid">{t('INVALID')}</option>
          </select>
        </label>
        <Button type="submit">{t('FILTER')}</Button>
      </form>
      {state.error ? <Refusal error={state.error} /> : (
        <div>
          <TransactionTable transactions={(state.data && state.data.items) || []} onOpen={onOpen} />
          <Pager page={page} pages={pageCount(state.data && state.data.totalItems, PAGE_SIZE)} onPage={setPage} />
        </div>
      )}
    </div>
  );
}

function KeyHistory({ namespace, channel }) {
  const [form, setForm] = React.useState({ chaincode: '', key: '' });
  const [history, setHistory] = React.useState(null);
  const [failure, setFailure] = React.useState(null);
  const submit = async event => {
    event.preventDefault();
    setFailure(null);
    setHistory(null);
    try {
      setHistory((await api.keyHistory(namespace, channel, form.chaincode.trim(), keyOf(form.key))).items);
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <div>
      <form name="key-history" onSubmit={submit} style={{ display: 'flex', gap: 8, alignItems: 'flex-end', marginBottom: 8 }}>
        <label>{t('CHAINCODE')}<Input name="chaincode" value={form.chaincode} onChange={e => setForm({ ...form, chaincode: e.target.value })} /></label>
        <label>{t('KEY')}<Input name="key" value={form.key} onChange={e => setForm({ ...form, key: e.target.value })} /></label>
        <Button type="submit">{t('SHOW_HISTORY')}</Button>
      </form>
      <Refusal error={failure} />
      {history && (history.length === 0 ? <p className="ksbaas-empty">{t('NO_KEY_HISTORY')}</p> : (
        <Table rowKey={c => `${c.block}/${c.index}`} rows={history} columns={[
          ['block', t('BLOCK'), c => `${c.block} #${c.index}`], ['tx', t('TRANSACTION'), c => <code>{short(c.txId)}</code>],
          ['creator', t('CREATOR'), c => c.creatorMspId || ''], ['time', t('TIME'), c => c.createdAt || ''],
          ['delete', t('KIND'), c => (c.delete ? t('DELETED') : t('WRITTEN'))]]} />
      ))}
    </div>
  );
}

/**
 * A channel's explorer, read from the platform's index (never from a peer): activity, search by
 * block number, block hash or transaction ID, the blocks newest first, a block's transactions, a
 * transaction's details, and a key's history. What is open is in the address (?block= or ?tx=).
 */
export default function Explorer() {
  const { namespace, channel } = useParams();
  const [params, setParams] = useSearchParams();
  const [span, setSpan] = React.useState('1h');
  const [page, setPage] = React.useState(1);
  const [q, setQ] = React.useState('');
  const [failure, setFailure] = React.useState(null);
  const statistics = useApi(() => api.statistics(namespace, channel, span), [namespace, channel, span]);
  const blocks = useApi(() => api.blocks(namespace, channel, page, PAGE_SIZE), [namespace, channel, page]);
  const selection = { block: params.get('block'), tx: params.get('tx') };
  const open = next => setParams(next);
  const search = async event => {
    event.preventDefault();
    setFailure(null);
    try {
      const found = await api.search(namespace, channel, q.trim());
      open(found.kind === 'block' ? { block: String(found.block.number) } : { tx: found.transaction.txId });
    } catch (e) {
      setFailure(e);
    }
  };
  const reload = () => { statistics.reload(); blocks.reload(); };
  const index = statistics.data && statistics.data.index;
  const total = (blocks.data && blocks.data.totalItems) || 0;
  const pages = pageCount(total, PAGE_SIZE);
  return (
    <Page title={`${t('EXPLORER')} · ${channel}`} state={statistics} isEmpty={false}
      actions={<Button onClick={reload}>{t('REFRESH')}</Button>}
      above={(
        <form name="explorer-search" onSubmit={search} style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
          <Input name="q" value={q} placeholder={t('SEARCH_HINT')} onChange={e => setQ(e.target.value)} style={{ width: 480 }} />
          <Button type="submit" color="secondary">{t('SEARCH')}</Button>
          <Refusal error={failure} />
        </form>
      )}>
      {index && (
        <div>
          <dl className="ksbaas-properties" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4 }}>
            <dt>{t('HEIGHT')}</dt><dd>{String(index.height)}</dd>
            <dt>{t('INDEX_STATE')}</dt><dd>{index.state}{index.degradedReason ? ` (${index.degradedBlock}: ${index.degradedReason})` : ''}</dd>
            <dt>{t('TRANSACTIONS')}</dt><dd>{t('VALID_INVALID', { valid: String(index.validTransactions), invalid: String(index.invalidTransactions) })}</dd>
          </dl>
          <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <h3>{t(statistics.data.step === 'hour' ? 'TRANSACTIONS_PER_HOUR' : 'TRANSACTIONS_PER_MINUTE')}</h3>
            <select name="window" value={span} onChange={e => setSpan(e.target.value)} style={{ height: 28 }}>
              {WINDOWS.map(w => <option key={w} value={w}>{w}</option>)}
            </select>
          </div>
          <ActivityChart buckets={filledBuckets(statistics.data)} />
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 24 }}>
            <div><h4>{t('BY_ORGANIZATION')}</h4><CountBars counts={statistics.data.byOrganization || []} label={t('BY_ORGANIZATION')} /></div>
            <div><h4>{t('BY_CHAINCODE')}</h4><CountBars counts={statistics.data.byChaincode || []} label={t('BY_CHAINCODE')} /></div>
          </div>
        </div>
      )}
      {(selection.block != null || selection.tx) && (
        <section style={{ border: '1px solid #ccd3db', borderRadius: 4, padding: 12, margin: '12px 0' }}>
          <Button onClick={() => open({})}>{t('CLOSE')}</Button>
          <Selected key={selection.block != null ? `block/${selection.block}` : `tx/${selection.tx}`} namespace={namespace} channel={channel} selection={selection} onOpenTransaction={tx => open({ tx })} />
        </section>
      )}
      <h3>{t('BLOCKS')}</h3>
      {blocks.error ? <Refusal error={blocks.error} /> : (
        <div>
          <BlockTable blocks={(blocks.data && blocks.data.items) || []} onOpen={number => open({ block: String(number) })} />
<Pager page={page} pages={pages} onPage={setPage} />
        </div>
      )}
      <h3>{t('TRANSACTIONS')}</h3>
      <Transactions namespace={namespace} channel={channel} onOpen={tx => open({ tx })} />
      <h3>{t('KEY_HISTORY')}</h3>
      <KeyHistory namespace={namespace} channel={channel} />
    </Page>
  );
}
