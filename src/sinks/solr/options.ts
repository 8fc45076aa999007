/**
 * The Solr sink's options, read and checked once (validate): the node's URL, the collection and its layout
 * (SOLR_SHARDS, SOLR_REPLICAS), the columns the document id is made of, basic-auth credentials. Kerberos
 * (SOLR_USE_KERBEROS) is refused: this sink speaks HTTP with basic authentication only.
 */
import { BadRequestError } from '../../errors.js';
import type { SinkContext } from '../types.js';
import { booleanSetting, intSetting, requiredProperty, setting } from '../kafka/settings.js';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';

/** Solr's rule for collection names (letters, digits, _ . -; not starting with - or .). */
const LEGAL_COLLECTION = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** Field names Solr accepts without quoting in queries, and that our schema may declare. */
const LEGAL_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface SolrSinkOptions {
  /** The node's base URL, http(s)://host:port/solr, without a trailing slash or user-info. */
  url: string;
  collection: string;
  shards: number;
  replicas: number;
  /** Columns the document id is made of (joined by "|"); none: derived from command, batch and row. */
  keyColumns: string[];
  /** The Authorization header's value, when SOLR_USER and SOLR_PASSWORD are given. */
  authorization?: string;
  deletePrevious: boolean;
}

export function solrOptions(ctx: SinkContext): SolrSinkOptions {
  const raw = requiredProperty(ctx, 'SOLR_URL', 'solr');
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = new URL('invalid:');
  }
  if (!/^https?:$/.test(parsed.protocol) || !parsed.hostname) {
    throw new BadRequestError(`SOLR_URL "${redactUrlUserInfo(raw)}" must be an http(s) URL of a Solr node, e.g. http://host:8983/solr`, { field: 'SOLR_URL' });
  }
  if (booleanSetting(ctx, 'Table_Names', 'SOLR_USE_KERBEROS', false)) {
    throw new BadRequestError('Table_Names.SOLR_USE_KERBEROS=true is not supported: the solr sink authenticates with SOLR_USER and SOLR_PASSWORD (basic authentication)', { field: 'Table_Names.SOLR_USE_KERBEROS' });
  }
  const collection = setting(ctx, 'Table_Names', 'SOLR_COLLECTION') ?? ctx.model.name;
  if (!LEGAL_COLLECTION.test(collection)) {
    throw new BadRequestError(`Table_Names.SOLR_COLLECTION "${collection}" is not a legal Solr collection name (letters, digits, _ . -; not starting with . or -)`, { field: 'Table_Names.SOLR_COLLECTION' });
  }
  for (const c of ctx.columns) {
    if (!LEGAL_FIELD.test(c.name) || c.name === '_version_') {
      throw new BadRequestError(`column "${c.name}" cannot be a Solr field (letters, digits and _, not starting with a digit; not _version_)`, { field: `Fields.${c.name}` });
    }
  }
  const keyColumns = (setting(ctx, 'Options', 'SOLR_PRIMARY_KEY') ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  for (const c of keyColumns) {
    if (!ctx.columns.some((col) => col.name === c)) {
      throw new BadRequestError(`Options.SOLR_PRIMARY_KEY names "${c}", which is not an output column (${ctx.columns.map((col) => col.name).join(', ')})`, { field: 'Options.SOLR_PRIMARY_KEY' });
    }
  }
  // A column named id is Solr's uniqueKey: it is the document id unless SOLR_PRIMARY_KEY says otherwise.
  if (keyColumns.length === 0 && ctx.columns.some((c) => c.name === 'id')) keyColumns.push('id');
  if (ctx.columns.some((c) => c.name === 'id') && keyColumns.join(',') !== 'id') {
    throw new BadRequestError('a column named id is Solr\'s document id: Options.SOLR_PRIMARY_KEY must then be unset or id', { field: 'Options.SOLR_PRIMARY_KEY' });
  }
  const user = setting(ctx, 'Table_Names', 'SOLR_USER');
  const password = ctx.settings.properties.SOLR_PASSWORD;
  return {
    url: `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`,
    collection,
    shards: intSetting(ctx, 'Options', 'SOLR_SHARDS', 1),
    replicas: intSetting(ctx, 'Options', 'SOLR_REPLICAS', 1),
    keyColumns,
    ...(user !== undefined && password ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : {}),
    deletePrevious: booleanSetting(ctx, 'Options', 'DELETE_PREVIOUS', false),
  };
}
