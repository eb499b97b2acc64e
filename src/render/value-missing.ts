import { diagnostic, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import type { Fragment } from '../load/fragments.js';
import type { ValueMissingError } from './text-only.js';

/** Where the spec writes (or would write) the field an object of the context holds. */
export type LocateValue = (holder: object, field: string) => { at: SourceLocation; key: string } | undefined;

/**
 * A printed value that is missing or null, as an error: at the spec key it comes from (the key, or the mapping that
 * lacks it), with the fragment's expression as the related place; at the expression when the spec does not write
 * the value.
 */
export function valueMissingDiagnostic(fragment: Fragment, error: ValueMissingError, locate: LocateValue): Diagnostic {
  const details = error as { lineNumber?: number; column?: number };
  const expression: SourceLocation = {
    file: fragment.file.path,
    line: (details.lineNumber ?? 1) + fragment.bodyFirstLine - 1,
    column: (details.column ?? 0) + 1,
  };
  const { field, holder } = error;
  const state = error.value === null ? 'null' : 'missing';
  const source =
    field !== undefined && holder !== null && typeof holder === 'object' ? locate(holder, field) : undefined;
  const guard =
    field === undefined ? 'guard the expression' : `guard it with {{#if ${error.expression ?? field}}}…{{/if}}`;
  if (source === undefined) {
    return diagnostic(
      'value-missing',
      'error',
      `${field === undefined ? 'this expression' : `"${field}"`} is ${state} here, and fragment "${fragment.id}" ` +
        'prints it: the prompt would have a hole',
      expression,
      { hint: `${guard} in the fragment, or print a value the context always has` },
    );
  }
  return diagnostic(
    'value-missing',
    'error',
    // The context carries what a spec leaves out as null, so for the spec's author the value is simply not set.
    `${source.key} is not set, and fragment "${fragment.id}" prints it: the prompt would have a hole`,
    source.at,
    {
      related: { ...expression, message: `fragment "${fragment.id}" prints ${field} here` },
      hint: `set ${source.key} in the spec, or ${guard} in the fragment`,
    },
  );
}
