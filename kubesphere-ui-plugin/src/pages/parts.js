import React from 'react';
import { Button } from '@kubed/components';
import { t } from '../i18n';

/** Whether a read has nothing to show yet: still loading its first answer, or refused. */
export const unready = state => Boolean((state.loading && !state.data) || state.error);

/** What a read shows until it has data: loading, or its refusal as the API words it. */
export function Unready({ state }) {
  return state.loading && !state.data ? <p role="status" className="ksbaas-loading">{t('LOADING')}</p> : <Refusal error={state.error} />;
}

/** A page's frame: its title, its actions, a form above (shown whatever the list holds), then what it shows (loading, an error as the API words it, empty, or the content). */
export function Page({ title, actions, above, state, empty, isEmpty, children }) {
  let body;
  if (unready(state)) {
    body = <Unready state={state} />;
  } else if (isEmpty) {
    body = <p className="ksbaas-empty">{empty}</p>;
  } else {
    body = children;
  }
  return (
    <section className="ksbaas-page" aria-busy={state.loading ? 'true' : 'false'} style={{ padding: 20 }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
        <h2 style={{ margin: 0 }}>{title}</h2>
        <div style={{ display: 'flex', gap: 8 }}>{actions}</div>
      </header>
      {above}
      {body}
    </section>
  );
}

/** A refused request, as the API words it; nothing without one. */
export function Refusal({ error }) {
  return error ? <p role="alert" className="ksbaas-error">{t('REQUEST_FAILED', { message: error.message })}</p> : null;
}

/** Previous and next around "page N of M", for lists the API answers a page at a time. */
export function Pager({ page, pages, onPage }) {
  return (
    <nav className="ksbaas-pages" style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 12 }}>
      <Button disabled={page <= 1} onClick={() => onPage(page - 1)}>{t('PREVIOUS')}</Button>
      <span>{t('PAGE_OF', { page: String(page), pages: String(pages) })}</span>
      <Button disabled={page >= pages} onClick={() => onPage(page + 1)}>{t('NEXT')}</Button>
    </nav>
  );
}

/** How many pages a list of {@code total} items fills, at least one. */
export const pageCount = (total, size) => Math.max(1, Math.ceil((total || 0) / size));

/** A plain table of rows: columns are [key, title, render(row)]. */
export function Table({ columns, rows, rowKey }) {
  return (
    <table className="ksbaas-table" style={{ width: '100%', borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          {columns.map(([key, title]) => (
            <th key={key} style={{ textAlign: 'left', padding: '8px 12px', borderBottom: '1px solid #ccd3db' }}>{title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(row => (
          <tr key={rowKey(row)}>
            {columns.map(([key, , render]) => (
              <td key={key} style={{ padding: '8px 12px', borderBottom: '1px solid #eff4f9' }}>{render(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Ready condition's status, else the phase. */
export function readiness(resource) {
  const status = resource.status || {};
  const ready = (status.conditions || []).find(c => c.type === 'Ready');
  return { phase: status.phase || (ready && ready.status === 'True' ? 'Ready' : 'Pending'), message: ready ? ready.message : '' };
}

/** What a page that failed to render shows instead of a blank console: the error, in the page's place. */
export class PageBoundary extends React.Component {
  constructor(props) {
    super(props);
    this.state = { error: null };
  }

  static getDerivedStateFromError(error) {
    return { error };
  }

  render() {
    if (this.state.error) {
      return <p role="alert" className="ksbaas-error" style={{ padding: 20 }}>{t('PAGE_FAILED', { message: this.state.error.message })}</p>;
    }
    return this.props.children;
  }
}
