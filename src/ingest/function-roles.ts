import type { Arn } from '../model/identifiers.ts';
import { isObject, obj, str, type JsonObject } from './fields.ts';
import { outcomeOf } from './outcome.ts';
import { isRoleArn } from './principal.ts';
import { isWellFormedSkip } from '../model/skip-reason.ts';
import type { RecordResult } from './record-result.ts';
import type { TraceSubject } from './trace-call.ts';
import { parseFunctionArn } from './trace-subject.ts';

/** Where a function's role came from, in the order they are tried. */
export type RoleSource = 'explicit' | 'file' | 'cloudtrail' | 'lambda-api';

export type RoleLookup =
  { kind: 'resolved'; role: Arn; via: RoleSource } | { kind: 'unresolved'; reason: string };

interface Entry {
  key: string;
  role: Arn;
  arn?: ReturnType<typeof parseFunctionArn>;
}

/** Function name or ARN -> role ARN, from `--function-role` entries or a mapping file. */
export class FunctionRoleTable {
  readonly #entries: Entry[] = [];

  constructor(entries: Iterable<readonly [string, Arn]> = []) {
    for (const [key, role] of entries) this.#entries.push({ key, role, arn: parseFunctionArn(key) });
  }

  get size(): number {
    return this.#entries.length;
  }

  /** The role for a subject: by its ARN, its name, or a unique ARN entry of that name; never a guess. */
  lookup(subject: TraceSubject): Arn | 'ambiguous' | undefined {
    const byArn = subject.functionArn
      ? this.#entries.find((e) => e.arn?.functionArn === subject.functionArn)
      : undefined;
    if (byArn) return byArn.role;
    const byName = this.#entries.find((e) => !e.arn && e.key === subject.name);
    if (byName) return byName.role;
    const arns = this.#entries.filter(
      (e) =>
        e.arn?.name === subject.name &&
        (!subject.account || e.arn.account === subject.account) &&
        (!subject.region || e.arn.region === subject.region),
    );
    if (arns.length > 1) return new Set(arns.map((e) => e.role)).size === 1 ? arns[0]!.role : 'ambiguous';
    return arns[0]?.role;
  }
}

/** `NAME=ROLE_ARN` (NAME a function name or ARN) -> the pair, or why it is not one. */
export function parseFunctionRoleFlag(value: string): readonly [string, Arn] | string {
  const at = value.lastIndexOf('=');
  const key = value.slice(0, at).trim();
  const role = value.slice(at + 1).trim();
  if (at <= 0 || key === '') return `${value}: expected FUNCTION=ROLE_ARN`;
  if (!isRoleArn(role)) return `${value}: ${role} is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)`;
  return [key, role];
}

/** A role session seen in CloudTrail: Lambda names its session after the function. */
export interface LearnedPair {
  session: string;
  role: Arn;
  account: string;
  /** The record's user agent says it came from a Lambda runtime (`exec-env/AWS_Lambda_*`). */
  lambda: boolean;
  /** Lambda itself assumed the role for this session (its AssumeRole record): the trust policy names Lambda. */
  assumed?: boolean;
  /** Regions the session was seen in (sorted). */
  regions?: string[];
}

const SESSION = /^[\w+=,.@-]{2,64}$/;

/**
 * The (session name, role) pair of a CloudTrail record made with an assumed-role session:
 * `userIdentity.principalId` is `AROA...:<session>` and `sessionContext.sessionIssuer.arn` the role.
 * For a Lambda function the session name is the function name. Pure; undefined for anything else.
 */
export function functionRoleFromRecord(record: unknown): LearnedPair | undefined {
  if (!isObject(record)) return undefined;
  const identity = obj(record, 'userIdentity');
  if (str(identity, 'type') === 'AWSService') return assumedByLambda(record, identity);
  if (str(identity, 'type') !== 'AssumedRole') return undefined;
  const principalId = str(identity, 'principalId') ?? '';
  const session = principalId.slice(principalId.indexOf(':') + 1);
  const issuer = obj(obj(identity, 'sessionContext'), 'sessionIssuer');
  const role = str(issuer, 'arn');
  if (!principalId.includes(':') || !SESSION.test(session) || !role || !isRoleArn(role)) return undefined;
  const account = role.split(':')[4]!;
  const lambda = (str(record, 'userAgent') ?? '').includes('exec-env/AWS_Lambda');
  const regions = regionsOf(record);
  // Runs on every record: one object, no spread.
  return regions ? { session, role, account, lambda, regions } : { session, role, account, lambda };
}

