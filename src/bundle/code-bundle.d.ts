/** Builds `entries` (output name → source path relative to the project) into split JavaScript bundles; each one's file URL. */
export function buildBundle<K extends string>(name: string, entries: Record<K, string>): Promise<Record<K, string>>;
