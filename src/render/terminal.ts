/**
 * Makes untrusted text safe for a terminal: C0/C1 control characters, DEL, and Unicode bidi
 * overrides are shown escaped (`\x1b`, `\u202e`), never emitted. Newlines too, so one message stays one line.
 */
export function escapeForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
