import React from 'react';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { Refusal } from './parts';

/** What the form sends: the chaincode and its call, one argument per line (blank lines are arguments too, except a last empty one). */
export function invocationOf(form) {
  const lines = form.arguments === '' ? [] : form.arguments.replace(/\n$/, '').split('\n');
  return { chaincode: form.chaincode, call: { function: form.function.trim(), arguments: lines } };
}

/**
 * Calls a committed chaincode as the signed-in user (the client identity the organization holds for
 * them): Submit commits a transaction, Evaluate asks the organization's peer and writes nothing.
 */
export function InvokeChaincode({ namespace, channel, chaincodes }) {
  const [form, setForm] = React.useState({ chaincode: chaincodes[0] || '', function: '', arguments: '' });
  const [answer, setAnswer] = React.useState(null);
  const [failure, setFailure] = React.useState(null);
  const [busy, setBusy] = React.useState(false);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  const send = async call => {
    setBusy(true);
    setFailure(null);
    setAnswer(null);
    try {
      setAnswer(await call(namespace, channel, invocationOf(form)));
    } catch (e) {
      setFailure(e);
    }
    setBusy(false);
  };
  return (
    <form name="invoke-chaincode" className="ksbaas-form" onSubmit={event => { event.preventDefault(); send(api.submitChaincode); }}
      style={{ display: 'grid', gap: 8, maxWidth: 640, marginTop: 16 }}>
      <h3>{t('INVOKE_CHAINCODE')}</h3>
      <label>
        {t('CHAINCODE')}
        <select name="chaincode" value={form.chaincode} onChange={change('chaincode')} style={{ display: 'block', width: '100%', height: 32 }}>
          {chaincodes.map(name => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <label>{t('FUNCTION')}<Input name="function" value={form.function} onChange={change('function')} /></label>
      <label>
        {t('ARGUMENTS_PER_LINE')}
        <textarea name="arguments" value={form.arguments} onChange={change('arguments')} rows={3} style={{ display: 'block', width: '100%' }} />
      </label>
      <Refusal error={failure} />
      {answer && (
        <p role="status" className="ksbaas-invoked">
          {answer.txId ? `${t('COMMITTED_IN', { tx: answer.txId, block: String(answer.blockNumber) })} ` : ''}
          {t('FUNCTION_RESULT')}: <code className="ksbaas-result">{answer.result !== undefined ? answer.result : answer.resultBase64}</code>
        </p>
      )}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="submit" color="secondary" loading={busy} disabled={busy || !form.chaincode}>{t('SUBMIT')}</Button>
        <Button type="button" disabled={busy || !form.chaincode} onClick={() => send(api.evaluateChaincode)}>{t('EVALUATE')}</Button>
      </div>
    </form>
  );
}
