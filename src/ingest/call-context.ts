import type { IamAction } from '../model/identifiers.ts';
import { obj, str, type JsonObject } from './fields.ts';

const VPC_ENDPOINT = /^vpce-[0-9a-f]{8,17}$/;
const REGION = /^[a-z]{2}(?:-[a-z0-9]+){1,3}$/;
const SERVICE_PRINCIPAL = /^([a-z0-9-]{2,40})\.amazonaws\.com$/;

/**
 * Condition-key values a record proves for a call: only keys the reducer may turn into conditions,
 * so facts stay few. Values are validated; anything odd is left out (a condition is then not emitted).
 */
export function callContext(
  record: JsonObject,
  action: IamAction,
  region: string,
  params: JsonObject,
): Record<string, string> {
  // Only a well-formed region becomes a condition value (a forged one must not reach a policy).
  const context: Record<string, string> = REGION.test(region) ? { 'aws:RequestedRegion': region } : {};
  const vpce = str(record, 'vpcEndpointId');
  if (vpce && VPC_ENDPOINT.test(vpce)) context['aws:SourceVpce'] = vpce;
  if (action.startsWith('kms:')) {
    // A service calling KMS on the role's behalf (forward access session) shows as invokedBy.
    const invokedBy = str(obj(record, 'userIdentity'), 'invokedBy') ?? str(record, 'sourceIPAddress');
    const service = invokedBy ? SERVICE_PRINCIPAL.exec(invokedBy)?.[1] : undefined;
    if (service) context['kms:ViaService'] = `${service}.${region}.amazonaws.com`;
  }
  if (action === 's3:ListBucket') {
    const prefix = str(params, 'prefix');
    context['s3:prefix'] = prefix ?? '';
  }
  return context;
}