/**
 * Lambda's own `sts:AssumeRole` of an execution role (`invokedBy: lambda.amazonaws.com`, the session
 * named after the function): it succeeds only when the role's trust policy lets Lambda in.
 */
function assumedByLambda(record: JsonObject, identity: JsonObject | undefined): LearnedPair | undefined {
  if (str(identity, 'invokedBy') !== 'lambda.amazonaws.com') return undefined;
  if (str(record, 'eventName') !== 'AssumeRole' || str(record, 'eventSource') !== 'sts.amazonaws.com')
    return undefined;
  if (str(record, 'errorCode') !== undefined) return undefined;
  const params = obj(record, 'requestParameters');
  const session = str(params, 'roleSessionName') ?? '';
  const role = str(params, 'roleArn');
  if (!SESSION.test(session) || !role || !isRoleArn(role)) return undefined;
  const regions = regionsOf(record);
  const pair = { session, role, account: role.split(':')[4]!, lambda: false, assumed: true };
  return regions ? { ...pair, regions } : pair;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

function regionsOf(record: JsonObject): string[] | undefined {
  const region = str(record, 'awsRegion');
  return region !== undefined && REGION.test(region) ? [region] : undefined;
}

/**
 * Whether a record may teach a function's role: only a well-formed role session whose call
 * succeeded. A record the parser rejected (`malformed-record`, `invalid-principal`, ...) or a refused
 * or failed call is no evidence of who runs a function, so it never hands traced calls to a role.
 */
export function teachesFunctionRole(result: RecordResult, record: unknown): boolean {
  if (result.kind === 'skipped' && !isWellFormedSkip(result.reason)) return false;
  return isObject(record) && outcomeOf(record['errorCode']) === 'allowed';
}

/** Role sessions learned from the CloudTrail records of a run (bounded; mergeable across threads). */
export class LearnedFunctionRoles {
  /** session -> role -> pair: two look-ups of strings the record already holds, no key built per record. */
  readonly #pairs = new Map<string, Map<string, LearnedPair>>();
  #size = 0;
  readonly #max: number;

  constructor(max = 100_000) {
    this.#max = max;
  }

  /**
   * principalId -> role ARN -> the pair learned from that session: lets {@link learn} see, from
   * strings the record already holds, that a record would add nothing (most records: a function's
   * session repeats in every call), without building its pair.
   */
  readonly #bySessionId = new Map<string, Map<string, LearnedPair>>();
  /** Entries in {@link #bySessionId}, all sessions together: emptied at `max`, like the other bounded memos. */
  #bySessionIdEntries = 0;

  /** Learns from one CloudTrail record (ignored when it is not a role session). */
  learn(record: unknown): void {
    if (this.#addsNothing(record)) return;
    const pair = functionRoleFromRecord(record);
    if (!pair) return;
    this.add(pair);
    const known = this.#pairs.get(pair.session)?.get(pair.role);
    const principalId = str(obj(record as JsonObject, 'userIdentity'), 'principalId');
    if (!known || principalId === undefined || pair.assumed) return;
    if (this.#bySessionIdEntries >= this.#max) {
      this.#bySessionId.clear();
      this.#bySessionIdEntries = 0;
    }
    let byRole = this.#bySessionId.get(principalId);
    if (!byRole) this.#bySessionId.set(principalId, (byRole = new Map()));
    if (!byRole.has(pair.role)) this.#bySessionIdEntries++;
    byRole.set(pair.role, known);
  }

  /**
   * True when `add(functionRoleFromRecord(record))` would change nothing: a role session whose pair
   * is known, already marked Lambda when this user agent is, already seen in this region. (The pair
   * depends only on principalId and the role ARN, so a known one proves the record's pair valid.)
   */
  #addsNothing(record: unknown): boolean {
    if (!isObject(record)) return false;
    const identity = obj(record, 'userIdentity');
    if (str(identity, 'type') !== 'AssumedRole') return false;
    const principalId = str(identity, 'principalId');
    const role = str(obj(obj(identity, 'sessionContext'), 'sessionIssuer'), 'arn');
    if (principalId === undefined || role === undefined) return false;
    const known = this.#bySessionId.get(principalId)?.get(role);
    if (!known) return false;
    const region = str(record, 'awsRegion');
    if (region === undefined || !known.regions?.includes(region)) return false;
    return known.lambda || !(str(record, 'userAgent') ?? '').includes('exec-env/AWS_Lambda');
  }

  add(pair: LearnedPair): void {
    let byRole = this.#pairs.get(pair.session);
    const known = byRole?.get(pair.role);
    if (!known) {
      if (this.#size >= this.#max) return;
      if (!byRole) this.#pairs.set(pair.session, (byRole = new Map()));
      byRole.set(pair.role, { ...pair });
      this.#size++;
      return;
    }
    known.lambda ||= pair.lambda;
    if (pair.assumed) known.assumed = true;
    // Runs per record: allocates only when a region is new.
    if (pair.regions)
      for (const r of pair.regions)
        if (!known.regions?.includes(r)) known.regions = [...(known.regions ?? []), r].sort();
  }

  /** Every pair, in a stable order (what a worker thread sends back). */
  pairs(): LearnedPair[] {
    return this.#all().sort((a, b) => (a.session + a.role < b.session + b.role ? -1 : 1));
  }

  /**
   * The one role that used the function's name as session, or `ambiguous` when several did: a user
   * agent, like a whole record, is the log's own word, so a Lambda one (or Lambda's AssumeRole) does
   * not make a claim stronger than another.
   */
  lookup(subject: TraceSubject): Arn | 'ambiguous' | undefined {
    const roles = this.claimants(subject);
    if (roles.length > 1) return 'ambiguous';
    return roles[0];
  }

  /** Every role (sorted) whose sessions carry the subject's name in its account. */
  claimants(subject: TraceSubject): Arn[] {
    return [...new Set(this.#claims(subject).map((p) => p.role))].sort();
  }

  /** The claimants for a report, each marked when Lambda assumed it or a Lambda runtime's user agent came with it. */
  describeClaims(subject: TraceSubject): string {
    const claims = this.#claims(subject);
    const mark = (role: Arn) => {
      const own = claims.filter((p) => p.role === role);
      if (own.some((p) => p.assumed)) return `${role} (assumed by Lambda)`;
      return own.some((p) => p.lambda) ? `${role} (Lambda user agent)` : role;
    };
    return this.claimants(subject).map(mark).join(', ');
  }

  #all(): LearnedPair[] {
    return [...this.#pairs.values()].flatMap((byRole) => [...byRole.values()]);
  }

  #claims(subject: TraceSubject): LearnedPair[] {
    return [...(this.#pairs.get(subject.name)?.values() ?? [])].filter(
      (p) => p.session === subject.name && (!subject.account || p.account === subject.account),
    );
  }
}

/** The tables tried before the Lambda API, in order. */
export interface RoleTables {
  explicit: FunctionRoleTable;
  file: FunctionRoleTable;
  learned: LearnedFunctionRoles;
}

/**
 * A subject's role from, in order: `--function-role`, the mapping file, the CloudTrail sessions of the
 * run. Undefined when none knows it (the Lambda API may then be asked); an ambiguous table stops the
 * search with a reason, because picking one would be a guess.
 */
export function resolveFromTables(subject: TraceSubject, tables: RoleTables): RoleLookup | undefined {
  const order: [RoleSource, FunctionRoleTable | LearnedFunctionRoles][] = [
    ['explicit', tables.explicit],
    ['file', tables.file],
    ['cloudtrail', tables.learned],
  ];
  for (const [via, table] of order) {
    const found = table.lookup(subject);
    if (found === 'ambiguous') {
      const which = table instanceof LearnedFunctionRoles ? `: ${table.describeClaims(subject)}` : '';
      return {
        kind: 'unresolved',
        reason: `several roles match ${subject.name} (${via}${which}); none is used, name one with --function-role`,
      };
    }
    if (found) return { kind: 'resolved', role: found, via };
  }
  return undefined;
}
