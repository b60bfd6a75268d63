import React from 'react';

/** Loads with {@code load} when the inputs change: {data, error, loading, reload}. Errors are kept as the API words them. */
export function useApi(load, inputs) {
  const [state, setState] = React.useState({ data: null, error: null, loading: true });
  const [round, setRound] = React.useState(0);
  React.useEffect(() => {
    let current = true;
    setState(previous => ({ ...previous, loading: true }));
    load().then(
      data => current && setState({ data, error: null, loading: false }),
      error => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...inputs, round]);
  return { ...state, reload: () => setRound(r => r + 1) };
}
