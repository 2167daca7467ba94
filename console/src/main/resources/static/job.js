'use strict';

(async () => {
  const { api, el, badge, message, errorText, rcPath, confirmAndRun, isAdmin, time, relative, duration, healthBadge, setCell } = Console;
  const rc = await Console.init('jobs');
  const jobName = new URLSearchParams(window.location.search).get('job');
  document.getElementById('job-name').textContent = jobName || '(none)';
  document.title = jobName + ' · Cronshard console';
  if (!rc || !jobName) {
    message('No registry center or no job chosen.', 'error');
    Console.loaded();
    return;
  }
  const jobPath = '/jobs/' + encodeURIComponent(jobName);

  // ------------------------------------------------------------------ status, actions and items
  const actionsBox = document.getElementById('job-actions');
  let renderedStatus = null;
  function renderActions(job) {
    if (!isAdmin() || renderedStatus === job.status) return;
    renderedStatus = job.status;
    const button = (action, label, method, question, done) => el('button', {
      'data-action': action, text: label,
      onclick: () => confirmAndRun(question, method, rcPath(jobPath + (method === 'DELETE' ? '' : '/' + action)), done || refresh),
    });
    actionsBox.replaceChildren(
      button('trigger', 'Trigger', 'POST', 'Trigger ' + jobName + ' now?'),
      job.status === 'DISABLED'
        ? button('enable', 'Enable', 'POST', 'Enable ' + jobName + '?')
        : button('disable', 'Disable', 'POST', 'Disable ' + jobName + '?'),
      button('shutdown', 'Shut down', 'POST', 'Shut down every instance of ' + jobName + '?'),
      button('remove', 'Remove', 'DELETE', 'Remove ' + jobName + ' and everything it stores in ZooKeeper?', () => { window.location.href = '/jobs.html'; }));
  }

  // an item's recent durations: a small line chart per row, kept across refreshes and updated in place
  const sparklines = new Map();
  function sparkline(item, points) {
    let canvas = sparklines.get(item);
    if (!canvas) {
      canvas = el('canvas', { 'data-spark': item });
      sparklines.set(item, canvas);
    }
    Charts.show(canvas, 'line', {
      labels: points.map((p) => time(p.start, true)),
      datasets: [{ data: points.map((p) => p.millis), borderColor: Charts.COLORS.p95, borderWidth: 1.5, pointRadius: 2,
        pointBackgroundColor: points.map((p) => (p.success ? Charts.COLORS.success : Charts.COLORS.failure)), tension: 0.2 }],
    }, { plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => duration(c.parsed.y) } } },
      scales: { x: { display: false }, y: { display: false, beginAtZero: true } } });
    return canvas;
  }

  // the cells that change with every fire, refreshed in place
  function updateItem(tr, item) {
    if (!tr.dataset.item) return;
    const activity = item.activity;
    const run = activity && activity.lastRun;
    const runCell = tr.querySelector('td.last-run');
    if (!run) {
      setCell(runCell, 'none', [el('span', { class: 'muted', text: '–' })]);
    } else {
      setCell(runCell, run.start + run.success, [el('span', { class: 'when', text: time(run.start) }), ' ',
        el('span', { class: 'badge status-' + run.success, text: run.success ? 'success' : 'failure' }), ' ',
        el('span', { class: 'muted small', text: run.source }),
        run.failure ? el('div', { class: 'failure-line', title: run.failure, text: run.failure }) : null]);
    }
    const durationCell = tr.querySelector('td.last-duration');
    const durationText = run ? duration(run.durationMillis) : '–';
    if (durationCell.textContent !== durationText) durationCell.textContent = durationText;
    const next = activity && activity.nextFire;
    setCell(tr.querySelector('td.next-fire'), next || '-', next ? [el('span', { class: 'when', text: time(next) })] : [el('span', { class: 'muted', text: '–' })]);
    const sparkCell = tr.querySelector('td.sparkline');
    const points = (activity && activity.recentDurations) || [];
    if (!points.length) {
      setCell(sparkCell, 'none', [el('span', { class: 'muted', text: '–' })]);
    } else {
      const canvas = sparkline(item.item, points);
      if (canvas.parentElement === null || !sparkCell.contains(canvas)) {
        sparkCell.dataset.value = 'chart';
        sparkCell.replaceChildren(el('div', { class: 'spark-box' }, canvas));
        Chart.getChart(canvas).resize();
      }
    }
    const conditions = activity && activity.conditions;
    setCell(tr.querySelector('td.conditions'), JSON.stringify(conditions || null), conditionChips(item.item, conditions));
    const signals = (activity && activity.signals) || [];
    tr.classList.toggle('signal-failing', signals.some((s) => s.kind === 'FAILING'));
    tr.title = signals.map((s) => s.message).join('\n');
  }

  // ------------------------------------------------------------------ an item's conditions (ZooKeeper, now)
  const OVERDUE_REASONS = { TIMEOUT: ['timeout', 'past its timeout (itemTimeoutMillis)'],
    USUAL_DURATION: ['usual duration', 'far past its usual duration'] };
  const chip = (condition, text, title) => el('span', { class: 'chip chip-' + condition, 'data-condition': condition, text, title });
  function conditionChips(item, conditions) {
    if (!conditions) return [el('span', { class: 'muted', text: '–' })];
    const chips = [];
    const overdue = conditions.overdue;
    if (overdue) {
      const [short, long] = OVERDUE_REASONS[overdue.reason] || [overdue.reason.toLowerCase(), 'too long (' + overdue.reason + ')'];
      chips.push(chip('overdue', 'overdue: ' + short, 'Its body runs ' + long + (overdue.instanceId ? ' on ' + overdue.instanceId : '')
        + (overdue.reason === 'TIMEOUT' ? ' and ignores the interrupt' : '') + '; nothing else runs the item until it returns'));
      if (overdue.since) chips.push(el('div', { class: 'overdue-since small', text: 'running since ' + time(overdue.since) }));
    }
    if (conditions.noLiveOwner) chips.push(chip('no-live-owner', 'no live owner', 'Its owner is not a live instance: resharding is due'));
    if (conditions.misfirePending) chips.push(chip('misfire', 'misfire pending', 'A fire was missed while it ran: it runs once more when it ends'));
    if (conditions.failover) chips.push(chip('failover', 'failover', 'It runs on a survivor after its owner crashed'));
    if (conditions.checkpoint) {
      chips.push(chip('checkpoint', 'checkpoint', 'A run saved a checkpoint: the next run resumes from it'),
        el('button', { class: 'link small', 'data-action': 'view-checkpoint', text: 'view', title: 'Show item ' + item + '\'s checkpoint',
          onclick: () => showCheckpoint(item) }));
    }
    return chips.length ? chips : [el('span', { class: 'muted', text: 'none' })];
  }

  // ------------------------------------------------------------------ an item's checkpoint: view and clear
  const checkpointBox = document.getElementById('checkpoint');
  const checkpointField = (name) => document.getElementById('checkpoint-' + name);
  let checkpointItem = null;
  function renderCheckpoint(item, checkpoint, absentText) {
    checkpointItem = item;
    checkpointBox.hidden = false;
    checkpointBox.dataset.item = item;
    checkpointField('item').textContent = item;
    checkpointField('instance').textContent = checkpoint ? checkpoint.instanceId || 'unknown (written by hand)' : '–';
    checkpointField('saved-at').textContent = checkpoint && checkpoint.savedAt ? time(checkpoint.savedAt, true) + ' (' + relative(checkpoint.savedAt) + ')' : '–';
    checkpointField('token').textContent = checkpoint ? (checkpoint.fencingToken || 'unknown') : '–';
    checkpointField('size').textContent = checkpoint ? checkpoint.checkpoint.length + ' characters' : '–';
    checkpointField('text').hidden = !checkpoint;
    checkpointField('text').textContent = checkpoint ? checkpoint.checkpoint : '';
    checkpointField('none').hidden = !!checkpoint;
    checkpointField('none').textContent = absentText || '';
    checkpointField('clear').hidden = !checkpoint || !isAdmin();
  }
  async function showCheckpoint(item) {
    const result = await api('GET', rcPath(jobPath + '/items/' + item + '/checkpoint'));
    renderCheckpoint(item, result.ok ? result.data : null, result.status === 404 ? 'Item ' + item + ' has no checkpoint: its next run starts afresh.'
      : errorText(result));
    checkpointBox.scrollIntoView({ block: 'nearest' });
  }
  checkpointField('clear').addEventListener('click', () => {
    const item = checkpointItem;
    confirmAndRun('Clear the checkpoint of item ' + item + ' so that its next run starts afresh?', 'DELETE',
      rcPath(jobPath + '/items/' + item + '/checkpoint'), () => {
        renderCheckpoint(item, null, 'Cleared: item ' + item + '\'s next run starts afresh.');
        refresh();
      });
  });
  checkpointField('reload').addEventListener('click', () => showCheckpoint(checkpointItem));
  checkpointField('close').addEventListener('click', () => { checkpointBox.hidden = true; });

  async function refresh() {
    const [result, activityResult] = await Promise.all([api('GET', rcPath(jobPath)), api('GET', rcPath(jobPath + '/activity'))]);
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    const { job, items, servers, instances } = result.data;
    const activity = activityResult.ok ? activityResult.data : null;
    renderInstanceChoice(instances || []);
    const health = activity ? activity.job.health : job.status;
    const statusBox = document.getElementById('job-status');
    if (statusBox.dataset.value !== health + job.status) {
      statusBox.dataset.value = health + job.status;
      statusBox.replaceChildren(healthBadge(health, job.status));
    }
    document.getElementById('job-summary').textContent = 'cron ' + (job.cron || '–') + ' · ' + job.shardingTotalCount + ' items · '
      + job.instanceCount + ' instances · servers: ' + (servers.join(', ') || '–');
    const note = document.getElementById('history-note');
    const reason = activity ? (activity.history.available ? null : activity.history.reason) : errorText(activityResult);
    note.hidden = !reason;
    note.textContent = reason ? 'Last runs and durations: ' + reason + '.' : '';
    const facts = activity ? activity.job : {};
    document.getElementById('job-last-fire').textContent = facts.lastFire ? time(facts.lastFire.time) + ' · '
      + (facts.lastFire.result === 'SUCCESS' ? 'success' : 'failure (items ' + facts.lastFire.failedItems.join(', ') + ')') : '–';
    const scheduled = document.getElementById('job-last-scheduled');
    scheduled.textContent = !facts.lastFire && facts.lastScheduledFire ? '(the cron\'s last time: ' + time(facts.lastScheduledFire) + ')' : '';
    scheduled.title = scheduled.textContent ? 'When the cron was last due: not whether the job ran then (the event-trace database records runs)' : '';
    document.getElementById('job-next-fire').textContent = facts.nextFire ? time(facts.nextFire) + ' (' + relative(facts.nextFire) + ')' : '–';
    document.getElementById('job-last-hour').textContent = facts.lastHour ? facts.lastHour.executions + ' runs, ' + facts.lastHour.failures
      + ' failed, p50 ' + duration(facts.lastHour.durationMillis.p50) + ', p95 ' + duration(facts.lastHour.durationMillis.p95) : '–';
    renderActions(job);
    const itemActivity = new Map(((activity && activity.items) || []).map((each) => [each.item, each]));
    const rows = items.map((item) => ({ ...item, activity: itemActivity.get(item.item) || null }));
    Console.renderRows(document.querySelector('#items tbody'), rows, (item) => item.item, (item) => el('tr', { 'data-item': item.item },
      el('td', { class: 'num', text: item.item }),
      el('td', { text: item.serverIp || '–' }),
      el('td', { class: 'mono', text: item.instanceId || '–' }),
      el('td', { class: 'status' }, badge(item.status)),
      el('td', { class: 'conditions' }),
      el('td', { class: 'last-run' }),
      el('td', { class: 'num last-duration' }),
      el('td', { class: 'next-fire nowrap' }),
      el('td', { class: 'sparkline' }),
      el('td', { class: 'actions admin-only' }, isAdmin() ? el('button', {
        'data-action': item.status === 'DISABLED' ? 'enable-item' : 'disable-item',
        text: item.status === 'DISABLED' ? 'Enable' : 'Disable',
        onclick: () => confirmAndRun((item.status === 'DISABLED' ? 'Enable' : 'Disable') + ' item ' + item.item + '?', 'POST',
          rcPath(jobPath + '/items/' + item.item + (item.status === 'DISABLED' ? '/enable' : '/disable')), refresh),
      }) : null)), 'No items.', 10, updateItem);
  }

  // ------------------------------------------------------------------ configuration
  const form = document.getElementById('config');
  const FIELDS = [
    ['shardingTotalCount', 'Sharding total count', 'number'], ['cron', 'Cron', 'text'], ['timeZone', 'Time zone', 'text'],
    ['shardingItemParameters', 'Sharding item parameters', 'text'], ['jobParameter', 'Job parameter', 'text'],
    ['description', 'Description', 'text'], ['monitorExecution', 'Monitor execution', 'checkbox'],
    ['failover', 'Failover', 'checkbox'], ['misfire', 'Misfire', 'checkbox'], ['disabled', 'Disabled', 'checkbox'],
    ['overwrite', 'Overwrite', 'checkbox'], ['maxTimeDiffSeconds', 'Max time diff (s)', 'number'],
    ['reconcileIntervalMinutes', 'Reconcile interval (min)', 'number'],
    ['itemRetries', 'Item retries', 'number', { group: 'Execution control', unit: 'retries',
      help: '0 (default) to 100: how often an item whose run threw is run again, on the same instance, before its error handler hears of it' }],
    ['itemRetryBackoffMillis', 'Retry backoff', 'number', { unit: 'ms',
      help: '0 to 60000 (default 1000): the wait before the first retry; doubled after each try, at most 60 s' }],
    ['itemTimeoutMillis', 'Item timeout', 'number', { unit: 'ms',
      help: '0 (default) for none, at most 604800000 (7 days): past it the item\'s thread is interrupted and the try fails; a body that ignores the interrupt is marked overdue' }],
    ['keepCheckpointOnSuccess', 'Keep checkpoint on success', 'checkbox', {
      help: 'Off (default): a run that completes normally clears its item\'s checkpoint, so that the next run starts afresh' }],
    ['jobShardingStrategyType', 'Sharding strategy', 'text'],
    ['jobExecutorServiceHandlerType', 'Executor service handler', 'text'], ['jobErrorHandlerType', 'Error handler', 'text'],
    ['jobListenerTypes', 'Listener types (comma separated)', 'text'], ['props', 'Properties (key=value per line)', 'textarea'],
  ];
  const fieldsBox = document.getElementById('config-fields');
  // a unit after the input: for milliseconds, with what the value reads as ('ms = 1.50 s')
  function unitBox(name, unit, input) {
    const box = el('span', { class: 'unit', id: 'unit-' + name, text: unit });
    if (unit === 'ms') {
      const update = () => {
        const millis = /^\s*\d+\s*$/.test(input.value) ? Number(input.value) : null;
        box.textContent = 'ms' + (millis !== null && millis >= 1000 ? ' = ' + (millis >= 86400000 ? (millis / 86400000).toFixed(1) + ' d'
          : millis >= 3600000 ? (millis / 3600000).toFixed(1) + ' h' : duration(millis)) : '');
      };
      input.addEventListener('input', update);
      input.updateUnit = update;
    }
    return box;
  }
  FIELDS.forEach(([name, label, type, extra]) => {
    const options = extra || {};
    const input = type === 'textarea'
      ? el('textarea', { id: 'field-' + name, name, rows: 3 })
      : el('input', { id: 'field-' + name, name, type: type === 'number' ? 'text' : type, inputmode: type === 'number' ? 'numeric' : null,
        'aria-describedby': options.help ? 'help-' + name : null });
    if (!isAdmin()) input.disabled = true;
    if (options.group) fieldsBox.append(el('h3', { class: 'field-group', text: options.group }));
    fieldsBox.append(el('div', { class: 'field', 'data-field': name },
      el('label', { for: 'field-' + name, text: label }),
      options.unit ? el('span', { class: 'with-unit' }, input, unitBox(name, options.unit, input)) : input,
      el('span', { class: 'field-error', id: 'error-' + name }),
      options.help ? el('span', { class: 'field-help', id: 'help-' + name, text: options.help }) : null));
  });

  function clearErrors() {
    fieldsBox.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    fieldsBox.querySelectorAll('.field.invalid').forEach((e) => e.classList.remove('invalid'));
  }

  async function loadConfig() {
    const result = await api('GET', rcPath(jobPath + '/config'));
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    clearErrors();
    const config = result.data;
    FIELDS.forEach(([name, , type]) => {
      const input = document.getElementById('field-' + name);
      const value = config[name];
      if (type === 'checkbox') input.checked = !!value;
      else if (name === 'jobListenerTypes') input.value = (value || []).join(', ');
      else if (name === 'props') input.value = Object.entries(value || {}).map(([k, v]) => k + '=' + v).join('\n');
      else input.value = value === null || value === undefined ? '' : value;
      if (input.updateUnit) input.updateUnit();
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    FIELDS.forEach(([name, , type]) => {
      const input = document.getElementById('field-' + name);
      if (type === 'checkbox') body[name] = input.checked;
      else if (name === 'props') {
        body.props = {};
        input.value.split('\n').map((line) => line.trim()).filter((line) => line).forEach((line) => {
          const at = line.indexOf('=');
          body.props[at < 0 ? line : line.substring(0, at)] = at < 0 ? '' : line.substring(at + 1);
        });
      } else body[name] = input.value;
    });
    const result = await api('PUT', rcPath(jobPath + '/config'), body);
    clearErrors();
    if (result.ok) {
      message('Configuration saved.', 'info');
      await loadConfig();
      refresh();
      return;
    }
    const errors = (result.data && result.data.fieldErrors) || {};
    Object.entries(errors).forEach(([field, text]) => {
      const box = document.getElementById('error-' + field);
      if (box) {
        box.textContent = text;
        box.parentElement.classList.add('invalid');
      }
    });
    message(Object.keys(errors).length ? 'Not saved: fix the fields marked in red.' : errorText(result), 'error');
  });
  document.getElementById('config-reload').addEventListener('click', loadConfig);
  if (!isAdmin()) document.getElementById('config-save').remove();

  // ------------------------------------------------------------------ dump
  function renderInstanceChoice(instances) {
    const instanceChoice = document.getElementById('dump-instance');
    const current = [...instanceChoice.options].slice(1).map((option) => option.value);
    if (current.join('\n') === instances.join('\n')) return;
    const selected = instanceChoice.value;
    instanceChoice.replaceChildren(el('option', { value: '', text: 'ZooKeeper only' }),
      ...instances.map((id) => el('option', { value: id, text: 'as seen by instance ' + id })));
    instanceChoice.value = instances.includes(selected) ? selected : '';
  }
  document.getElementById('dump-button').addEventListener('click', async () => {
    const instance = document.getElementById('dump-instance').value;
    const result = await api('GET', rcPath(jobPath + '/dump' + (instance ? '?instance=' + encodeURIComponent(instance) : '')), undefined,
      { accept: 'text/plain' });
    const pre = document.getElementById('dump');
    pre.hidden = false;
    pre.textContent = result.ok ? result.data : errorText(result);
  });

  await loadConfig();
  Console.poll(refresh, 2000);
})();
