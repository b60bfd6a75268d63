import React from 'react';
import { useParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { ALGORITHMS, digestOf } from '../digest';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Pager, Refusal, Table, pageCount } from './parts';
import { AppGate } from './AppGate';
import { download, saveBlob } from './download';

const PAGE_SIZE = 10;

/** What a verification found, in words: who recorded the digest, when, in which transaction and block; or that no one did. */
export function VerificationResult({ result }) {
  if (!result.recorded) {
    return <p role="status" className="ksbaas-verification ksbaas-not-recorded">{t('NOT_RECORDED', { digest: result.digest })}</p>;
  }
  const e = result.evidence;
  return (
    <p role="status" className="ksbaas-verification ksbaas-recorded">
      {t('RECORDED_BY', { msp: e.ownerMspId, client: e.ownerId, time: e.timestamp, tx: e.txId,
        block: e.blockNumber == null ? '?' : String(e.blockNumber) })}
    </p>
  );
}

export function EvidenceTable({ evidences, onReceipt, onCertificate }) {
  return (
    <Table rowKey={e => e.id} rows={evidences} columns={[
      ['title', t('TITLE'), e => e.title || ''],
      ['digest', t('DIGEST'), e => <code title={e.digest}>{`${e.hashAlgorithm}:${e.digest.slice(0, 16)}…`}</code>],
      ['time', t('TIME'), e => e.timestamp || ''],
      ['block', t('BLOCK'), e => (e.blockNumber == null ? '' : String(e.blockNumber))],
      ['tx', t('TRANSACTION'), e => <code title={e.txId}>{(e.txId || '').slice(0, 12)}</code>],
      ['actions', '', e => (
        <span style={{ display: 'flex', gap: 8 }}>
          <Button size="sm" onClick={() => onReceipt(e)}>{t('RECEIPT')}</Button>
          <Button size="sm" onClick={() => onCertificate(e)}>{t('CERTIFICATE')}</Button>
        </span>
      )],
    ]} />
  );
}

/**
 * A document dropped (or chosen) here is hashed in the browser: only its digest is sent, to notarize
 * it or to verify it. A digest typed in works the same.
 */
