import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  BAD_RECORD_REASONS,
  isBadRecordReason,
  isWellFormedSkip,
  SKIP_REASON_NAMES,
} from '../../../src/model/skip-reason.ts';

const README = new URL('../../../README.md', import.meta.url);

describe('skip reasons: one vocabulary', () => {
  it('lists the bad-record reasons that --strict fails on, as the README names them', () => {
    const line = readFileSync(README, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('| `--strict` |'));
    const named = [
      ...(line ?? '')
        .split('|')[2]!
        .split(';')[0]!
        .matchAll(/`([a-z0-9-]+)`/g),
    ].map((m) => m[1]);
    expect([...BAD_RECORD_REASONS].sort()).to.deep.equal(named.sort());
  });

  it('does not take a reason for another role or outside the window as a bad record', () => {
    expect(isBadRecordReason('role-not-selected')).to.equal(false);
    expect(isBadRecordReason('outside-time-window')).to.equal(false);
    expect(isBadRecordReason('malformed-record')).to.equal(true);
  });

  it('answers no for strings that are not reasons, prototype keys included', () => {
    for (const s of ['', 'constructor', '__proto__', 'toString', 'Malformed-Record'])
      expect(isBadRecordReason(s), s).to.equal(false);
  });

  it('lets only skips of valid role sessions teach a function role, never a bad record', () => {
    const wellFormed = SKIP_REASON_NAMES.filter(isWellFormedSkip);
    expect(wellFormed).to.deep.equal([
      'not-a-role-session',
      'role-not-selected',
      'outside-time-window',
      'permissionless',
    ]);
    expect(wellFormed.filter((r) => isBadRecordReason(r))).to.deep.equal([]);
  });
});
