import { z } from 'zod';

/** Fragment, module and constraint ids: lowercase words joined by `-`, so they read well in prose and paths. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'an id is lowercase letters and digits joined by "-" or "_"');

export const NonEmptyText = z.string().trim().min(1, 'must not be empty');
