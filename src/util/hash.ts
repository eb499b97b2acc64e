import { createHash } from 'node:crypto';

/** `sha256:<hex>`: the prefix keeps provenance files readable if the algorithm ever changes. */
export function sha256(content: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}