export function DocumentDigest({ algorithm, onAlgorithm, onDigest }) {
  const [file, setFile] = React.useState(null);
  const [over, setOver] = React.useState(false);
  const [failure, setFailure] = React.useState(null);
  const hash = async (chosen, using) => {
    setFailure(null);
    setFile(chosen);
    try {
      onDigest({ digest: await digestOf(using, await chosen.arrayBuffer()), name: chosen.name, size: chosen.size });
    } catch (e) {
      setFailure(e);
    }
  };
  const drop = event => {
    event.preventDefault();
    setOver(false);
    const chosen = event.dataTransfer && event.dataTransfer.files[0];
    if (chosen) {
      hash(chosen, algorithm);
    }
  };
  return (
    <div>
      <label>
        {t('HASH_ALGORITHM')}
        <select name="hashAlgorithm" value={algorithm} style={{ display: 'block', height: 32 }}
          onChange={event => { onAlgorithm(event.target.value); if (file) { hash(file, event.target.value); } }}>
          {ALGORITHMS.map(a => <option key={a} value={a}>{a}</option>)}
        </select>
      </label>
      <div className="ksbaas-dropzone" data-testid="dropzone" onDrop={drop}
        onDragOver={event => { event.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
        style={{ border: `2px dashed ${over ? '#55bc8a' : '#ccd3db'}`, borderRadius: 4, padding: 24, margin: '12px 0', textAlign: 'center' }}>
        <p>{t('DROP_A_FILE')}</p>
        <input type="file" name="document" onChange={event => event.target.files[0] && hash(event.target.files[0], algorithm)} />
        {file && <p>{t('FILE_HASHED_HERE', { name: file.name, size: String(file.size) })}</p>}
      </div>
      <Refusal error={failure} />
    </div>
  );
}

/** Notarization (存证) on a channel: enable it, notarize or verify a document by its digest, the caller's own evidences. */
export default function Notarization() {
  const { namespace, channel } = useParams();
  return (
    <Page title={`${t('NOTARIZATION')} · ${channel}`} state={{ loading: false, data: {}, error: null }} isEmpty={false}>
      <AppGate namespace={namespace} channel={channel} app="notarization">
        <NotarizationWork namespace={namespace} channel={channel} />
      </AppGate>
    </Page>
  );
}

function NotarizationWork({ namespace, channel }) {
  const [algorithm, setAlgorithm] = React.useState('SHA-256');
  const [form, setForm] = React.useState({ digest: '', title: '', metadata: '' });
  const [outcome, setOutcome] = React.useState(null);
  const [failure, setFailure] = React.useState(null);
  const [busy, setBusy] = React.useState(false);
  const [page, setPage] = React.useState(1);
  const mine = useApi(() => api.evidences(namespace, channel, page, PAGE_SIZE), [namespace, channel, page]);
  const attempt = async work => {
    setBusy(true);
    setFailure(null);
    setOutcome(null);
    try {
      await work();
    } catch (e) {
      setFailure(e);
    }
    setBusy(false);
  };
  const digest = { hashAlgorithm: algorithm, digest: form.digest.trim().toLowerCase() };
  const notarize = () => attempt(async () => {
    try {
      const created = await api.notarize(namespace, channel, { ...digest, title: form.title, metadata: form.metadata });
      setOutcome(<p role="status" className="ksbaas-notarized">{t('NOTARIZED', { tx: created.txId,
        block: created.blockNumber == null ? '?' : String(created.blockNumber) })}</p>);
      mine.reload();
    } catch (e) {
      // Notarized before, by anyone: the API answers with that evidence; say who and when.
      if (e.status === 409 && e.body && e.body.existing) {
        setOutcome(<div><Refusal error={e} /><VerificationResult result={{ recorded: true, evidence: e.body.existing }} /></div>);
        return;
      }
      throw e;
    }
  });
  const verify = () => attempt(async () => {
    setOutcome(<VerificationResult result={await api.verifyEvidence(namespace, channel, digest)} />);
  });
  const items = (mine.data && mine.data.items) || [];
  const pages = pageCount(mine.data && mine.data.totalItems, PAGE_SIZE);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  return (
    <div>
      <DocumentDigest algorithm={algorithm} onAlgorithm={setAlgorithm}
        onDigest={hashed => setForm(previous => ({ ...previous, digest: hashed.digest, title: previous.title || hashed.name }))} />
      <form name="notarize" className="ksbaas-form" onSubmit={event => { event.preventDefault(); notarize(); }}
        style={{ display: 'grid', gap: 8, maxWidth: 640, marginBottom: 16 }}>
        <label>{t('DIGEST')}<Input name="digest" value={form.digest} onChange={change('digest')} /></label>
        <label>{t('TITLE')}<Input name="title" value={form.title} onChange={change('title')} /></label>
        <label>{t('METADATA')}<Input name="metadata" value={form.metadata} onChange={change('metadata')} /></label>
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="submit" color="secondary" disabled={busy || !form.digest}>{t('NOTARIZE')}</Button>
          <Button type="button" disabled={busy || !form.digest} onClick={verify}>{t('VERIFY')}</Button>
        </div>
      </form>
      <Refusal error={failure} />
      {outcome}
      <h3>{t('MY_EVIDENCES')}</h3>
      {mine.error ? <Refusal error={mine.error} /> : items.length === 0
        ? <p className="ksbaas-empty">{mine.loading ? t('LOADING') : t('NO_EVIDENCES')}</p>
        : (
          <div>
            <EvidenceTable evidences={items}
              onReceipt={e => attempt(async () => download(`${e.hashAlgorithm}-${e.digest.slice(0, 16)}.receipt.json`,
                await api.receipt(namespace, channel, e.id)))}
              onCertificate={e => attempt(async () => {
                const file = await api.certificate(namespace, channel, e.id);
                saveBlob(file.name || `${e.hashAlgorithm}-${e.digest.slice(0, 16)}.pdf`, file.blob);
              })} />
<Pager page={page} pages={pages} onPage={setPage} />
          </div>
        )}
    </div>
  );
}
