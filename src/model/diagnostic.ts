/** A message about input or output that is not an error of the run. */
export interface Diagnostic {
  level: 'info' | 'warning';
  message: string;
}
