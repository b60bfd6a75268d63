import React from 'react';
import { useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { NotificationsBadge } from './Notifications';
import { Page, Table, Refusal } from './parts';
import { RequestForm, useFormWithChoices } from './Form';

/** Received and sent invitations; a pending received one can be accepted, or rejected after a confirmation. */
export function InvitationTable({ invitations, onDecide }) {
  return (
    <Table
      rowKey={i => i.id}
      rows={invitations}
      columns={[
        ['consortium', t('CONSORTIUM'), i => i.consortium],
        ['organization', t('ORGANIZATION'), i => i.organization],
        ['direction', t('DIRECTION'), i => i.direction],
        ['state', t('STATE'), i => i.state],
        ['actions', '', i => (i.direction === 'Received' && i.state === 'Pending' ? (
          <span style={{ display: 'flex', gap: 8 }}>
            <Button color="secondary" onClick={() => onDecide(i, 'Accept')}>{t('ACCEPT')}</Button>
            <Button onClick={() => onDecide(i, 'Reject')}>{t('REJECT')}</Button>
          </span>
        ) : null)],
      ]}
    />
  );
}

/** An invitation to a consortium the workspace leads: the invited organization and its workspace, and the peers it gets. */
export function Invite({ workspace, consortia, onSent, onCancel }) {
  return (
    <RequestForm
      name="invite"
      submitKey="INVITE"
      initial={{ consortium: consortia[0] || '', organization: '', workspace: '', peers: '1' }}
      fields={[['consortium', 'CONSORTIUM', { choices: consortia }], ['organization', 'ORGANIZATION'], ['workspace', 'WORKSPACE'],
        ['peers', 'PEERS', { type: 'number' }]]}
      send={form => api.invite(workspace, { ...form, peers: Number(form.peers) })}
      onDone={onSent}
      onCancel={onCancel}
    />
  );
}

export default function Invitations() {
  const { workspace } = useParams();
  const state = useApi(() => api.invitations(workspace), [workspace]);
  const [failure, setFailure] = React.useState(null);
  const form = useFormWithChoices(async () => (await api.consortia(workspace)).items.map(c => c.metadata.name), {
    noChoices: 'NO_CONSORTIUM_TO_INVITE_TO',
    render: (consortia, close) => (
      <Invite workspace={workspace} consortia={consortia} onCancel={close} onSent={() => { close(); state.reload(); }} />
    ),
  });
  const decide = async (invitation, decision) => {
    if (decision === 'Reject' && !globalThis.confirm(t('CONFIRM_REJECT', { consortium: invitation.consortium }))) {
      return;
    }
    setFailure(null);
    try {
      await api.decide(workspace, invitation.id, decision);
    } catch (e) {
      setFailure(e);
    }
    state.reload();
  };
  const items = (state.data && state.data.items) || [];
  const above = failure ? <Refusal error={failure} /> : form.above;
  return (
    <Page title={t('INVITATIONS')} state={state} isEmpty={items.length === 0} empty={t('NO_INVITATIONS')} above={above}
      actions={[
        <NotificationsBadge key="badge" workspace={workspace} after={state.data} />,
        <Button key="refresh" onClick={state.reload}>{t('REFRESH')}</Button>,
        <Button key="invite" color="secondary" onClick={form.open}>{t('INVITE_ORGANIZATION')}</Button>,
      ]}>
      <InvitationTable invitations={items} onDecide={decide} />
    </Page>
  );
}
