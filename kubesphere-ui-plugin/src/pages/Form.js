import React from 'react';
import { Button, Input } from '@kubed/components';
import { t } from '../i18n';
import { Refusal } from './parts';

/**
 * One request a form sends: {busy, error, submit(request), clearError}. The API's refusal stays on
 * the form as the API words it; on success {@code onDone} gets the answer.
 */
export function useSubmission(send, onDone) {
  const [error, setError] = React.useState(null);
  const [busy, setBusy] = React.useState(false);
  // Most forms close on success; one that stays open is ready for the next request.
  const mounted = React.useRef(true);
  React.useEffect(() => () => { mounted.current = false; }, []);
  const submit = async request => {
    setBusy(true);
    setError(null);
    let answer;
    try {
      answer = await send(request);
    } catch (e) {
      setError(e);
      setBusy(false);
      return;
    }
    onDone(answer);
    if (mounted.current) {
      setBusy(false);
    }
  };
  return { busy, error, submit, clearError: () => setError(null) };
}

/** A form's foot: the API's refusal as it words it, then submit (busy while sending) and cancel. */
export function FormFoot({ busy, error, onCancel, submitKey = 'CREATE' }) {
  return (
    <>
      <Refusal error={error} />
      <div style={{ display: 'flex', gap: 8 }}>
        <Button type="submit" color="secondary" loading={busy} disabled={busy}>{t(submitKey)}</Button>
        <Button type="button" onClick={onCancel}>{t('CANCEL')}</Button>
      </div>
    </>
  );
}

/**
 * A small form of text and choice fields that sends one request: the API's refusal stays on the
 * form as the API words it; on success {@code onDone} (the form closes). Fields are
 * [key, titleKey, {options, type}].
 */
export function RequestForm({ name, fields, initial, send, onDone, onCancel, submitKey = 'CREATE' }) {
  const [form, setForm] = React.useState(initial);
  const { busy, error, submit: sendForm } = useSubmission(send, onDone);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  const submit = event => {
    event.preventDefault();
    sendForm(form);
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
      <FormFoot busy={busy} error={error} onCancel={onCancel} submitKey={submitKey} />
    </form>
  );
}

/**
 * A form whose choices are read when it opens (the workspace's organizations, its consortia):
 * {open, above}. {@code above} is what the page shows over its list: nothing while closed, the
 * refusal of the read as the API words it, why there is nothing to choose, or the form.
 */
export function useFormWithChoices(load, { noChoices, render }) {
  const [choices, setChoices] = React.useState(null);
  const [failure, setFailure] = React.useState(null);
  const open = async () => {
    setFailure(null);
    try {
      setChoices(await load());
    } catch (e) {
      setFailure(e);
    }
  };
  let above = <Refusal error={failure} />;
  if (choices && choices.length === 0) {
    above = <p role="alert" className="ksbaas-error">{t(noChoices)}</p>;
  } else if (choices) {
    above = render(choices, () => setChoices(null));
  }
  return { open, above };
}
