import React from 'react';
import { Input } from '@kubed/components';
import { t } from '../i18n';
import { FormFoot, useSubmission } from './Form';

/** The changes a member may propose, and the fields each needs (the API's NewProposal). */
export const KINDS = {
  AddOrganization: ['organization'],
  RemoveOrganization: ['organization'],
  Batch: ['timeout', 'maxMessageCount'],
  Policies: ['policyPath', 'policyRule'],
  Capabilities: ['application'],
};

const TITLES = { organization: 'ORGANIZATION', timeout: 'BATCH_TIMEOUT', maxMessageCount: 'MAX_MESSAGE_COUNT',
  policyPath: 'POLICY_PATH', policyRule: 'POLICY_RULE', application: 'APPLICATION_CAPABILITY' };

/** The request for the chosen kind, from its own fields only; what is left empty stays as the channel has it. */
export function proposalRequest(form) {
  const text = key => (form[key] || '').trim();
  switch (form.kind) {
    case 'AddOrganization':
    case 'RemoveOrganization':
      return { kind: form.kind, organization: text('organization') };
    case 'Batch': {
      const batch = {};
      if (text('timeout')) {
        batch.timeout = text('timeout');
      }
      if (text('maxMessageCount')) {
        batch.maxMessageCount = Number(text('maxMessageCount'));
      }
      return { kind: 'Batch', batch };
    }
    case 'Policies':
      return { kind: 'Policies', policies: { [text('policyPath')]: text('policyRule') } };
    default:
      return { kind: 'Capabilities', capabilities: { application: text('application') } };
  }
}

/**
 * A proposal to change the channel's config: the kind, then that kind's fields. The members who
 * must sign see it on their channel page; the API refuses what cannot apply (an organization
 * already on the channel, a rule that does not parse) in its words, shown on the form.
 */
export function ProposeChange({ send, onDone, onCancel }) {
  const [form, setForm] = React.useState({ kind: 'AddOrganization', organization: '', timeout: '', maxMessageCount: '',
    policyPath: 'Application/Endorsement', policyRule: '', application: 'V2_5' });
  const { busy, error, submit: sendProposal } = useSubmission(send, onDone);
  const change = key => event => setForm({ ...form, [key]: event.target.value });
  const submit = event => {
    event.preventDefault();
    sendProposal(proposalRequest(form));
  };
  return (
    <form name="propose-change" className="ksbaas-form" onSubmit={submit} style={{ display: 'grid', gap: 8, maxWidth: 480, marginBottom: 16 }}>
      <label>
        {t('KIND')}
        <select name="kind" value={form.kind} onChange={change('kind')} style={{ display: 'block', width: '100%', height: 32 }}>
          {Object.keys(KINDS).map(kind => <option key={kind} value={kind}>{t(`PROPOSAL_${kind}`)}</option>)}
        </select>
      </label>
      {KINDS[form.kind].map(key => (
        <label key={key}>
          {t(TITLES[key])}
          {key === 'application' ? (
            <select name={key} value={form[key]} onChange={change(key)} style={{ display: 'block', width: '100%', height: 32 }}>
              {['V2_0', 'V2_5'].map(level => <option key={level} value={level}>{level}</option>)}
            </select>
          ) : <Input name={key} type={key === 'maxMessageCount' ? 'number' : 'text'} value={form[key]} onChange={change(key)} />}
        </label>
      ))}
      <FormFoot busy={busy} error={error} onCancel={onCancel} submitKey="PROPOSE" />
    </form>
  );
}
