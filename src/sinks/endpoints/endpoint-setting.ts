/**
 * The declaration of a setting that names where a sink connects (an endpoint: host and port) or a file the
 * service reads. Each sink declares its own next to its connection settings; src/sinks/endpoints/check.ts decides,
 * for every declared setting a command carries, whether the operator allows what it names.
 */

/**
 * How the value names its endpoints:
 *  - url: one http(s) URL;
 *  - url-list: http(s) URLs separated by commas (an HA pair of namenodes);
 *  - host-list: host:port entries separated by commas (Kafka brokers; a scheme:// and user-info are dropped);
 *  - namenode-uri: the original's hdfs.uri: hdfs://host (its namenode's HTTP port, 9870), webhdfs://, swebhdfs://
 *    or http(s)://;
 *  - azure-connection-string: an Azure Storage connection string (its BlobEndpoint, its account's host under
 *    EndpointSuffix, the emulator's address for UseDevelopmentStorage, and any DevelopmentStorageProxyUri);
 *  - postgresql, mysql: a database URL (postgres:// or postgresql://; mysql:// or mariadb://) or a bare host[:port],
 *    the database's default port (5432, 3306) when none is given;
 *  - file: the path of a file the service reads (a key file), not an endpoint.
 */
export type EndpointKind = 'url' | 'url-list' | 'host-list' | 'namenode-uri' | 'azure-connection-string' | 'postgresql' | 'mysql' | 'file';

export interface EndpointSetting {
  key: string;
  kind: EndpointKind;
  /** Set when the sink reads the key from the model's Table_Names first (then the properties), as `setting()` does. */
  section?: 'Table_Names';
}

/** Host (lower-case name, dotted IPv4, or [IPv6]) and port a client connects to. */
export interface Endpoint {
  host: string;
  port: number;
}

/** What a command may name, computed from the service's configuration (src/sinks/endpoints/policy.ts). */
export interface EndpointPolicy {
  /** Patterns (host:port, host:*, *.domain:port, *.domain:*, or *), normalised. */
  allow: string[];
  /** Absolute paths of the files that file settings may name. */
  files: string[];
  /** URL prefixes LLM fields may call (src/llm/url-policy.ts). */
  llmUrls?: string[];
  /** Directories LOCAL_LLM fields' model files may lie in (DATAGEN_LLM_MODELS_DIR: src/llm/local-model-file.ts). */
  llmModelDirs?: string[];
}
