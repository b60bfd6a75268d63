import React from 'react';
import { Button, Input } from '@kubed/components';
import { t } from '../i18n';

/**
 * A small form of text and choice fields that sends one request: the API's refusal stays on the
 * form as the API words it; on success {@code onDone} (the form closes). Fields are
 * [key, titleKey, {options, type}].
 */
export function RequestForm({ name, fields, initial, send, onDone, onCancel, submitKey = 'CREATE' }) {
  const [form, setForm] = React.useState(initial);
  const [error, setError] = React.useState(null);
  const [busy, setBusy] = React.useState(false);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  const submit = async event => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    let answer;
    try {
      answer = await send(form);
    } catch (e) {
      setError(e);
      setBusy(false);
      return;
    }
    onDone(answer); // closes this form
  };
  return (
    <form name={name} className="ksbaas-form" onSubmit={submit} style={{ display: 'grid', gap: 8, maxWidth: 480, marginBottom: 16 }}>
      {fields.map(([key, title, options = {}]) => (
        <label key={key}>
          {t(title)}
          {options.choices ? (
            <select name={key} value={form[key]} onChange={change(key)} style={{ display: 'block', width: '100%', height: 32 }}>
              {options.choices.map(choice => <option key={choice} value={choice}>{choice}</option>)}
            </select>
          ) : (
            <Input name={key} type={options.type || 'text'} value={form[key]} onChange={change(key)} />
          )}
        </label>
      ))}
      {error && <p role="alert" className="ksbaas-error">{t('REQUEST_FAILED', { message: error.message })}</p>}
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="submit" color="secondary" loading={busy} disabled={busy}>{t(submitKey)}</Button>
        <Button type="button" onClick={onCancel}>{t('CANCEL')}</Button>
      </div>
    </form>
  );
}
