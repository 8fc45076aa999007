/**
 * Whether a command's output stores typed columns (src/model/faults/ then never writes a value of the wrong type):
 * every sink but the JSON and CSV files, local or on a data lake, whose text takes any value. Kafka, Solr, HBase
 * and the rest are counted typed even when their format is text: a typed value is safe in all of them.
 */
const TEXT_FORMATS = ['json', 'csv'];

function writesText(service: string): boolean {
  return TEXT_FORMATS.some((f) => service === f || service.endsWith(`_${f}`));
}

/** `connectors`: a multipleconnectors command's sinks; one typed sink makes the output typed. */
export function storesTypedValues(service: string, connectors?: readonly string[]): boolean {
  return !(connectors?.length ? connectors : [service]).every(writesText);
}
