// `"$schema"` at the top of an interchange document names the JSON Schema it follows (docs/schemas/), so
// that an editor can complete and check it. Tierline accepts it and reads nothing from it: the
// document's `format` says what it is. It stays part of the document as given: a case stored with it is
// hashed with it, and in a rule pack it is covered by the signature like every other field.
import { z } from 'zod';

export const SchemaRef = z
  .string()
  .min(1)
  .max(2000)
  .optional()
  .meta({ description: 'the JSON Schema this document follows (for editors; Tierline ignores it)' });
