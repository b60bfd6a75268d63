import React from 'react';
import { Button, Input } from '@kubed/components';
import { t } from '../i18n';

/** Each built-in app's operations, as the service names them (io.baas.application.ApplicationScope). */
export const APP_OPERATIONS = {
  notarization: ['notarize', 'verify', 'read'],
  'asset-transfer': ['transfer', 'issue', 'read'],
};

const TARGETS = [...Object.keys(APP_OPERATIONS), 'chaincode'];

/** A new row of the editor: a built-in app on the first channel, nothing allowed yet. */
export const blankScope = channel => ({ channel: channel || '', target: 'notarization', operations: [], chaincode: '', functions: '', access: 'read-write' });

/** A scope as the API has it, as a row of the editor. */
export function scopeRow(scope) {
  return {
    channel: scope.channel,
    target: scope.app || 'chaincode',
    operations: scope.operations || [],
    chaincode: scope.chaincode || '',
    functions: (scope.functions || []).join(', '),
    access: scope.access || 'read-write',
  };
}

/** A row of the editor as the API takes it: either a built-in app's operations or a chaincode's functions. */
export function scopeOf(row) {
  if (row.target === 'chaincode') {
    return { channel: row.channel, chaincode: row.chaincode.trim(),
      functions: row.functions.split(',').map(f => f.trim()).filter(Boolean), access: row.access };
  }
  return { channel: row.channel, app: row.target, operations: row.operations, access: row.access };
}

/** One line a scope reads as in a list: "shipping · notarization: verify, read (read-only)". */
export function describeScope(scope) {
  const what = scope.app ? `${scope.app}: ${(scope.operations || []).join(', ')}`
    : `${scope.chaincode}: ${(scope.functions || []).join(', ')}`;
  return `${scope.channel} · ${what}${scope.access === 'read-only' ? ` (${t('READ_ONLY')})` : ''}`;
}

/**
 * The scopes of an application as rows to edit: a channel (chosen from the project's channels),
 * a built-in app with its operations ticked or a chaincode with its functions, and the access. The
 * service judges them; its field errors name a row by its place (scopes[0].operations).
 */
export function ScopeEditor({ rows, channels, onChange }) {
  const change = (i, key, value) => onChange(rows.map((row, j) => (j === i ? { ...row, [key]: value } : row)));
  const toggle = (i, operation) => {
    const { operations } = rows[i];
    change(i, 'operations', operations.includes(operation) ? operations.filter(o => o !== operation) : [...operations, operation]);
  };
  return (
    <fieldset className="ksbaas-scopes" style={{ display: 'grid', gap: 8, border: '1px solid #ccd3db', padding: 8 }}>
      <legend>{t('SCOPES')}</legend>
      {rows.map((row, i) => (
        // A row has no identity but its place, which is also how the API's field errors name it.
        <div key={i} className="ksbaas-scope" data-scope={i} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <label>
            {t('CHANNEL')}
            {channels.length ? (
              <select name={`scopes[${i}].channel`} value={row.channel} onChange={e => change(i, 'channel', e.target.value)} style={{ marginLeft: 4, height: 32 }}>
                {channels.map(c => <option key={c} value={c}>{c}</option>)}
              </select>
            ) : <Input name={`scopes[${i}].channel`} value={row.channel} onChange={e => change(i, 'channel', e.target.value)} />}
          </label>
          <label>
            {t('SCOPE_TARGET')}
            <select name={`scopes[${i}].target`} value={row.target} onChange={e => change(i, 'target', e.target.value)} style={{ marginLeft: 4, height: 32 }}>
              {TARGETS.map(target => <option key={target} value={target}>{target}</option>)}
            </select>
          </label>
          {row.target === 'chaincode' ? (
            <>
              <label>{t('CHAINCODE')}<Input name={`scopes[${i}].chaincode`} value={row.chaincode} onChange={e => change(i, 'chaincode', e.target.value)} /></label>
              <label>{t('FUNCTIONS_COMMA')}<Input name={`scopes[${i}].functions`} value={row.functions} onChange={e => change(i, 'functions', e.target.value)} /></label>
            </>
          ) : APP_OPERATIONS[row.target].map(operation => (
            <label key={operation}>
              <input type="checkbox" name={`scopes[${i}].${operation}`} checked={row.operations.includes(operation)} onChange={() => toggle(i, operation)} />
              {operation}
            </label>
          ))}
          <label>
            {t('ACCESS')}
            <select name={`scopes[${i}].access`} value={row.access} onChange={e => change(i, 'access', e.target.value)} style={{ marginLeft: 4, height: 32 }}>
              <option value="read-write">{t('READ_WRITE')}</option>
              <option value="read-only">{t('READ_ONLY')}</option>
            </select>
          </label>
          {rows.length > 1 && <Button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))}>{t('REMOVE')}</Button>}
        </div>
      ))}
      <div><Button type="button" onClick={() => onChange([...rows, blankScope(channels[0])])}>{t('ADD_SCOPE')}</Button></div>
    </fieldset>
  );
}
