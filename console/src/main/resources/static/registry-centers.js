'use strict';

(async () => {
  const { api, el, message, errorText, confirmAndRun, isAdmin } = Console;
  await Console.init('registry');
  const body = document.querySelector('#centers tbody');
  const form = document.getElementById('add-center');
  if (!isAdmin()) form.hidden = true;

  async function refresh() {
    const result = await api('GET', '/api/registry-centers');
    if (!result.ok) {
      message(errorText(result), 'error');
      return;
    }
    body.replaceChildren(...result.data.map((center) => el('tr', { 'data-center': center.name },
      el('td', { text: center.name }),
      el('td', { class: 'mono', text: center.serverLists }),
      el('td', { class: 'mono', text: center.namespace }),
      el('td', { text: center.digest ? 'set (not shown)' : '–' }),
      el('td', { class: 'actions' },
        el('button', {
          text: 'Use', 'data-action': 'use',
          onclick: () => { localStorage.setItem('cronshard.console.registryCenter', center.name); window.location.href = '/'; },
        }),
        isAdmin() ? el('button', {
          text: 'Remove', 'data-action': 'remove',
          onclick: () => confirmAndRun('Forget registry center ' + center.name + '?', 'DELETE',
            '/api/registry-centers/' + encodeURIComponent(center.name), () => window.location.reload()),
        }) : null))));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(form).entries());
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    message('Connecting…', 'info');
    const result = await api('POST', '/api/registry-centers', body);
    if (result.ok) {
      localStorage.setItem('cronshard.console.registryCenter', result.data.name);
      window.location.reload();
      return;
    }
    Object.entries((result.data && result.data.fieldErrors) || {}).forEach(([field, text]) => {
      const box = document.getElementById('error-' + field);
      if (box) box.textContent = text;
    });
    message(errorText(result), 'error');
  });

  refresh().finally(Console.loaded);
})();
