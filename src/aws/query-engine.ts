/** One result row, by column name; SQL NULL is undefined. */
export type QueryRow = Record<string, string | undefined>;

export type QueryState = { kind: 'running' } | { kind: 'done' } | { kind: 'failed'; reason: string };

/** A SQL engine that runs one query and pages its results: CloudTrail Lake or Athena. */
export interface QueryEngine {
  /** "CloudTrail Lake" or "Athena", for messages. */
  readonly name: string;
  start(sql: string): Promise<string>;
  status(queryId: string): Promise<QueryState>;
  /** One page of rows; the header row Athena repeats on the first page is already removed. */
  results(queryId: string, nextToken?: string): Promise<{ rows: QueryRow[]; nextToken?: string }>;
}
