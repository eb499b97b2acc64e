/** Summary statistics and the one-line format the bench prints. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

export function formatMs(ms) {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

export function row(label, s, extra = '') {
  return (
    `${label.padEnd(46)} median ${formatMs(s.median).padStart(9)}  min ${formatMs(s.min).padStart(9)}  ` +
    `max ${formatMs(s.max).padStart(9)}  (${s.runs} runs)${extra ? `  ${extra}` : ''}`
  );
}
