import { configureDutchMessages } from '@samenspel/contracts';

// The schemas speak Dutch. Only the forms that check their input with them load zod: the pages
// that merely show records stay small.
configureDutchMessages();

interface Schema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } };
}

/** A form's input checked with the API's own schema: the data, or the first message per field. */
export function checkForm<T>(
  schema: Schema<T>,
  input: unknown,
): { ok: true; data: T } | { ok: false; errors: Partial<Record<string, string>> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: Partial<Record<string, string>> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, errors };
}
