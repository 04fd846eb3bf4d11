import partitions from './data/partitions.json' with { type: 'json' };

/** ARN partition of a region: `cn-north-1` -> `aws-cn`, `us-gov-west-1` -> `aws-us-gov`, else `aws`. */
export function partitionForRegion(region: string): string {
  for (const p of partitions) if (region.startsWith(p.regionPrefix)) return p.partition;
  return 'aws';
}
