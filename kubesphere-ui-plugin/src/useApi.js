import React from 'react';

/**
 * Loads with {@code load} when the inputs change: {data, error, loading, reload}. Errors are kept as
 * the API words them. {@code loading} is true from the very render whose inputs changed (not only
 * once the effect has run), so nothing shows the previous inputs' data as the new one's.
 */
export function useApi(load, inputs) {
  const [state, setState] = React.useState({ data: null, error: null, loading: true });
  const [round, setRound] = React.useState(0);
  const current = [...inputs, round];
  const started = React.useRef(null);
  const stale = started.current === null || started.current.length !== current.length
    || current.some((value, i) => !Object.is(value, started.current[i]));
  React.useEffect(() => {
    started.current = current;
    let live = true;
    setState(previous => ({ ...previous, loading: true }));
    load().then(
      data => live && setState({ data, error: null, loading: false }),
      error => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, current);
  return { ...state, loading: state.loading || stale, reload: () => setRound(r => r + 1) };
}

/**
 * A user's action that may be refused: {failure, attempt(work), clearFailure}. The refusal is kept
 * to be shown as the API words it; {@code after} runs either way (reading the page again).
 */
export function useAttempt(after = () => {}) {
  const [failure, setFailure] = React.useState(null);
  const attempt = async work => {
    setFailure(null);
    try {
      await work();
    } catch (e) {
      setFailure(e);
    }
    after();
  };
  return { failure, attempt, clearFailure: () => setFailure(null) };
}

/** How often something on its way (a consortium, an app, a deployment) is read again. */
export const PROGRESS_INTERVAL_MS = 3000;

/**
 * Reads {@code state} again every few seconds until {@code settled}: progress shown live. A refusal
 * (403) is final; a 404 is not (something just created may not be readable for a moment).
 */
export function useProgress(state, settled) {
  const done = Boolean(settled) || Boolean(state.error && state.error.status === 403);
  const { reload } = state;
  React.useEffect(() => {
    if (done) {
      return undefined;
    }
    const timer = setInterval(reload, PROGRESS_INTERVAL_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done]);
}
