import { isNexusError } from '@nexus/client-sdk';

/** What a person should read for a failed call: the problem's detail (or title), never a stack trace. */
export function problemMessage(error: unknown): string {
  if (isNexusError(error)) {
    if (error.status === 429) return `Too many requests: try again in ${error.retryAfter ?? 'a few'} seconds.`;
    return error.problem.detail ?? error.problem.title;
  }
  if (error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** A problem's per-field messages (`errors[].path` → message), for showing next to the right input. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isNexusError(error)) return {};
  const fields: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    if (item.path && !(item.path in fields)) fields[item.path] = item.message;
  }
  return fields;
}

/**
 * Puts a problem's field errors on a react-hook-form form (`setError(path, …)`), and returns the message for what
 * no field shows (the summary above the form). `fieldFor` maps a wire path to the form's own name where they differ.
 */
export function applyProblemToForm(
  error: unknown,
  setError: (name: never, error: { type: string; message: string }) => void,
  knownFields: readonly string[],
  fieldFor: (path: string) => string = (path) => path,
): string | null {
  const fields = fieldErrorsOf(error);
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const name = fieldFor(path);
    if (knownFields.includes(name)) setError(name as never, { type: 'server', message });
    else unplaced.push(`${path}: ${message}`);
  }
  const placedAll = Object.keys(fields).length > 0 && unplaced.length === 0;
  if (placedAll) return null;
  return unplaced.length ? `${problemMessage(error)} (${unplaced.join('; ')})` : problemMessage(error);
}
