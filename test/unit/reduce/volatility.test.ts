import { expect } from 'chai';
import { maskVolatile } from '../../../src/reduce/volatility.ts';

describe('maskVolatile: per-request identifiers become * in place', () => {
  const cases: [string, string][] = [
    ['receipts/2026/11/20/r-3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60.pdf', 'receipts/*/*/*/r-*.pdf'],
    ['2026/11/25/[${$}LATEST]0123456789abcdef0123456789abcdef', '*/*/*/[${$}LATEST]*'],
    ['exports/2026-11-20T10:15:00Z/data.csv', 'exports/*/data.csv'],
    ['incoming/upload-20261120-report.csv', 'incoming/upload-*-report.csv'],
    ['receipts/r-1001.pdf', 'receipts/r-*.pdf'],
    ['tokens/AbCdEfGhIjKlMnOpQrSt1234', 'tokens/*'],
    ['static/logo.png', 'static/logo.png'],
    ['config/settings.json', 'config/settings.json'],
    ['a${*}b/c', 'a${*}b/c'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} -> ${expected}`, () => {
      expect(maskVolatile(input).text).to.equal(expected);
    });
  }

  it('says what it found', () => {
    expect(maskVolatile('x/3f2b8c1e-9a4d-4c5e-8f6a-1b2c3d4e5f60').found).to.deep.equal(['UUID']);
    expect(maskVolatile('static/logo.png').found).to.deep.equal([]);
  });

  it('never reaches into IAM escapes', () => {
    expect(maskVolatile('k${$}123456${?}').text).to.equal('k${$}*${?}');
  });
});
