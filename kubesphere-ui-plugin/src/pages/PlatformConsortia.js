import React from 'react';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { useApi } from '../useApi';
import { Page } from './parts';
import { ConsortiumTable } from './Consortia';

/** Every consortium of the platform, for platform admins. */
export default function PlatformConsortia() {
  const state = useApi(() => api.allConsortia(), []);
  const items = (state.data && state.data.items) || [];
  return (
    <Page title={t('ALL_CONSORTIA')} state={state} isEmpty={items.length === 0} empty={t('NO_CONSORTIA_ON_PLATFORM')}
      actions={<Button onClick={state.reload}>{t('REFRESH')}</Button>}>
      <ConsortiumTable consortia={items} />
    </Page>
  );
}
