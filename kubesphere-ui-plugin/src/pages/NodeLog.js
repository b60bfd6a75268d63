import React from 'react';
import { Button } from '@kubed/components';
import { api } from '../api';
import { t } from '../i18n';
import { Refusal } from './parts';

/** How many lines the panel keeps: older ones scroll away as new ones come. */
export const KEPT_LINES = 1000;

/** The lines kept after a batch arrives: the newest {@link KEPT_LINES}. */
export const keptLines = (lines, batch) => [...lines, ...batch].slice(-KEPT_LINES);

/**
 * A log followed live, as kubectl logs -f shows it: the last lines, then each new one as it is
 * written, until the panel closes (the request is aborted) or the writer stops (the stream ends).
 *
 * @param follow (onLines, signal) => a promise that settles when the stream ends
 * @param subject what the log is of, for its identity: a new subject starts a new stream
 */
export function LogPanel({ title, subject, follow, endedText, onClose }) {
  const [lines, setLines] = React.useState([]);
  const [state, setState] = React.useState({ following: true, error: null });
  const bottom = React.useRef(null);
  React.useEffect(() => {
    const controller = new AbortController();
    setLines([]);
    setState({ following: true, error: null });
    follow(batch => setLines(kept => keptLines(kept, batch)), controller.signal).then(
      () => setState({ following: false, error: null }),
      error => !controller.signal.aborted && setState({ following: false, error }),
    );
    return () => controller.abort();
  }, [subject]);
  React.useEffect(() => {
    if (bottom.current && bottom.current.scrollIntoView) {
      bottom.current.scrollIntoView({ block: 'nearest' });
    }
  }, [lines]);
  return (
    <section className="ksbaas-node-log" style={{ marginBottom: 16 }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h3>{title}</h3>
        <Button onClick={onClose}>{t('CLOSE')}</Button>
      </header>
      <p role="status" className="ksbaas-log-state">{state.following ? t('FOLLOWING') : !state.error && endedText}</p>
      <Refusal error={state.error} />
      <pre className="ksbaas-log" role="log" style={{ maxHeight: 360, overflow: 'auto', margin: 0, padding: 8, background: '#242e42',
        color: '#f9fbfd', fontSize: 12, whiteSpace: 'pre-wrap' }}>
        {lines.join('\n')}
        <span ref={bottom} />
      </pre>
    </section>
  );
}

/** A peer's or an orderer's log. */
export function NodeLog({ namespace, node, onClose }) {
  return (
    <LogPanel title={t('NODE_LOG', { node: node.metadata.name })} subject={`${namespace}/${node.kind}/${node.metadata.name}`}
      follow={(onLines, signal) => api.followNodeLog(namespace, node, onLines, signal)} endedText={t('LOG_ENDED')} onClose={onClose} />
  );
}

/** A chaincode server's log (one of its pods'). */
export function ChaincodeServerLog({ namespace, server, onClose }) {
  return (
    <LogPanel title={t('SERVER_LOG', { server })} subject={`${namespace}/${server}`}
      follow={(onLines, signal) => api.followChaincodeServerLog(namespace, server, onLines, signal)} endedText={t('SERVER_LOG_ENDED')}
      onClose={onClose} />
  );
}
