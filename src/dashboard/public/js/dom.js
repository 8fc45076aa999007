// A tiny element builder: h('td', { class: 'num' }, 'text', childNode). No innerHTML, so no injection.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** A form field: its label, its control, the hint the control is described by (id `<id>-help`) if any, then `more`. */
export function labelled(id, label, control, hint, ...more) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { class: 'hint', id: `${id}-help` }, hint) : null, ...more);
}

/** Where the validator's message about `path` (a model path such as `Fields[0].min`) is shown. */
export function messageSlot(path, attrs = {}) {
  return h('p', { class: 'message', dataset: { path }, role: 'alert', ...attrs });
}

/** A status badge; the colour comes from the data-status attribute in the stylesheet. */
export function badge(status) {
  return h('span', { class: 'badge', 'data-status': status }, status);
}

/** An accessible progress bar (role=progressbar) whose fill width follows `percent`. */
export function progressBar(percent, label, status) {
  const bar = h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': label }, h('span'));
  setProgress(bar, percent, status);
  return bar;
}

export function setProgress(bar, percent, status) {
  const value = Math.max(0, Math.min(100, Number(percent) || 0));
  bar.setAttribute('aria-valuenow', value.toFixed(1));
  bar.dataset.status = status ?? '';
  bar.firstElementChild.style.width = `${value}%`;
}
