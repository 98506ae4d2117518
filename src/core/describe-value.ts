/**
 * Short, bounded descriptions of untrusted values for error messages: enough to say what was
 * wrong ("the string \"x\"", "an array of 783") without echoing a large or private input back.
 * Every error message about a value the caller gave names it this way.
 */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  switch (typeof value) {
    case 'number': {
      // A number can carry as many digits as a string; past a dozen, three significant ones say enough.
      const text = String(value);
      return text.length > 12 ? value.toExponential(2) : text;
    }
    case 'string':
      return value.length > 20 ? `a string of ${value.length} characters` : `the string ${JSON.stringify(value)}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
