'use strict';

(async () => {
  const { api, el, badge, message, errorText, rcPath, confirmAndRun, isAdmin } = Console;
  const rc = await Console.init('jobs');
  const body = document.querySelector('#jobs tbody');
  if (!rc) {
    message('No registry center yet: add one on the Registry centers page.', 'info');
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

  async function refresh() {
    const result = await api('GET', rcPath('/jobs'));
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    const jobs = result.data;
    document.getElementById('count').textContent = jobs.length + (jobs.length === 1 ? ' job' : ' jobs');
    Console.renderRows(body, jobs, (job) => job.jobName, (job) => el('tr', { 'data-job': job.jobName },
      el('td', {}, el('a', { href: '/job.html?job=' + encodeURIComponent(job.jobName), text: job.jobName })),
      el('td', { class: 'status' }, badge(job.status)),
      el('td', { class: 'mono', text: job.cron || '' }),
      el('td', { class: 'num', text: job.shardingTotalCount }),
      el('td', { class: 'num', text: job.instanceCount }),
      el('td', { text: job.description || '' }),
      actions(job)), 'No jobs in this namespace.', 7);
  }

  Console.poll(refresh, 2000);
})();
