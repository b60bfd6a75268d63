import React from 'react';
import { useParams } from 'react-router-dom';
import { Button, Input } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Pager, Table, pageCount } from './parts';

export function AuditTable({ entries }) {
  return (
    <Table
      rowKey={e => e.auditID}
      rows={entries}
      columns={[
        ['time', t('TIME'), e => e.requestReceivedTimestamp],
        ['user', t('USER'), e => (e.user && e.user.username) || ''],
        ['verb', t('ACTION'), e => (e.kind === 'KeyUse' ? `${t('KEY_USE')}: ${(e.keyUse && e.keyUse.cause) || ''}` : e.verb)],
        ['target', t('TARGET'), e => e.requestURI || (e.objectRef && [e.objectRef.resource, e.objectRef.name].filter(Boolean).join('/')) || ''],
        ['organization', t('ORGANIZATION'), e => e.organization || ''],
        ['status', t('STATUS'), e => (e.responseStatus ? String(e.responseStatus.code) : '')],
      ]}
    />
  );
}

/** The audit log: every change made through ks-baas and every use of a held key, newest first; a workspace's own, or the platform's. */
const LIMIT = 20;

export default function Audit() {
  const { workspace } = useParams();
  const [page, setPage] = React.useState(1);
  const [user, setUser] = React.useState('');
  const [filter, setFilter] = React.useState('');
  const state = useApi(() => api.auditLogs(workspace, page, LIMIT, filter), [workspace, page, filter]);
  const applyFilter = event => {
    event.preventDefault();
    setPage(1);
    setFilter(user.trim());
  };
  const items = (state.data && state.data.items) || [];
  const pages = pageCount(state.data && state.data.totalItems, LIMIT);
  return (
    <Page title={t('AUDIT_LOG')} state={state} isEmpty={items.length === 0} empty={t('NO_AUDIT_ENTRIES')}
      actions={<Button onClick={state.reload}>{t('REFRESH')}</Button>}
      above={(
        <form name="audit-filter" onSubmit={applyFilter} style={{ display: 'flex', gap: 8, marginBottom: 12, maxWidth: 480 }}>
          <Input name="user" placeholder={t('USER')} value={user} onChange={e => setUser(e.target.value)} />
          <Button type="submit">{t('FILTER')}</Button>
        </form>
      )}>
      <AuditTable entries={items} />
<Pager page={page} pages={pages} onPage={setPage} />
    </Page>
  );
}
