/* eslint-disable no-control-regex -- matching control characters is the point */
/** C0/C1 controls, DEL, line/paragraph separators (U+2028/9: some terminals and editors break lines on them) and bidi controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_BUT_NEWLINE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes untrusted text safe for a terminal: C0/C1 control characters, DEL, U+2028/U+2029 and Unicode
 * bidi overrides are shown escaped (`\x1b`, `\u202e`), never emitted. Newlines too, so one message
 * stays one line.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * The same, but a line feed stays a line break: for messages that span lines by design (a usage
 * error listing the choices). Carriage returns are still escaped, so no line can be overwritten.
 */
export function escapeForTerminalKeepingLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escapeChar);
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}
