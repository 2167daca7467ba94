// Cronshard console: shared helpers. Pages only call the REST API under /api; the server decides
// what each role may do (buttons are hidden for guests only as a convenience).
'use strict';

const Console = (() => {
  const RC_KEY = 'cronshard.console.registryCenter';
  let me = null;

  function csrfToken() {
    const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
    return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : null;
  }

  // options.accept: the media type asked for (default JSON; the dump endpoint answers text/plain only)
  async function api(method, path, body, options) {
    const headers = { Accept: (options && options.accept) || 'application/json' };
    if (method !== 'GET') {
      let token = csrfToken();
      if (!token) {
        await fetch('/api/me', { credentials: 'same-origin' });
        token = csrfToken();
      }
      if (token) headers['X-XSRF-TOKEN'] = token;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) {
      window.location.href = '/login';
      throw new Error('Not logged in');
    }
    const type = response.headers.get('Content-Type') || '';
    let data = null;
    if (response.status !== 204) {
      data = type.includes('json') ? await response.json() : await response.text();
    }
    return { status: response.status, ok: response.ok, data };
  }

  function errorText(result) {
    if (result.data && result.data.error) return result.data.error + ' (' + result.status + ')';
    if (result.status === 403) return 'Refused: your role may not do this (403).';
    return 'Failed (' + result.status + ')';
  }

  // el('td', {class: 'x', text: 'y'}, child...) — text always goes through textContent.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') node.textContent = value;
      else if (key === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(key, value === true ? '' : value);
    });
    children.flat().forEach((child) => {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function badge(status) {
    return el('span', { class: 'badge status-' + String(status).toLowerCase(), text: status });
  }

  function flag(value) {
    return el('span', { class: value ? 'flag on' : 'flag', text: value ? 'yes' : 'no' });
  }

  function message(text, kind) {
    const box = document.getElementById('message');
    if (!box) return;
    box.textContent = text || '';
    box.className = text ? 'message ' + (kind || 'info') : 'message';
  }

  function registryCenter() {
    return localStorage.getItem(RC_KEY);
  }

  function rcPath(path) {
    return '/api/registry-centers/' + encodeURIComponent(registryCenter()) + path;
  }

  async function confirmAndRun(question, method, path, done) {
    if (!window.confirm(question)) return;
    const result = await api(method, path);
    if (result.ok) {
      message('Done: ' + question.replace(/\?$/, ''), 'info');
      if (done) done();
    } else {
      message(errorText(result), 'error');
    }
  }

  function isAdmin() {
    return me && me.admin;
  }

  async function init(active) {
    const [meResult, rcResult] = await Promise.all([api('GET', '/api/me'), api('GET', '/api/registry-centers')]);
    me = meResult.data;
    const centers = rcResult.data || [];
    let current = registryCenter();
    if (!centers.some((c) => c.name === current)) {
      current = centers.length ? centers[0].name : null;
      if (current) localStorage.setItem(RC_KEY, current); else localStorage.removeItem(RC_KEY);
    }
    const select = el('select', { id: 'rc-select', title: 'Registry center' },
      centers.map((c) => el('option', { value: c.name, selected: c.name === current, text: c.name + ' (' + c.namespace + ')' })));
    select.addEventListener('change', () => { localStorage.setItem(RC_KEY, select.value); window.location.reload(); });
    const logout = el('button', { id: 'logout', class: 'link', text: 'Log out' });
    logout.addEventListener('click', async () => {
      await api('POST', '/logout');
      window.location.href = '/login?logout';
    });
    const nav = [['jobs', '/', 'Jobs'], ['servers', '/servers.html', 'Servers'], ['history', '/history.html', 'History'], ['registry', '/registry-centers.html', 'Registry centers']];
    document.body.prepend(el('header', {},
      el('a', { class: 'brand', href: '/', text: 'Cronshard' }),
      el('nav', {}, nav.map(([key, href, label]) => el('a', { href, class: key === active ? 'active' : null, text: label }))),
      el('div', { class: 'spacer' }),
      centers.length ? select : null,
      el('span', { id: 'user', class: 'user', text: me.username + ' · ' + (me.admin ? 'admin' : 'guest (read only)') }),
      logout));
    document.body.classList.toggle('guest', !me.admin);
    return current;
  }

  // Re-renders only the rows whose data changed, so that a refresh does not replace a button
  // under the user's pointer (nor an element a test holds).
  function renderRows(tbody, rows, keyOf, render, emptyText, columns) {
    const previous = new Map([...tbody.querySelectorAll('tr[data-key]')].map((tr) => [tr.dataset.key, tr]));
    const next = rows.map((row) => {
      const key = String(keyOf(row));
      const signature = JSON.stringify(row) + (isAdmin() ? 'a' : 'g');
      const old = previous.get(key);
      if (old && old.dataset.signature === signature) return old;
      const tr = render(row);
      tr.dataset.key = key;
      tr.dataset.signature = signature;
      return tr;
    });
    if (!rows.length) next.push(el('tr', {}, el('td', { colspan: columns, class: 'empty', text: emptyText })));
    const current = [...tbody.children];
    if (current.length !== next.length || current.some((tr, i) => tr !== next[i])) tbody.replaceChildren(...next);
  }

  function poll(fn, millis) {
    let timer = null;
    const tick = async () => {
      try { await fn(); } catch (e) { message('Refresh failed: ' + e.message, 'error'); }
      timer = setTimeout(tick, millis);
    };
    tick();
    return () => clearTimeout(timer);
  }

  return { api, el, badge, flag, message, errorText, registryCenter, rcPath, confirmAndRun, isAdmin, init, poll, renderRows };
})();
