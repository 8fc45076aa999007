// A command's local output files: a download of them (a zip from GET /command/<uuid>/output) and a preview of
// the first lines of its first csv or json file. Only for commands of the local-file sinks; the service decides
// which files (the command's own), the page never names one.
import { api } from './api.js';
import { h } from './dom.js';

const LOCAL = ['json', 'csv', 'avro', 'parquet', 'orc'];

/** Whether the command (its details) writes local files the service can serve. */
export const writesLocalFiles = (details) => (details?.connectors ?? [details?.service]).some((s) => LOCAL.includes(s));

export class OutputPanel {
  #el = (id) => document.getElementById(id);
  #uuid = null;
  #loadedAt = '';

  constructor() {
    this.#el('output-download').addEventListener('click', (e) => {
      e.preventDefault();
      this.#download();
    });
  }

  hide() {
    this.#uuid = null;
    this.#loadedAt = '';
    this.#el('output-card').hidden = true;
  }

  /** Shows the panel of a command that wrote local files, re-reading the preview as batches complete. */
  async update(uuid, details, view) {
    if (!writesLocalFiles(details) || !view || view.batchesCompleted === 0) return this.hide();
    // Again when a batch completes, and at the end (a single-file layout's file is assembled then).
    const stage = `${view.batchesCompleted}:${view.status}`;
    if (this.#uuid === uuid && this.#loadedAt === stage) return;
    this.#uuid = uuid;
    this.#loadedAt = stage;
    const link = this.#el('output-download');
    link.href = `/command/${uuid}/output`;
    link.setAttribute('download', `datagen-${uuid}.zip`);
    this.#el('output-card').hidden = false;
    try {
      const preview = await api.outputPreview(uuid);
      if (uuid !== this.#uuid) return;
      this.#el('output-file').textContent = `First lines of ${preview.file}${preview.truncated ? '' : ' (the whole file)'}`;
      this.#el('output-preview').replaceChildren(...preview.lines.map((line) => h('li', {}, h('code', {}, line))));
    } catch (err) {
      if (uuid !== this.#uuid) return;
      this.#el('output-file').textContent = err.status === 404 ? 'No file on disk yet (a single file is assembled when the command ends).' : err.message;
      this.#el('output-preview').replaceChildren();
    }
  }

  /** Fetched rather than followed, so the page's sign-in (an Authorization header) goes with it. */
  async #download() {
    const link = this.#el('output-download');
    try {
      const blob = await api.download(link.getAttribute('href'));
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: link.getAttribute('download'), hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      this.#el('output-file').textContent = err.message;
    }
  }
}
