// Cronshard console: Chart.js (served from the console's jar as a WebJar) with the console's colours,
// and charts updated in place on each refresh.
'use strict';

const Charts = (() => {
  const COLORS = {
    success: '#37b24d', failure: '#e03131', p50: '#74c0fc', p95: '#1c7ed6', max: '#adb5bd',
    OK: '#37b24d', FAILING: '#e03131', CRASHED: '#f76707', DISABLED: '#adb5bd', SHARDING_FLAG: '#fab005',
    RUNNING: '#1c7ed6', PENDING: '#a5d8ff',
  };
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.maintainAspectRatio = false;

  // creates the chart on first use, then only replaces its data
  function show(canvas, type, data, options) {
    const existing = Chart.getChart(canvas);
    if (existing) {
      existing.data = data;
      existing.update('none');
      return existing;
    }
    return new Chart(canvas, { type, data, options: options || {} });
  }

  function ms(value) {
    return Console.duration(value);
  }

  return { COLORS, show, ms };
})();
