import React from 'react';
import { Button, Input } from '@kubed/components';
import { t } from '../i18n';
import { Refusal } from './parts';
import { useSubmission } from './Form';

/** The wizard's steps, in order: who leads it, the network it runs, then a last look before it is made. */
export const STEPS = ['WIZARD_BASICS', 'WIZARD_NETWORK', 'WIZARD_REVIEW'];

/** Orderer counts that make sense for Raft: a majority survives one (3) or two (5) lost orderers; 1 for trials. */
export const ORDERER_CHOICES = ['1', '3', '5'];

/**
 * The request the wizard sends: what the user left empty is left out, so the platform's defaults
 * apply (its Fabric release and StorageClass, 3 orderers, 1 peer per member); counts as numbers.
 */
export function consortiumRequest(form) {
  const request = { name: form.name.trim(), organization: form.organization };
  const text = { displayName: form.displayName, fabricVersion: form.fabricVersion, storageClassName: form.storageClassName };
  Object.entries(text).forEach(([key, value]) => {
    if (value && value.trim()) {
      request[key] = value.trim();
    }
  });
  if (form.orderers !== '') {
    request.orderers = Number(form.orderers);
  }
  if (form.peersPerMember !== '') {
    request.peersPerMember = Number(form.peersPerMember);
  }
  return request;
}

/** The review step's lines: every setting, the platform's default named where one applies. */
export function reviewLines(form) {
  const or = (value, fallback) => (value && String(value).trim()) || t(fallback);
  return [
    ['NAME', form.name], ['DISPLAY_NAME', or(form.displayName, 'NOT_SET')], ['LEADER', form.organization],
    ['ORDERERS', or(form.orderers, 'PLATFORM_DEFAULT')], ['PEERS_PER_MEMBER', or(form.peersPerMember, 'PLATFORM_DEFAULT')],
    ['FABRIC_VERSION', or(form.fabricVersion, 'PLATFORM_DEFAULT')], ['STORAGE_CLASS', or(form.storageClassName, 'PLATFORM_DEFAULT')],
  ];
}

function Field({ name, title, value, onChange, type = 'text', choices }) {
  return (
    <label>
      {t(title)}
      {choices ? (
        <select name={name} value={value} onChange={onChange} style={{ display: 'block', width: '100%', height: 32 }}>
          {choices.map(([choice, words]) => <option key={choice} value={choice}>{words}</option>)}
        </select>
      ) : <Input name={name} type={type} value={value} onChange={onChange} />}
    </label>
  );
}

/**
 * Creating a consortium in three steps. The API is the judge of what is valid: its refusal is shown
 * on the review step as the API words it, and the user goes back to the step that holds the field.
 * Once created, {@code onCreated} gets the API's answer (the overview then shows its progress live).
 */
export function ConsortiumWizard({ organizations, send, onCreated, onCancel }) {
  const [step, setStep] = React.useState(0);
  const [form, setForm] = React.useState({ name: '', displayName: '', organization: organizations[0] || '', orderers: '3',
    peersPerMember: '1', fabricVersion: '', storageClassName: '' });
  const { busy, error, submit, clearError } = useSubmission(send, onCreated);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  const field = (key, title, options = {}) => <Field key={key} name={key} title={title} value={form[key]} onChange={change(key)} {...options} />;
  const next = event => {
    event.preventDefault();
    if (step < STEPS.length - 1) {
      setStep(step + 1);
    } else {
      submit(consortiumRequest(form));
    }
  };
  return (
    <form name="create-consortium" className="ksbaas-form ksbaas-wizard" onSubmit={next}
      style={{ display: 'grid', gap: 8, maxWidth: 520, marginBottom: 16 }}>
      <ol className="ksbaas-steps" style={{ display: 'flex', gap: 16, listStyle: 'none', padding: 0, margin: 0 }}>
        {STEPS.map((key, index) => (
          <li key={key} aria-current={index === step ? 'step' : undefined}
            style={{ fontWeight: index === step ? 600 : 400, color: index <= step ? '#242e42' : '#79879c' }}>
            {index + 1}. {t(key)}
          </li>
        ))}
      </ol>
      {step === 0 && [
        field('name', 'NAME'),
        field('displayName', 'DISPLAY_NAME'),
        field('organization', 'LEADER', { choices: organizations.map(o => [o, o]) }),
        <p key="hint" className="ksbaas-hint">{t('LEADER_RUNS_ORDERERS')}</p>,
      ]}
      {step === 1 && [
        field('orderers', 'ORDERERS', { choices: ORDERER_CHOICES.map(n => [n, t(`ORDERERS_${n}`)]) }),
        field('peersPerMember', 'PEERS_PER_MEMBER', { type: 'number' }),
        field('fabricVersion', 'FABRIC_VERSION'),
        field('storageClassName', 'STORAGE_CLASS'),
        <p key="hint" className="ksbaas-hint">{t('EMPTY_MEANS_DEFAULT')}</p>,
      ]}
      {step === 2 && (
        <dl className="ksbaas-review" style={{ display: 'grid', gridTemplateColumns: '200px 1fr', gap: 4, margin: 0 }}>
          {reviewLines(form).flatMap(([key, value]) => [<dt key={`${key}-t`}>{t(key)}</dt>, <dd key={`${key}-d`}>{value}</dd>])}
        </dl>
      )}
      <Refusal error={error} />
      <div style={{ display: 'flex', gap: 8 }}>
        {step > 0 && <Button type="button" onClick={() => { clearError(); setStep(step - 1); }}>{t('PREVIOUS_STEP')}</Button>}
        <Button type="submit" color="secondary" loading={busy} disabled={busy}>{t(step < STEPS.length - 1 ? 'NEXT_STEP' : 'CREATE')}</Button>
        <Button type="button" onClick={onCancel}>{t('CANCEL')}</Button>
      </div>
    </form>
  );
}
