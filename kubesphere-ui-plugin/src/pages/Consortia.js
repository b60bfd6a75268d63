import React from 'react';
import { useParams } from 'react-router-dom';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page, Table, readiness } from './parts';

export function ConsortiumTable({ consortia }) {
  return (
    <Table
      rowKey={c => c.metadata.name}
      rows={consortia}
      columns={[
        ['name', t('NAME'), c => c.metadata.name],
        ['leader', t('LEADER'), c => (c.spec && c.spec.leader && c.spec.leader.organization) || ''],
        ['members', t('MEMBERS'), c => ((c.spec && c.spec.members) || []).map(m => m.organization).join(', ')],
        ['status', t('STATUS'), c => readiness(c).phase],
      ]}
    />
  );
}

export default function Consortia() {
  const { workspace } = useParams();
  const state = useApi(() => api.consortia(workspace), [workspace]);
  const items = (state.data && state.data.items) || [];
  return (
    <Page title={t('CONSORTIA')} state={state} isEmpty={items.length === 0} empty={t('NO_CONSORTIA')}
      actions={<Button onClick={state.reload}>{t('REFRESH')}</Button>}>
      <ConsortiumTable consortia={items} />
    </Page>
  );
}
