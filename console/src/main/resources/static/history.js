'use strict';

(async () => {
  const { api, el, badge, message, errorText, time, duration } = Console;
  await Console.init('history');
  const form = document.getElementById('filters');
  const pager = document.querySelector('.pager');
  const SORTS = {
    executions: [['startTime', 'Started'], ['completeTime', 'Completed'], ['jobName', 'Job'], ['shardingItem', 'Item'],
      ['ip', 'Server'], ['instanceId', 'Instance'], ['success', 'Result'], ['executionSource', 'Source']],
    status: [['creationTime', 'Time'], ['jobName', 'Job'], ['state', 'State'], ['ip', 'Server'], ['instanceId', 'Instance'],
      ['executionSource', 'Source'], ['taskId', 'Task']],
  };
  const FIELDS = { executions: ['jobName', 'ip', 'instanceId', 'shardingItem', 'success', 'executionSource'],
    status: ['jobName', 'ip', 'instanceId', 'state', 'executionSource'] };
  const params = new URLSearchParams(window.location.search);
  let view = params.get('view') === 'status' ? 'status' : 'executions';
  let page = Math.max(1, parseInt(params.get('page'), 10) || 1);

  // the event-trace database: shown to everyone (URL without credentials), set and cleared by an admin
  const database = await api('GET', '/api/history/database');
  if (database.ok) {
    const pool = database.data.pool || {};
    document.getElementById('database-current').textContent = database.data.configured
      ? database.data.url + (database.data.passwordSet ? ' (password set)' : '') + ' — from the ' + database.data.source
        + (pool.max ? ' · pool: ' + pool.active + ' busy, ' + pool.idle + ' idle of ' + pool.max : '')
      : 'none';
    if (!database.data.configured) document.getElementById('database').open = Console.isAdmin();
  }
  if (!Console.isAdmin()) {
    document.getElementById('database-form').remove();
  } else {
    document.getElementById('database-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { url: document.getElementById('database-url').value.trim(),
        username: document.getElementById('database-username').value, password: document.getElementById('database-password').value };
      const result = await api('PUT', '/api/history/database', body);
      if (result.ok) window.location.reload();
      else message(errorText(result) + (result.data && result.data.fieldErrors ? ' — ' + Object.values(result.data.fieldErrors).join('; ') : ''), 'error');
    });
    document.getElementById('database-clear').addEventListener('click', async () => {
      if (!window.confirm('Forget the event-trace database? The history screens go off.')) return;
      const result = await api('DELETE', '/api/history/database');
      if (result.ok) window.location.reload();
      else message(errorText(result), 'error');
    });
  }

  const status = await api('GET', '/api/history');
  if (!status.ok || !status.data.configured) {
    form.hidden = true;
    pager.hidden = true;
    document.querySelectorAll('table, .tabs').forEach((node) => { node.hidden = true; });
    message(status.ok ? 'Event tracing is not configured: an admin sets the database the jobs trace to above '
      + '(or cronshard.console.tracing.url).' : errorText(status), 'info');
    Console.loaded();
    return;
  }

  // datetime-local (this browser's time zone) <-> ISO instant for the API
  const toInstant = (local) => (local ? new Date(local).toISOString() : '');
  const toLocal = (iso) => {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().substring(0, 19);
  };
  const when = (iso) => time(iso, true);

  // a stack trace as its first line (the exception and its message), expandable to the whole
  function cause(text) {
    if (!text) return '';
    const lines = text.replace(/\s+$/, '').split('\n');
    if (lines.length === 1) return el('span', { class: 'failure-line', title: lines[0], text: lines[0] });
    return el('details', { class: 'cause' }, el('summary', { title: lines[0], text: lines[0] }), el('pre', { text: lines.slice(1).join('\n') }));
  }

  function fillSorts() {
    const select = document.getElementById('f-sort');
    select.replaceChildren(...SORTS[view].map(([value, label]) => el('option', { value, text: label })));
  }

  function showView() {
    document.querySelectorAll('.view-executions').forEach((node) => { node.hidden = view !== 'executions'; });
    document.querySelectorAll('.view-status').forEach((node) => { node.hidden = view !== 'status'; });
    document.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('active', b.dataset.view === view));
  }

  function query() {
    const q = new URLSearchParams();
    FIELDS[view].forEach((name) => {
      const value = form.elements[name].value.trim();
      if (value) q.set(name, value);
    });
    ['from', 'to'].forEach((name) => {
      const value = toInstant(form.elements[name].value);
      if (value) q.set(name, value);
    });
    q.set('sort', form.elements.sort.value);
    q.set('order', form.elements.order.value);
    q.set('size', form.elements.size.value);
    q.set('page', String(page));
    return q;
  }

  function executionRow(r) {
    return el('tr', { 'data-id': r.id, 'data-job': r.jobName },
      el('td', { class: 'small nowrap', text: when(r.startTime) }),
      el('td', { class: 'small nowrap', text: when(r.completeTime) }),
      el('td', { class: 'num duration', text: duration(r.durationMillis) }),
      el('td', { class: 'nowrap' }, el('a', { href: '/job.html?job=' + encodeURIComponent(r.jobName), text: r.jobName })),
      el('td', { class: 'num', text: r.shardingItem }),
      el('td', { class: 'mono', text: r.ip }),
      el('td', { class: 'mono small', text: r.instanceId }),
      el('td', { text: r.executionSource }),
      el('td', { class: 'result' }, el('span', { class: 'badge status-' + r.success, text: r.success ? 'success' : 'failure' })),
      el('td', { class: 'cause' }, cause(r.failureCause)));
  }

  function statusRow(r) {
    return el('tr', { 'data-id': r.id, 'data-job': r.jobName },
      el('td', { class: 'small nowrap', text: when(r.creationTime) }),
      el('td', {}, el('a', { href: '/job.html?job=' + encodeURIComponent(r.jobName), text: r.jobName })),
      el('td', { class: 'state' }, badge(r.state)),
      el('td', { class: 'mono', text: r.shardingItems }),
      el('td', { class: 'mono', text: r.ip }),
      el('td', { class: 'mono small', text: r.instanceId }),
      el('td', { text: r.executionSource }),
      el('td', { class: 'small', text: r.message || '' }),
      el('td', { class: 'mono small', text: r.taskId }));
  }

  async function search() {
    const q = query();
    const path = view === 'executions' ? '/api/history/executions' : '/api/history/status-traces';
    const result = await api('GET', path + '?' + q.toString());
    const body = document.querySelector((view === 'executions' ? '#executions' : '#status-traces') + ' tbody');
    if (!result.ok) {
      const fields = result.data && result.data.fieldErrors ? Object.entries(result.data.fieldErrors).map(([k, v]) => k + ': ' + v) : [];
      message(errorText(result) + (fields.length ? ' — ' + fields.join('; ') : ''), 'error');
      // nothing of the previous answer stays on screen as if it answered this query
      body.replaceChildren(el('tr', {}, el('td', { colspan: 10, class: 'empty', text: 'The query failed: no rows shown.' })));
      document.getElementById('count').textContent = '';
      document.getElementById('page-info').textContent = '';
      document.getElementById('prev').disabled = true;
      document.getElementById('next').disabled = true;
      return;
    }
    message('');
    const data = result.data;
    const urlParams = new URLSearchParams(q);
    urlParams.set('view', view);
    window.history.replaceState(null, '', '/history.html?' + urlParams.toString());
    body.replaceChildren(...data.items.map(view === 'executions' ? executionRow : statusRow));
    if (!data.items.length) body.append(el('tr', {}, el('td', { colspan: 10, class: 'empty', text: 'No rows match.' })));
    document.getElementById('count').textContent = data.total + (data.total === 1 ? ' row' : ' rows');
    document.getElementById('page-info').textContent = 'Page ' + data.page + ' of ' + Math.max(1, data.totalPages);
    document.getElementById('prev').disabled = data.page <= 1;
    document.getElementById('next').disabled = data.page >= data.totalPages;
  }

  // initial state from the URL (links to this page may carry filters, e.g. ?jobName=orders)
  fillSorts();
  [...FIELDS.executions, ...FIELDS.status, 'order', 'size'].forEach((name) => {
    if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
  });
  if (params.has('sort')) form.elements.sort.value = params.get('sort');
  if (!form.elements.sort.value) form.elements.sort.selectedIndex = 0;
  ['from', 'to'].forEach((name) => { if (params.has(name)) form.elements[name].value = toLocal(params.get(name)); });
  showView();

  form.addEventListener('submit', (event) => { event.preventDefault(); page = 1; search(); });
  document.getElementById('clear-filters').addEventListener('click', () => { form.reset(); fillSorts(); page = 1; search(); });
  document.getElementById('prev').addEventListener('click', () => { page = Math.max(1, page - 1); search(); });
  document.getElementById('next').addEventListener('click', () => { page += 1; search(); });
  document.querySelectorAll('.tabs button').forEach((button) => button.addEventListener('click', () => {
    if (view === button.dataset.view) return;
    view = button.dataset.view;
    page = 1;
    fillSorts();
    showView();
    search();
  }));
  search().finally(Console.loaded);
})();
