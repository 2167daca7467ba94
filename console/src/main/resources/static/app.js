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

  // ------------------------------------------------------------------ formatting (this browser's time zone)
  const pad = (n, width) => String(n).padStart(width || 2, '0');

  // '2025-03-01 10:00:01' (one line), with '.123' when millis is set
  function time(iso, millis) {
    if (!iso) return '–';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '–';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':'
      + pad(d.getSeconds()) + (millis ? '.' + pad(d.getMilliseconds(), 3) : '');
  }

  // '12 s ago', 'in 3 min'; 'due' for a fire time just reached (the page has not refreshed since)
  function relative(iso) {
    if (!iso) return '';
    const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
    if (seconds < 0 && seconds > -10) return 'due';
    const abs = Math.abs(seconds);
    const text = abs < 60 ? abs + ' s' : abs < 3600 ? Math.round(abs / 60) + ' min' : abs < 172800 ? Math.round(abs / 3600) + ' h'
      : Math.round(abs / 86400) + ' d';
    return seconds >= 0 ? 'in ' + text : text + ' ago';
  }

  // 850 ms, 1.2 s, 3.5 min
  function duration(millis) {
    if (millis === null || millis === undefined) return '–';
    if (millis < 1000) return millis + ' ms';
    if (millis < 60000) return (millis / 1000).toFixed(millis < 10000 ? 2 : 1) + ' s';
    return (millis / 60000).toFixed(1) + ' min';
  }

  // the status an operator should see: FAILING instead of OK when the latest runs failed
  function healthBadge(health, status) {
    const node = badge(health);
    if (status && status !== health) node.title = 'ZooKeeper status: ' + status;
    return node;
  }

  // replaces a node's children only when its text would change (keeps what a test or the pointer holds)
  function setCell(td, text, children) {
    const key = text + '';
    if (td.dataset.value === key) return;
    td.dataset.value = key;
    if (children) td.replaceChildren(...children.filter((child) => child !== null && child !== undefined));
    else td.textContent = text;
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
    const nav = [['dashboard', '/', 'Dashboard'], ['jobs', '/jobs.html', 'Jobs'], ['servers', '/servers.html', 'Servers'],
      ['history', '/history.html', 'History'], ['registry', '/registry-centers.html', 'Registry centers']];
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
  // under the user's pointer (nor an element a test holds); update(tr, row), when given, then
  // refreshes the fast-changing cells of every row in place.
  function renderRows(tbody, rows, keyOf, render, emptyText, columns, update) {
    const previous = new Map([...tbody.querySelectorAll('tr[data-key]')].map((tr) => [tr.dataset.key, tr]));
    const next = rows.map((row) => {
      const key = String(keyOf(row));
      const signature = JSON.stringify(row, (k, v) => (k === 'activity' ? undefined : v)) + (isAdmin() ? 'a' : 'g');
      const old = previous.get(key);
      if (old && old.dataset.signature === signature) return old;
      const tr = render(row);
      tr.dataset.key = key;
      tr.dataset.signature = signature;
      return tr;
    });
    if (update) rows.forEach((row, i) => update(next[i], row));
    if (!rows.length) next.push(el('tr', {}, el('td', { colspan: columns, class: 'empty', text: emptyText })));
    const current = [...tbody.children];
    if (current.length !== next.length || current.some((tr, i) => tr !== next[i])) tbody.replaceChildren(...next);
  }

  // marks the page as shown (body[data-loaded]) once its first data is on screen
  function loaded() {
    document.body.dataset.loaded = 'true';
  }

  function poll(fn, millis) {
    let timer = null;
    const tick = async () => {
      try { await fn(); } catch (e) { message('Refresh failed: ' + e.message, 'error'); }
      loaded();
      timer = setTimeout(tick, millis);
    };
    tick();
    return () => clearTimeout(timer);
  }

  function useRegistryCenter(name) {
    localStorage.setItem(RC_KEY, name);
  }

  return { api, el, badge, flag, message, errorText, registryCenter, useRegistryCenter, rcPath, confirmAndRun, isAdmin, init, poll,
    renderRows, time, relative, duration, healthBadge, setCell, loaded };
})();
