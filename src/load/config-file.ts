/**
 * The workspace's config file name, in a module of its own so that the caches can name it without loading the
 * config's schema and YAML parser.
 */
export const CONFIG_FILE = 'wavec.config.yaml';
