/** Segment documents found in one input, and the entries that could not be documents. */
export interface TraceDocuments {
  documents: unknown[];
  bad: { index: number; reason: string }[];
  /** The whole input has no accepted shape. */
  problem?: string;
}
