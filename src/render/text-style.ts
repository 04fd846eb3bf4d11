/** Terminal emphasis; every function is the identity when colour is off. */
export interface TextStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
}

const sgr = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const plain = (s: string) => s;

/**
 * ANSI styles, or none. The CLI decides: colour only when stdout is a TTY and NO_COLOR is unset
 * (https://no-color.org); never in files, pipes or CI logs.
 */
export function textStyle(colour: boolean): TextStyle {
  if (!colour) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };
  return { bold: sgr('1'), dim: sgr('2'), red: sgr('31'), green: sgr('32'), yellow: sgr('33') };
}

/** Pads `s` to `width` columns on the left (numbers) or right (text). */
export function pad(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  return align === 'left' ? s.padEnd(width) : s.padStart(width);
}
