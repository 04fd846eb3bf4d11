import { expect } from 'chai';
import { tempDir } from '../../support/temp-dir.ts';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { orderedPool } from '../../../src/sources/cloudtrail-s3-pool.ts';
import { formatProgress } from '../../../src/sources/progress.ts';
import { cachePath, defaultCacheDir, directoryCache } from '../../../src/sources/s3-cache.ts';

describe('S3 download helpers', () => {
  it('formats progress: files, MB, events/s and ETA', () => {
    const p = {
      files: 12,
      totalFiles: 340,
      bytes: 3.5 * 1024 * 1024,
      totalBytes: 120 * 1024 * 1024,
      events: 24_000,
      cached: 3,
      elapsedMs: 20_000,
    };
    expect(formatProgress(p)).to.equal('12/340 files (3 cached), 3.5/120.0 MB, 1200 events/s, ETA 11m06s');
    expect(formatProgress({ ...p, files: 340, bytes: p.totalBytes })).to.equal(
      '340/340 files (3 cached), 120.0/120.0 MB, 1200 events/s',
    );
  });

  it('puts the cache under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me')).to.equal(
      '/var/cache/me/tightrole',
    );
    expect(defaultCacheDir({}, '/home/me')).to.equal('/home/me/.cache/tightrole');
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/me')).to.equal('/home/me/.cache/tightrole');
  });

  it('names cache files by a hash of bucket, key and ETag (no user text in the path)', () => {
    const path = cachePath('/c', { bucket: 'b', key: '../../etc/passwd', etag: '"e"' });
    expect(path).to.match(/^\/c\/s3\/[0-9a-f]{2}\/[0-9a-f]{64}\.bin$/);
    expect(cachePath('/c', { bucket: 'b', key: 'k', etag: '"1"' })).to.not.equal(
      cachePath('/c', { bucket: 'b', key: 'k', etag: '"2"' }),
    );
  });

  it('writes cache files atomically and reads them back; a new ETag misses', async () => {
    const dir = tempDir('tightrole-cache-');
    try {
      const cache = directoryCache(dir);
      const id = { bucket: 'b', key: 'k', etag: '"1"' };
      await cache.write(id, new Uint8Array([1, 2, 3]));
      expect([...(await cache.read(id))!]).to.deep.equal([1, 2, 3]);
      expect(await cache.read({ ...id, etag: '"2"' })).to.equal(undefined);
      const sub = await readdir(join(dir, 's3'));
      expect((await readdir(join(dir, 's3', sub[0]!))).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs tasks concurrently but yields results in input order, failures included', async () => {
    let running = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 10, 2];
    const run = async (ms: number) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      if (ms === 20) throw new Error('boom');
      return ms;
    };
    const out: unknown[] = [];
    for await (const s of orderedPool(delays, 3, run)) out.push(s.ok ? s.value : 'failed');
    expect(out).to.deep.equal([30, 5, 'failed', 1, 10, 2]);
    expect(peak).to.equal(3);
  });
});
