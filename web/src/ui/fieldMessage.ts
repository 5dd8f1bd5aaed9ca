/**
 * The API's field messages are predicates ("must be at least 12 characters"): make a sentence
 * with the field's label. Messages written as sentences (capitalised) are shown as they are.
 */
export function fieldMessage(label: string, raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  return /^[a-z]/.test(raw) ? `${label} ${raw}${/[.!?]$/.test(raw) ? '' : '.'}` : raw;
}
