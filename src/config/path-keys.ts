// The configuration keys whose value is a file or folder, in one list, and how a relative value
// becomes absolute: against the folder of the file that set it, so the daemon finds its files from
// whatever folder it was started. A new path-valued key is one line here (and one in the schema).
import path from 'node:path';

export interface PathKey {
  key: readonly string[];
  /**
   * What a relative value in the shipped default file is relative to: `package` for files we ship
   * (rules, templates), `cwd` for data the daemon writes, which must not live inside an installed
   * package that an upgrade replaces.
   */
  defaultBase: 'package' | 'cwd';
  /** Values that look like a relative path but are not one. */
  literals?: readonly string[];
}

export const PATH_KEYS: readonly PathKey[] = [
  { key: ['store', 'filename'], defaultBase: 'cwd', literals: [':memory:'] },
  { key: ['store', 'passwordFile'], defaultBase: 'cwd' },
  { key: ['imap', 'passwordFile'], defaultBase: 'cwd' },
  { key: ['smtp', 'passwordFile'], defaultBase: 'cwd' },
  { key: ['threading', 'replyToken', 'secretFile'], defaultBase: 'cwd' },
  { key: ['classification', 'rulesDir'], defaultBase: 'package' },
  { key: ['classification', 'categoriesFile'], defaultBase: 'package' },
  { key: ['classification', 'modelPath'], defaultBase: 'cwd' },
  { key: ['templates', 'dir'], defaultBase: 'package' },
  { key: ['mail', 'quotingDir'], defaultBase: 'package' },
  { key: ['calendar', 'file'], defaultBase: 'package' },
  { key: ['alerts', 'threatsFile'], defaultBase: 'package' },
  { key: ['classification', 'labelMap'], defaultBase: 'package' },
  { key: ['classification', 'retrain', 'initialCsv'], defaultBase: 'cwd' },
];

/** Where the value of a key came from: the folder to resolve it against is decided by the caller. */
type BaseOf = (pathKey: PathKey) => string;

/** An empty value means "not set" and stays empty; an absolute one stays as it is. */
function resolvePathValue(value: string, base: string, literals: readonly string[] = []): string {
  if (value === '' || literals.includes(value) || path.isAbsolute(value)) return value;
  return path.resolve(base, value);
}

/**
 * Makes every declared path key of the merged (not yet validated) configuration absolute, in place.
 * A value that is not a string is left for the schema to reject.
 */
export function resolvePathKeys(config: unknown, baseOf: BaseOf): void {
  for (const pathKey of PATH_KEYS) {
    const parent = pathKey.key.slice(0, -1).reduce<unknown>((node, step) => (isRecord(node) ? node[step] : undefined), config);
    const leaf = pathKey.key[pathKey.key.length - 1] as string;
    if (!isRecord(parent) || typeof parent[leaf] !== 'string') continue;
    parent[leaf] = resolvePathValue(parent[leaf], baseOf(pathKey), pathKey.literals);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
