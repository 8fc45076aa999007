// Hash routing shared by every page: each page is a <section data-page="…"> in index.html; a route maps a hash
// (#/builder, #/commands/<uuid>, …) to the section to show and what to do on entering and leaving it.
// Nav links (<a data-nav="builder">) of pages that no view registered are hidden, so the nav never leads nowhere.
const routes = [];
let current;

/**
 * Registers a route. `pattern` is matched against the hash without '#' ("/builder"); its groups go to show().
 * `section` is the id of the page's element; `nav` the data-nav name its link carries (aria-current when shown).
 */
export function addRoute(pattern, { section, nav, title, show, hide }) {
  routes.push({ pattern, section, nav, title, show, hide });
}

/** The route for `hash`, or the first one registered (the home page) when none matches. */
function match(hash) {
  const path = hash.replace(/^#/, '') || '/';
  for (const route of routes) {
    const found = route.pattern.exec(path);
    if (found) return { route, args: found.slice(1) };
  }
  return { route: routes[0], args: [] };
}

function route() {
  const { route: next, args } = match(location.hash);
  if (current && current !== next) current.hide?.();
  current = next;
  for (const r of routes) document.getElementById(r.section).hidden = r.section !== next.section;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === next.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  next.show?.(...args);
  const title = typeof next.title === 'function' ? next.title(...args) : next.title;
  document.title = title ? `${title} · Datagen` : 'Datagen';
}

/** Shows the page of the current hash and follows later changes; call once, after every addRoute. */
export function startRouter() {
  const known = new Set(routes.map((r) => r.nav).filter(Boolean));
  for (const link of document.querySelectorAll('[data-nav]')) link.closest('li').hidden = !known.has(link.dataset.nav);
  window.addEventListener('hashchange', route);
  route();
}
