'use strict';

(async () => {
  const { api, el, message, errorText, rcPath, confirmAndRun, isAdmin, time, relative, healthBadge, setCell } = Console;
  const rc = await Console.init('jobs');
  const body = document.querySelector('#jobs tbody');
  if (!rc) {
    message('No registry center yet: add one on the Registry centers page.', 'info');
    Console.loaded();
    return;
  }

  function actions(job) {
    if (!isAdmin()) return el('td', { class: 'actions admin-only' });
    const name = job.jobName;
    const path = '/jobs/' + encodeURIComponent(name);
    const button = (action, label, method, question) => el('button', {
      'data-action': action, text: label,
      onclick: () => confirmAndRun(question, method, rcPath(path + (method === 'DELETE' ? '' : '/' + action)), refresh),
    });
    return el('td', { class: 'actions' },
      button('trigger', 'Trigger', 'POST', 'Trigger ' + name + ' now?'),
      job.status === 'DISABLED'
        ? button('enable', 'Enable', 'POST', 'Enable ' + name + '?')
        : button('disable', 'Disable', 'POST', 'Disable ' + name + '?'),
      button('shutdown', 'Shut down', 'POST', 'Shut down every instance of ' + name + '?'),
      button('remove', 'Remove', 'DELETE', 'Remove ' + name + ' and everything it stores in ZooKeeper?'));
  }

  // the cells that change with every fire, refreshed in place
  function updateActivity(tr, job) {
    if (!tr.dataset.job) return;
    const activity = job.activity || {};
    const health = activity.health || job.status;
    const statusCell = tr.querySelector('td.status');
    setCell(statusCell, health + '/' + job.status, [healthBadge(health, job.status)]);
    const last = activity.lastFire;
    const lastCell = tr.querySelector('td.last-fire');
    if (!last) {
      setCell(lastCell, activity.historyAvailable === false ? 'no-history' : 'none', [el('span', { class: 'muted', text: '–' })]);
    } else {
      const result = last.result === 'SUCCESS' ? 'success' : (last.failedItems.length + ' of ' + last.items + ' items failed');
      setCell(lastCell, last.time + last.result + result, [
        el('span', { class: 'when', text: time(last.time) }), ' ',
        el('span', { class: 'badge status-' + (last.result === 'SUCCESS' ? 'true' : 'false'), text: result })]);
    }
    const next = activity.nextFire;
    setCell(tr.querySelector('td.next-fire'), next ? next + relative(next) : '-' + job.status, next ? [el('span', { class: 'when', text: time(next) }), ' ',
      el('span', { class: 'muted small', text: relative(next) })] : [el('span', { class: 'muted', text: job.status === 'DISABLED' ? 'disabled' : '–' })]);
  }

  async function refresh() {
    const [result, activityResult] = await Promise.all([api('GET', rcPath('/jobs')), api('GET', rcPath('/activity'))]);
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    const activity = activityResult.ok ? activityResult.data : null;
    const note = document.getElementById('history-note');
    const reason = activity ? (activity.history.available ? null : activity.history.reason) : errorText(activityResult);
    note.hidden = !reason;
    note.textContent = reason ? 'Last fire and failures: ' + reason + '.' : '';
    const jobs = result.data.map((job) => ({ ...job, activity: activity && activity.jobs[job.jobName]
      ? { ...activity.jobs[job.jobName], historyAvailable: activity.history.available } : null }));
    document.getElementById('count').textContent = jobs.length + (jobs.length === 1 ? ' job' : ' jobs');
    Console.renderRows(body, jobs, (job) => job.jobName, (job) => el('tr', { 'data-job': job.jobName },
      el('td', { class: 'nowrap' }, el('a', { href: '/job.html?job=' + encodeURIComponent(job.jobName), text: job.jobName })),
      el('td', { class: 'status' }),
      el('td', { class: 'last-fire nowrap' }),
      el('td', { class: 'next-fire nowrap' }),
      el('td', { class: 'mono nowrap', text: job.cron || '' }),
      el('td', { class: 'num', text: job.shardingTotalCount }),
      el('td', { class: 'num', text: job.instanceCount }),
      el('td', { text: job.description || '' }),
      actions(job)), 'No jobs in this namespace.', 9, updateActivity);
  }

  Console.poll(refresh, 2000);
})();
