'use strict';

(async () => {
  const { api, el, message, errorText, time, duration, healthBadge, setCell } = Console;
  const { COLORS, show } = Charts;
  const rc = await Console.init('dashboard');
  const params = new URLSearchParams(window.location.search);
  let windowName = params.get('window') === 'day' ? 'day' : 'hour';

  // ------------------------------------------------------------------ every registry center at a glance
  async function overview() {
    const result = await api('GET', '/api/dashboard');
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    const box = document.getElementById('centers');
    const centers = result.data.registryCenters;
    if (!centers.length) {
      box.replaceChildren(el('p', { class: 'note', text: 'No registry center yet: add one on the Registry centers page.' }));
      return;
    }
    centers.forEach((center) => {
      let card = box.querySelector('[data-center="' + CSS.escape(center.name) + '"]');
      if (!card) {
        card = el('div', { class: 'card' + (center.name === rc ? ' current' : ''), 'data-center': center.name, title: 'Work on ' + center.name },
          el('h3', {}, center.name, ' ', el('small', { text: center.namespace })),
          el('div', { class: 'card-body' },
            el('div', { class: 'doughnut-box' }, el('canvas', { class: 'health-chart' })),
            el('dl', { class: 'figures' })));
        card.addEventListener('click', () => {
          Console.useRegistryCenter(center.name);
          window.location.reload();
        });
        box.append(card);
      }
      const figures = card.querySelector('dl');
      if (!center.available) {
        setCell(figures, 'unavailable', [el('dt', { text: 'Unavailable' }), el('dd', { class: 'error-text', text: center.error })]);
        return;
      }
      const jobs = Object.values(center.jobsByHealth).reduce((a, b) => a + b, 0);
      const items = center.itemsByStatus;
      const text = [['Jobs', jobs], ['failing', center.jobsByHealth.FAILING], ['crashed', center.jobsByHealth.CRASHED],
        ['disabled', center.jobsByHealth.DISABLED], ['Items running / waiting', items.RUNNING + ' / ' + items.PENDING],
        ['items disabled / unowned', items.DISABLED + ' / ' + items.SHARDING_FLAG], ['Instances', center.instances],
        ['Servers', center.servers + (center.serversWithDisabledJobs ? ' (' + center.serversWithDisabledJobs + ' with disabled jobs)' : '')
          + (center.serversWithCrashedJobs ? ' (' + center.serversWithCrashedJobs + ' with crashed jobs)' : '')]];
      setCell(figures, JSON.stringify(text), text.flatMap(([label, value]) => [el('dt', { text: label }),
        el('dd', { class: (label === 'failing' || label === 'crashed') && value ? 'error-text' : null, 'data-figure': label, text: value })]));
      const health = Object.entries(center.jobsByHealth).filter(([, count]) => count > 0);
      show(card.querySelector('canvas'), 'doughnut', {
        labels: health.map(([name]) => name),
        datasets: [{ data: health.map(([, count]) => count), backgroundColor: health.map(([name]) => COLORS[name]) }],
      }, { plugins: { legend: { position: 'right', labels: { boxWidth: 10 } } }, cutout: '55%' });
    });
  }

  // ------------------------------------------------------------------ one registry center over the window, from the trace
  function chooseWindow(name) {
    windowName = name;
    document.querySelectorAll('.window-choice button').forEach((b) => b.classList.toggle('active', b.dataset.window === name));
    const url = new URL(window.location.href);
    url.searchParams.set('window', name);
    window.history.replaceState(null, '', url.pathname + url.search);
  }

  async function trace() {
    if (!rc) {
      document.getElementById('trace-section').hidden = true;
      return;
    }
    const result = await api('GET', Console.rcPath('/dashboard?window=' + windowName));
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    const data = result.data;
    document.getElementById('rc-title').textContent = rc;
    document.getElementById('window-title').textContent = (windowName === 'day' ? 'over the last day' : 'over the last hour')
      + ' · ' + time(data.from) + ' to ' + time(data.to);
    const note = document.getElementById('history-note');
    note.hidden = data.history.available;
    note.textContent = data.history.available ? '' : 'Charts: ' + data.history.reason + '.';
    document.getElementById('charts').classList.toggle('no-history', !data.history.available);

    const labels = data.timeline.starts.map((iso) => {
      const d = new Date(iso);
      return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
    });
    show(document.getElementById('chart-timeline'), 'bar', {
      labels,
      datasets: [
        { label: 'succeeded', data: data.timeline.executions.map((n, i) => n - data.timeline.failures[i]), backgroundColor: COLORS.success, stack: 's' },
        { label: 'failed', data: data.timeline.failures, backgroundColor: COLORS.failure, stack: 's' },
      ],
    }, { scales: { x: { stacked: true, ticks: { maxTicksLimit: 13 } }, y: { stacked: true, beginAtZero: true } },
      plugins: { legend: { position: 'top', align: 'end' } } });

    const jobs = data.jobs.slice(0, 15);
    const names = jobs.map((j) => j.job.jobName);
    show(document.getElementById('chart-executions'), 'bar', {
      labels: names,
      datasets: [
        { label: 'succeeded', data: jobs.map((j) => j.executions - j.failures), backgroundColor: COLORS.success, stack: 's' },
        { label: 'failed', data: jobs.map((j) => j.failures), backgroundColor: COLORS.failure, stack: 's' },
      ],
    }, { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } }, plugins: { legend: { position: 'top', align: 'end' } } });

    const msAxis = { beginAtZero: true, title: { display: true, text: 'ms' } };
    show(document.getElementById('chart-durations'), 'bar', {
      labels: names,
      datasets: [
        { label: 'p50', data: jobs.map((j) => j.durationMillis.p50 ?? null), backgroundColor: COLORS.p50 },
        { label: 'p95', data: jobs.map((j) => j.durationMillis.p95 ?? null), backgroundColor: COLORS.p95 },
        { label: 'max', data: jobs.map((j) => j.durationMillis.max ?? null), backgroundColor: COLORS.max },
      ],
    }, { indexAxis: 'y', scales: { x: msAxis }, plugins: { legend: { position: 'top', align: 'end' } } });
    show(document.getElementById('chart-latency'), 'bar', {
      labels: names,
      datasets: [
        { label: 'p50', data: jobs.map((j) => j.fireLatencyMillis.p50 ?? null), backgroundColor: COLORS.p50 },
        { label: 'p95', data: jobs.map((j) => j.fireLatencyMillis.p95 ?? null), backgroundColor: COLORS.p95 },
      ],
    }, { indexAxis: 'y', scales: { x: msAxis }, plugins: { legend: { position: 'top', align: 'end' } } });

    const body = document.querySelector('#worst tbody');
    const rows = data.jobs.map((j) => el('tr', { 'data-job': j.job.jobName },
      el('td', {}, el('a', { href: '/job.html?job=' + encodeURIComponent(j.job.jobName), text: j.job.jobName })),
      el('td', { class: 'status' }, healthBadge(j.job.health, j.job.status)),
      el('td', { class: 'nowrap' }, j.job.lastFire ? [time(j.job.lastFire.time), ' ', el('span', {
        class: 'badge status-' + (j.job.lastFire.result === 'SUCCESS' ? 'true' : 'false'),
        text: j.job.lastFire.result === 'SUCCESS' ? 'success' : 'failure' })] : '–'),
      el('td', { class: 'nowrap' }, j.job.nextFire ? time(j.job.nextFire) : '–'),
      el('td', { class: 'num', text: j.executions }),
      el('td', { class: 'num failures' + (j.failures ? ' error-text' : ''), text: j.failures }),
      el('td', { class: 'num', text: duration(j.durationMillis.p50) }),
      el('td', { class: 'num', text: duration(j.durationMillis.p95) }),
      el('td', { class: 'num', text: duration(j.fireLatencyMillis.p95) })));
    if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: 9, class: 'empty', text: 'No jobs in this namespace.' })));
    body.replaceChildren(...rows);
  }

  document.querySelectorAll('.window-choice button').forEach((button) => button.addEventListener('click', () => {
    chooseWindow(button.dataset.window);
    trace().catch((e) => message('Refresh failed: ' + e.message, 'error'));
  }));
  chooseWindow(windowName);
  Console.poll(async () => { await Promise.all([overview(), trace()]); }, 10000);
})();
