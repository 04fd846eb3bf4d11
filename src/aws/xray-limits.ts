// Apart from the SDK adapter (xray.ts) so that readers can use it without loading the AWS SDK.

/** Most trace IDs `BatchGetTraces` takes per call (X-Ray API reference). */
export const BATCH_GET_TRACES_MAX_IDS = 5;
