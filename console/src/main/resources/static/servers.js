'use strict';

(async () => {
  const { api, el, message, errorText, rcPath, confirmAndRun, isAdmin } = Console;
  const rc = await Console.init('servers');
  const body = document.querySelector('#servers tbody');
  if (!rc) {
    message('No registry center yet: add one on the Registry centers page.', 'info');
    Console.loaded();
    return;
  }

  function actions(server) {
    if (!isAdmin()) return el('td', { class: 'actions admin-only' });
    const ip = server.serverIp;
    const path = '/servers/' + encodeURIComponent(ip);
    const button = (action, label, question) => el('button', {
      'data-action': action, text: label,
      onclick: () => confirmAndRun(question, 'POST', rcPath(path + '/' + action), refresh),
    });
    return el('td', { class: 'actions' },
      button('disable', 'Disable', 'Disable server ' + ip + ' for all its jobs?'),
      button('enable', 'Enable', 'Enable server ' + ip + ' for all its jobs?'),
      button('shutdown', 'Shut down', 'Shut down every job instance on ' + ip + '?'));
  }

  async function refresh() {
    const result = await api('GET', rcPath('/servers'));
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    const servers = result.data;
    document.getElementById('count').textContent = servers.length + (servers.length === 1 ? ' server' : ' servers');
    Console.renderRows(body, servers, (server) => server.serverIp, (server) => el('tr', { 'data-server': server.serverIp },
      el('td', { class: 'mono', text: server.serverIp }),
      el('td', { class: 'mono small', text: server.instances.slice().sort().join(', ') || '–' }),
      el('td', {}, server.jobNames.slice().sort().map((job) => el('a', { class: 'tag', href: '/job.html?job=' + encodeURIComponent(job), text: job }))),
      el('td', { class: 'num disabled-count', text: server.disabledJobsNum }),
      el('td', { class: 'num', text: server.crashedJobsNum }),
      actions(server)), 'No servers in this namespace.', 6);
  }

  Console.poll(refresh, 2000);
})();
