import { expect } from 'chai';
import { compilePath, MAX_PATH_VALUES, valuesAt } from '../../../src/catalog/param-path.ts';

const at = (params: unknown, path: string) => valuesAt(params, compilePath(path));

describe('request-parameter paths (param-path.ts)', () => {
  it('walks nested objects, matching a key exactly or else case-insensitively', () => {
    expect(at({ a: { B: 'x' } }, 'a.b')).to.deep.equal({ kind: 'values', values: ['x'] });
    expect(at({ a: { b: 'exact', B: 'other' } }, 'a.b')).to.deep.equal({ kind: 'values', values: ['exact'] });
  });

  it('takes every element of a list, and one value that is not a list as one element', () => {
    const set = { instancesSet: { items: [{ instanceId: 'i-1' }, { instanceId: 'i-2' }] } };
    expect(at(set, 'instancesSet.items[].instanceId')).to.deep.equal({
      kind: 'values',
      values: ['i-1', 'i-2'],
    });
    const one = { StopInstancesRequest: { InstanceId: { content: 'i-1', tag: 1 } } };
    expect(at(one, 'StopInstancesRequest.InstanceId[].content')).to.deep.equal({
      kind: 'values',
      values: ['i-1'],
    });
  });

  it('matches keys by suffix with a leading *', () => {
    const p = { TerminateInstancesRequest: { InstanceId: [{ content: 'i-1' }] } };
    expect(at(p, '*Request.InstanceId[].content')).to.deep.equal({ kind: 'values', values: ['i-1'] });
  });

  it('fills an absent leaf with the default, per element', () => {
    const p = { entries: [{ eventBusName: 'orders' }, { source: 'x' }] };
    expect(at(p, 'entries[].eventBusName=default')).to.deep.equal({
      kind: 'values',
      values: ['orders', 'default'],
    });
    expect(at({}, 'entries[].eventBusName=default')).to.deep.equal({ kind: 'absent' });
  });

  it('reports a present leaf that is not a non-empty string as bad, never as absent', () => {
    for (const v of ['', 42, null, ['b'], {}, true]) {
      expect(at({ bucketName: v }, 'bucketName').kind, JSON.stringify(v)).to.equal('bad');
    }
    expect(at({ entries: [{ eventBusName: 7 }] }, 'entries[].eventBusName=default').kind).to.equal('bad');
  });

  it('never reads inherited keys', () => {
    expect(at({}, 'constructor')).to.deep.equal({ kind: 'absent' });
    expect(at({}, 'toString')).to.deep.equal({ kind: 'absent' });
  });

  it('refuses more values than an AWS list parameter holds', () => {
    const ids = Array.from({ length: MAX_PATH_VALUES + 1 }, (_, i) => `j-${i}`);
    expect(at({ jobFlowIds: ids }, 'jobFlowIds[]').kind).to.equal('bad');
    expect(at({ jobFlowIds: ids.slice(1) }, 'jobFlowIds[]').kind).to.equal('values');
  });
});
