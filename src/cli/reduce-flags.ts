import type { Argv } from 'yargs';
import { UsageError } from '../errors.ts';
import { DEFAULT_REDUCE_OPTIONS, type ReduceOptions } from '../reduce/options.ts';

/** The flags that shape a proposal, shared by `generate` and `diff`. */
export interface ReduceArgs {
  'include-denied': boolean;
  'authorized-failures': boolean;
  strict: boolean;
  generalize: 'none' | 'safe' | 'aggressive';
  'collapse-threshold': number;
  conditions: boolean;
  companions: boolean;
  baseline: boolean;
  compact: boolean;
}

const GROUP = 'Reduce:';

export function reduceFlags<T>(y: Argv<T>) {
  return y
    .option('include-denied', {
      type: 'boolean',
      default: false,
      describe: 'Also allow calls refused with AccessDenied',
      group: GROUP,
    })
    .option('authorized-failures', {
      type: 'boolean',
      default: true,
      describe:
        'Allow calls that failed after authorization (NoSuchKey, ConditionalCheckFailedException, ...; --no-authorized-failures: none)',
      group: GROUP,
    })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'Fail (exit 1) on any unreadable file or bad record',
    })
    .option('generalize', {
      choices: ['none', 'safe', 'aggressive'] as const,
      default: 'safe' as const,
      describe:
        'ARN patterns: none = exact ARNs; safe = per-request parts (object keys, log streams) only; aggressive = names too',
      group: GROUP,
    })
    .option('collapse-threshold', {
      type: 'number',
      default: DEFAULT_REDUCE_OPTIONS.collapseThreshold,
      describe: 'Distinct values under one parent path before they become parent/*',
      group: GROUP,
    })
    .option('conditions', {
      type: 'boolean',
      default: true,
      describe: 'Add conditions the evidence supports (--no-conditions: none)',
      group: GROUP,
    })
    .option('companions', {
      type: 'boolean',
      default: true,
      describe:
        'Add inferred calls: iam:PassRole for calls that pass a role, KMS for SSE-KMS objects (--no-companions: none)',
      group: GROUP,
    })
    .option('baseline', {
      type: 'boolean',
      default: true,
      describe:
        "Add what Lambda does with an execution role that no log shows: the function's log writes, X-Ray writes when traced (--no-baseline: none)",
      group: GROUP,
    })
    .option('compact', {
      type: 'boolean',
      default: false,
      describe:
        'If the policy exceeds IAM size limits even when split, widen resources (each widening reported)',
      group: GROUP,
    });
}

/** The flags as reduce options, validated. */
export function reduceOptions(args: ReduceArgs): ReduceOptions {
  if (!Number.isInteger(args['collapse-threshold']) || args['collapse-threshold'] < 1) {
    throw new UsageError('--collapse-threshold must be a whole number of at least 1');
  }
  return {
    ...DEFAULT_REDUCE_OPTIONS,
    includeDenied: args['include-denied'],
    authorizedFailures: args['authorized-failures'],
    generalize: args.generalize,
    collapseThreshold: args['collapse-threshold'],
    conditions: args.conditions,
    companions: args.companions,
    baseline: args.baseline,
    compact: args.compact,
  };
}
