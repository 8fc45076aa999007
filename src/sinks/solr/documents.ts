/**
 * Rows → Solr JSON update bodies, and the schema that types their fields. Each column's field is declared from its
 * storage kind (src/sinks/files/column-kinds.ts), so values are indexed typed: ints as pint, longs as plong (written
 * as exact JSON integers, past 2^53 too), floats as pdouble, booleans, TIMESTAMP and DATE as pdate (ISO-8601 UTC),
 * bytes as binary (base64), everything else (BIRTHDATE's yyyy-MM-dd too) as string. The uniqueKey `id` is the key columns' text forms joined by
 * "|", or "<command>-<batch>-<row>": deterministic, so a redelivered batch replaces its own documents.
 */
import { asBoolean, asBytes, asDouble, asEpochMillis, asInt32, asInt64, asString, columnKind, convertValue, type ColumnKind } from '../files/column-kinds.js';
import type { Column, Row, Value } from '../../model/types.js';
import { rowKeyOf } from '../hbase/rows.js';

const SOLR_TYPE: Record<ColumnKind, string> = {
  string: 'string', int32: 'pint', int64: 'plong', double: 'pdouble', boolean: 'boolean', bytes: 'binary', timestamp: 'pdate', date: 'string',
};

export function solrFieldType(column: Column): string {
  return SOLR_TYPE[columnKind(column.type)];
}

const FIELD_TYPES = `  <fieldType name="string" class="solr.StrField" sortMissingLast="true" docValues="true"/>
  <fieldType name="boolean" class="solr.BoolField" sortMissingLast="true"/>
  <fieldType name="pint" class="solr.IntPointField" docValues="true"/>
  <fieldType name="plong" class="solr.LongPointField" docValues="true"/>
  <fieldType name="pdouble" class="solr.DoublePointField" docValues="true"/>
  <fieldType name="pdate" class="solr.DatePointField" docValues="true"/>
  <fieldType name="binary" class="solr.BinaryField"/>`;

/** schema.xml of the collection's configset: the uniqueKey id, _version_, and one typed stored field per column. */
export function schemaXml(columns: Column[]): string {
  const fields = columns
    .filter((c) => c.name !== 'id')
    .map((c) => `  <field name="${c.name}" type="${solrFieldType(c)}" indexed="true" stored="true"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by datagen-ts's solr sink from the model's field types. -->
<schema name="datagen" version="1.6">
  <uniqueKey>id</uniqueKey>
${FIELD_TYPES}
  <field name="id" type="string" indexed="true" stored="true" required="true"/>
  <field name="_version_" type="plong" indexed="false" stored="false"/>
${fields.join('\n')}
</schema>
`;
}

/** solrconfig.xml of the collection's configset: the classic schema above, an update log (SolrCloud needs it), /select. */
export const SOLR_CONFIG_XML = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by datagen-ts's solr sink. -->
<config>
  <luceneMatchVersion>9.0</luceneMatchVersion>
  <schemaFactory class="ClassicIndexSchemaFactory"/>
  <updateHandler class="solr.DirectUpdateHandler2"><updateLog/></updateHandler>
  <requestHandler name="/select" class="solr.SearchHandler"/>
</config>
`;

type Encode = (v: Value) => string;

const finite = (n: number): string => (Number.isFinite(n) ? String(n) : JSON.stringify(String(n)));

const ENCODE: Record<ColumnKind, Encode> = {
  string: (v) => JSON.stringify(asString(v)),
  date: (v) => JSON.stringify(asString(v)),
  int32: (v) => String(asInt32(v)),
  int64: (v) => String(asInt64(v)),
  double: (v) => finite(asDouble(v)),
  boolean: (v) => String(asBoolean(v)),
  bytes: (v) => `"${Buffer.from(asBytes(v)).toString('base64')}"`,
  timestamp: (v) => `"${new Date(Number(asEpochMillis(v))).toISOString()}"`,
};

export interface DocumentEncoder {
  /** A JSON array of documents, for POST /update; `firstRow` is rows[0]'s index in its batch. */
  encode(commandUuid: string, batch: number, rows: Row[], firstRow: number): string;
}

export function documentEncoder(columns: Column[], keyColumns: string[]): DocumentEncoder {
  const fields = columns
    .filter((c) => c.name !== 'id')
    .map((c) => {
      const encode = ENCODE[columnKind(c.type)];
      return { name: c.name, prefix: `,${JSON.stringify(c.name)}:`, encode: (v: Value) => convertValue(c, encode, v) as string };
    });
  const keyOpts = { keyColumns, keySeparator: '|' };
  return {
    encode(commandUuid, batch, rows, firstRow) {
      const docs: string[] = [];
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        let doc = `{"id":${JSON.stringify(rowKeyOf(keyOpts, commandUuid, batch, firstRow + i, row))}`;
        for (const f of fields) {
          const v = row[f.name];
          if (v !== null && v !== undefined) doc += f.prefix + f.encode(v);
        }
        docs.push(doc + '}');
      }
      return `[${docs.join(',')}]`;
    },
  };
}
