import { DEFAULT_MAX_FACTS } from '../facts/fact-store.ts';
import type { TimeWindow } from '../model/time-window.ts';
import { DEFAULT_MAX_FILE_BYTES } from '../sources/decode/decode-file.ts';

/** The reducer's generalization mode the premask normalizer masks in. */
export type PremaskMode = 'safe' | 'aggressive';

/**
 * Everything a CloudTrail ingest is told, as plain data: the same value drives the ingest in this
 * thread or in a worker (it is posted as it is), so a new ingest knob is added here and nowhere else.
 */
export interface CloudTrailIngestPlan {
  selection: {
    /** Role names or ARNs (as --role takes them); empty = every role. */
    roles: readonly string[];
    window: TimeWindow;
    /**
     * Test each record's raw text for a selected role's name before parsing it (a cheap superset).
     * Off when traces are read: their functions' roles are learned from every CloudTrail session.
     */
    rawTextPreFilter: boolean;
  };
  limits: {
    /** Longest record parsed, in UTF-8 bytes; longer ones are skipped as record-too-large. */
    maxRecordBytes: number;
    /** Decompressed bytes read of one file at most (see DecodeOptions.maxFileBytes). */
    maxFileBytes: number;
    /** Distinct facts a store holds before the run stops. */
    maxFacts: number;
  };
  /** Observation -> Observation steps every observation passes before it is aggregated. */
  normalizers: {
    /** Mask per-request identifiers in resources (the reducer's first generalization step). */
    premask?: PremaskMode;
  };
  /** Learn function -> role pairs from the records' role sessions (traces, platform baselines). */
  learnFunctionRoles: boolean;
}

export const DEFAULT_INGEST_LIMITS: CloudTrailIngestPlan['limits'] = {
  maxRecordBytes: 1024 * 1024,
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  maxFacts: DEFAULT_MAX_FACTS,
};
