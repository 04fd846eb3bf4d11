import { expect } from 'chai';
import { renderDiffText } from '../../../src/render/diff-text.ts';
import { HOSTILE, sampleDiff } from './diff-fixture.ts';

describe('render/diff-text: the terminal report', () => {
  it('shows the figures, unused groups, narrowing and calls not granted', () => {
    const text = renderDiffText(sampleDiff(), { colour: false });
    expect(text).to.include('1,234 actions allowed today, 2 needed');
    expect(text).to.match(/actions allowed\s+1,234\s+2 {2}removed/);
    expect(text).to.match(/s3\s+Write\s+on \*\s+2 {2}s3:PutObject, s3:DeleteObject/);
    expect(text).to.include('    - *\n    + arn:aws:s3:::bucket/key');
    expect(text).to.include('AccessDenied in the logs; the current policies give implicit-deny');
    expect(text).to.not.include('\u001b[');
  });

  it('colours only when asked', () => {
    expect(renderDiffText(sampleDiff(), { colour: true })).to.include(
      '\u001b[32m    + arn:aws:s3:::bucket/key\u001b[0m',
    );
  });

  it('never lets data write control characters to the terminal', () => {
    const text = renderDiffText(sampleDiff(HOSTILE), { colour: false });
    expect(text).to.not.include('\u001b').and.not.include('\u202e');
    expect(text).to.include('\\x1b[31m');
    expect(text.split('\n').filter((l) => l.startsWith('# heading'))).to.deep.equal([]);
  });
});
