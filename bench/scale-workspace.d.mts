/** Types of scale-workspace.mjs, for the tests that generate a programme with it. */
export function scaleSpec(
  phase: number,
  wave: number,
  options?: { firstPhase?: number; previousPhaseLast?: number },
): string;
export function writeScaleWorkspace(
  dir: string,
  waves: number,
  options?: { phases?: number; from?: string },
): Promise<{ phase: number; wave: number }[]>;
