// Shareable state: everything that defines what is on screen lives in the
// URL hash (view, selection, focus, filters, period), so a link reopens it.
const listeners = [];

export function getState() {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  return Object.fromEntries(p.entries());
}

export function setState(patch, { replace = false } = {}) {
  const s = { ...getState(), ...patch };
  for (const k of Object.keys(s)) if (s[k] === '' || s[k] == null) delete s[k];
  const hash = '#' + new URLSearchParams(s).toString();
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  emit();
}

export function onState(fn) { listeners.push(fn); }
function emit() { const s = getState(); for (const fn of listeners) fn(s); }
window.addEventListener('popstate', emit);
window.addEventListener('hashchange', emit);
