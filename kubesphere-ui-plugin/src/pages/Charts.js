import React from 'react';
import { t } from '../i18n';

// The explorer's charts: with @kubed/charts when the console provides it (KubeSphere 4.1's import
// map does), else two small SVG charts drawn here, so the bundle loads on a console without it.

let kubedCharts = null;

/**
 * @kubed/charts from the console's SystemJS at run time, or null where the console lacks it: not a
 * static import, which would stop the whole bundle from loading there. Asked once.
 */
export function loadKubedCharts(system = globalThis.System) {
  if (!kubedCharts) {
    kubedCharts = system && typeof system.import === 'function'
      ? Promise.resolve().then(() => system.import('@kubed/charts')).then(module => (module && module.BarChart ? module : null), () => null)
      : Promise.resolve(null);
  }
  return kubedCharts;
}

/** The console's chart library once it has loaded; null until then and where there is none. */
export function useKubedCharts(load = loadKubedCharts) {
  const [library, setLibrary] = React.useState(null);
  React.useEffect(() => {
    let live = true;
    load().then(found => live && setLibrary(() => found));
    return () => {
      live = false;
    };
  }, [load]);
  return library;
}

/** Transactions per step as the console's stacked bar chart: valid and invalid, with its tooltip and legend. */
export function KubedActivityChart({ library, buckets, height = 180 }) {
  const valid = t('VALID');
  const invalid = t('INVALID');
  const data = buckets.map(b => ({ time: b.start.slice(11, 16), [valid]: b.valid, [invalid]: b.transactions - b.valid }));
  return (
    <div className="ksbaas-kubed-chart" role="img" aria-label={t('TRANSACTIONS_OVER_TIME')} style={{ height }}>
      <library.BarChart data={data} dataKey="time" categories={[valid, invalid]} colors={['#55bc8a', '#ca2621']} stack />
    </div>
  );
}

/**
 * Every step of the window, those without transactions as zero: the API answers only the steps
 * that had some, and a chart of those alone would hide the quiet times.
 */
export function filledBuckets({ from, to, step, activity }) {
  const size = step === 'hour' ? 3600000 : 60000;
  const start = Math.floor(Date.parse(from) / size) * size;
  const end = Date.parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || (end - start) / size > 2000) {
    return activity || [];
  }
  const byStart = new Map((activity || []).map(b => [Math.floor(Date.parse(b.start) / size) * size, b]));
  const buckets = [];
  for (let at = start; at < end; at += size) {
    buckets.push(byStart.get(at) || { start: new Date(at).toISOString(), transactions: 0, valid: 0 });
  }
  return buckets;
}

/** Transactions per step: the console's chart where it has one, else bars drawn here. */
export function ActivityChart({ buckets, width = 640, height = 140 }) {
  const library = useKubedCharts();
  return library ? <KubedActivityChart library={library} buckets={buckets} /> : <SvgActivityChart buckets={buckets} width={width} height={height} />;
}

/** Transactions per step as bars, the valid part green and the invalid part red on top. */
export function SvgActivityChart({ buckets, width = 640, height = 140 }) {
  const max = Math.max(1, ...buckets.map(b => b.transactions));
  const slot = buckets.length ? width / buckets.length : width;
  const bar = Math.max(1, slot - 2);
  const scale = value => (value / max) * (height - 20);
  return (
    <svg className="ksbaas-chart" role="img" aria-label={t('TRANSACTIONS_OVER_TIME')} width={width} height={height}
      viewBox={`0 0 ${width} ${height}`}>
      <text x="0" y="12" fontSize="11" fill="#79879c">{t('PEAK', { count: String(max) })}</text>
      {buckets.map((b, i) => {
        const valid = scale(b.valid);
        const invalid = scale(b.transactions - b.valid);
        return (
          <g key={b.start}>
            <title>{`${b.start}: ${b.transactions} (${b.valid} ${t('VALID').toLowerCase()})`}</title>
            <rect x={i * slot} y={height - valid} width={bar} height={valid} fill="#55bc8a" />
            <rect x={i * slot} y={height - valid - invalid} width={bar} height={invalid} fill="#ca2621" />
          </g>
        );
      })}
    </svg>
  );
}

/** Counts by name (an organization, a chaincode) as horizontal bars with their numbers. */
export function CountBars({ counts, label }) {
  const max = Math.max(1, ...counts.map(c => c.transactions));
  return (
    <div className="ksbaas-count-bars" aria-label={label} style={{ display: 'grid', gridTemplateColumns: '160px 1fr 60px', gap: 4 }}>
      {counts.flatMap(c => [
        <span key={`${c.name}-n`}>{c.name}</span>,
        <span key={`${c.name}-b`} style={{ background: '#329dce', height: 12, alignSelf: 'center', width: `${(c.transactions / max) * 100}%` }} />,
        <span key={`${c.name}-c`} style={{ textAlign: 'right' }}>{c.transactions}</span>,
      ])}
    </div>
  );
}
