// The login form, shown when the service answers 401 (users are configured and this tab has not signed in).
// HTTP Basic under the hood: api.js keeps the Authorization value in sessionStorage and sends it with each call.
// A successful sign-in reloads the page, so every view starts again with the caller's role.
import { api, auth } from './api.js';

export class Login {
  #el = (id) => document.getElementById(id);
  #shown = false;

  constructor() {
    window.addEventListener('datagen:unauthorized', () => this.show());
    this.#el('login-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#submit();
    });
    this.#el('sign-out').addEventListener('click', () => {
      auth.clear();
      location.reload();
    });
  }

  /** Says who is signed in (the top bar), when this tab signed in through the form. */
  async greet() {
    if (!auth.get()) return;
    const me = await api.me().catch(() => null);
    if (!me) return;
    this.#el('signed-in-name').textContent = `${me.name} (${me.role})`;
    this.#el('signed-in').hidden = false;
  }

  show() {
    if (this.#shown) return;
    this.#shown = true;
    // Whatever page was asked for stays in the address; only the form is shown.
    for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== 'login-view';
    this.#el('login-view').hidden = false;
    if (auth.get()) this.#message('error', 'Your sign-in is no longer accepted: sign in again.');
    auth.clear();
    this.#el('login-name').focus();
  }

  async #submit() {
    const name = this.#el('login-name').value.trim();
    const password = this.#el('login-password').value;
    auth.set(name, password);
    const button = this.#el('login-submit');
    button.disabled = true;
    try {
      await api.me();
      location.reload();
    } catch (err) {
      auth.clear();
      this.#message('error', err.status === 401 ? 'Wrong name or password.' : err.message);
      this.#el('login-password').select();
    } finally {
      button.disabled = false;
    }
  }

  #message(kind, text) {
    const el = this.#el('login-result');
    el.dataset.kind = kind;
    el.textContent = text;
  }
}
