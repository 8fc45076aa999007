"""Reads a file written by a Datagen-TS file sink with an independent implementation and prints it as JSON.

Usage: readback.py FORMAT FILE [--strings]
  FORMAT: parquet (pyarrow), orc (pyarrow.orc), avro (fastavro), json (Python json + pyarrow.json for types),
          csv (pyarrow.csv with type inference; --strings: Python's csv module, every field a string).
Output: {"columns": [...], "types": [...], "rows": [[...]], "meta": {...}} with values made JSON-safe:
ints as decimal strings (exact for 64 bits), floats as numbers, bytes as upper-case hex, datetimes as
ISO-8601 UTC with milliseconds ("...Z"), dates as "YYYY-MM-DD".
"""
import csv
import datetime as dt
import json
import math
import sys


def canon(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return v if math.isfinite(v) else repr(v)
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex().upper()
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(dt.timezone.utc)
        return v.strftime('%Y-%m-%dT%H:%M:%S.') + f'{v.microsecond // 1000:03d}Z'
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def table_rows(table):
    cols = [table.column(i).to_pylist() for i in range(table.num_columns)]
    return [[canon(c[r]) for c in cols] for r in range(table.num_rows)]


def read_parquet(path, _strings):
    import pyarrow.parquet as pq
    pf = pq.ParquetFile(path)
    table = pq.read_table(path)  # ParquetFile.read() fails on files with no row group (valid, written for 0 rows)
    md = pf.metadata
    schema = pf.schema
    meta = {
        'num_rows': md.num_rows,
        'num_row_groups': md.num_row_groups,
        'row_group_rows': [md.row_group(i).num_rows for i in range(md.num_row_groups)],
        'compression': sorted({md.row_group(g).column(c).compression for g in range(md.num_row_groups) for c in range(md.num_columns)}),
        'physical_types': [schema.column(i).physical_type for i in range(len(schema))],
        'logical_types': [str(schema.column(i).logical_type) for i in range(len(schema))],
        'encodings': sorted({e for g in range(md.num_row_groups) for c in range(md.num_columns) for e in md.row_group(g).column(c).encodings}),
    }
    return {'columns': table.column_names, 'types': [str(t) for t in table.schema.types], 'rows': table_rows(table), 'meta': meta}


def read_avro(path, _strings):
    import fastavro
    with open(path, 'rb') as f:
        reader = fastavro.reader(f)
        schema = reader.writer_schema
        records = list(reader)
        codec = reader.codec
    names = [fld['name'] for fld in schema['fields']]

    def branch(t):
        return [b for b in t if b != 'null'][0] if isinstance(t, list) else t

    types = [json.dumps(branch(fld['type']), sort_keys=True) for fld in schema['fields']]
    rows = [[canon(rec[n]) for n in names] for rec in records]
    meta = {'name': schema['name'], 'codec': codec, 'docs': [fld.get('doc') for fld in schema['fields']],
            'nullable': [isinstance(fld['type'], list) and 'null' in fld['type'] for fld in schema['fields']]}
    return {'columns': names, 'types': types, 'rows': rows, 'meta': meta}


def read_json(path, _strings):
    import pyarrow.json as pj
    objs = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                objs.append(json.loads(line))
    names = list(objs[0].keys()) if objs else []
    table = pj.read_json(path) if objs else None
    types = [str(table.schema.field(n).type) for n in names] if table is not None else []
    rows = [[canon(o.get(n)) for n in names] for o in objs]
    meta = {'keys_per_row': sorted({tuple(o.keys()) == tuple(names) for o in objs}),
            'pyarrow_rows': table.num_rows if table is not None else 0,
            'pyarrow_rows_values': table_rows(table) if table is not None else []}
    return {'columns': names, 'types': types, 'rows': rows, 'meta': meta}


def read_csv(path, strings):
    if strings:
        with open(path, newline='', encoding='utf-8') as f:
            records = list(csv.reader(f, strict=True))
        return {'columns': records[0] if records else [], 'types': [], 'rows': records[1:], 'meta': {}}
    import pyarrow.csv as pc
    table = pc.read_csv(path, parse_options=pc.ParseOptions(newlines_in_values=True))
    return {'columns': table.column_names, 'types': [str(t) for t in table.schema.types], 'rows': table_rows(table), 'meta': {}}


def read_orc(path, _strings):
    import pyarrow.orc as po
    f = po.ORCFile(path)
    table = f.read()
    meta = {'num_rows': f.nrows, 'num_stripes': f.nstripes, 'stripe_rows': [f.read_stripe(i).num_rows for i in range(f.nstripes)],
            'compression': f.compression, 'file_version': str(f.file_version), 'writer_version': f.writer_version}
    return {'columns': table.column_names, 'types': [str(t) for t in table.schema.types], 'rows': table_rows(table), 'meta': meta}


READERS = {'parquet': read_parquet, 'avro': read_avro, 'json': read_json, 'csv': read_csv, 'orc': read_orc}

if __name__ == '__main__':
    fmt, path = sys.argv[1], sys.argv[2]
    out = READERS[fmt](path, '--strings' in sys.argv[3:])
    sys.stdout.write(json.dumps(out))
