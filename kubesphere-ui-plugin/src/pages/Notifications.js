import React from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Table } from './parts';

export function NotificationTable({ notifications }) {
  return (
    <Table
      rowKey={n => `${n.kind}/${n.id}`}
      rows={notifications}
      columns={[
        ['kind', t('KIND'), n => (n.kind === 'Invitation' ? t('INVITATION') : n.kind === 'Proposal' ? t('PROPOSAL') : n.kind)],
        ['consortium', t('CONSORTIUM'), n => n.consortium || ''],
        ['summary', t('SUMMARY'), n => n.summary],
        ['expires', t('EXPIRES'), n => n.expireTime || ''],
      ]}
    />
  );
}

/** What awaits the workspace's decision (invitations, channel proposals to sign). */
export default function Notifications() {
  const { workspace } = useParams();
  const state = useApi(() => api.notifications(workspace), [workspace]);
  const items = (state.data && state.data.items) || [];
  return (
    <Page title={t('NOTIFICATIONS')} state={state} isEmpty={items.length === 0} empty={t('NOTHING_AWAITS')}
      actions={<Button onClick={state.reload}>{t('REFRESH')}</Button>}>
      <NotificationTable notifications={items} />
    </Page>
  );
}

/**
 * A link to the notifications with how many await the workspace; nothing when none does or when
 * they cannot be read. Read again whenever the page's own answer changes ({@code after}).
 */
export function NotificationsBadge({ workspace, after }) {
  const state = useApi(() => api.notifications(workspace), [workspace, after]);
  const count = (state.data && state.data.items && state.data.items.length) || 0;
  if (count === 0) {
    return null;
  }
  return (
    <Link className="ksbaas-badge" to={`/workspaces/${workspace}/ksbaas/notifications`}
      style={{ padding: '2px 10px', borderRadius: 12, background: '#ca2621', color: '#fff', textDecoration: 'none' }}>
      {t('AWAITING', { count })}
    </Link>
  );
}
