SELECT
  useridentity.sessioncontext.sessionissuer.arn AS role_arn,
  eventsource AS event_source,
  eventname AS event_name,
  errorcode AS error_code,
  awsregion AS aws_region,
  recipientaccountid AS account_id,
  vpcendpointid AS vpc_endpoint_id,
  CASE WHEN eventsource = 'kms.amazonaws.com' THEN useridentity.invokedby END AS invoked_by,
  json_extract_scalar(requestparameters, '$.bucketName') AS rp_bucketname,
  json_extract_scalar(requestparameters, '$.key') AS rp_key,
  json_extract_scalar(requestparameters, '$.prefix') AS rp_prefix,
  json_extract_scalar(requestparameters, '$.tableName') AS rp_tablename,
  json_extract_scalar(requestparameters, '$.indexName') AS rp_indexname,
  json_extract_scalar(requestparameters, '$.queueUrl') AS rp_queueurl,
  json_extract_scalar(requestparameters, '$.queueName') AS rp_queuename,
  json_extract_scalar(requestparameters, '$.topicArn') AS rp_topicarn,
  json_extract_scalar(requestparameters, '$.targetArn') AS rp_targetarn,
  json_extract_scalar(requestparameters, '$.functionName') AS rp_functionname,
  json_extract_scalar(requestparameters, '$.qualifier') AS rp_qualifier,
  json_extract_scalar(requestparameters, '$.secretId') AS rp_secretid,
  json_extract_scalar(requestparameters, '$.name') AS rp_name,
  json_extract_scalar(requestparameters, '$.logGroupName') AS rp_loggroupname,
  json_extract_scalar(requestparameters, '$.logStreamName') AS rp_logstreamname,
  json_extract_scalar(requestparameters, '$.keyId') AS rp_keyid,
  json_extract_scalar(requestparameters, '$.streamName') AS rp_streamname,
  json_extract_scalar(requestparameters, '$.stateMachineArn') AS rp_statemachinearn,
  json_extract_scalar(requestparameters, '$.roleName') AS rp_rolename,
  json_extract_scalar(requestparameters, '$.policyArn') AS rp_policyarn,
  json_extract_scalar(requestparameters, '$.eventBusName') AS rp_eventbusname,
  json_extract_scalar(requestparameters, '$.repositoryName') AS rp_repositoryname,
  array_join(array_sort(transform(resources, r -> r.arn)), ' ') AS resource_arns,
  count(*) AS calls,
  min(eventtime) AS first_seen,
  max(eventtime) AS last_seen
FROM "audit"."cloudtrail_logs"
WHERE useridentity.type = 'AssumedRole'
  AND eventtype = 'AwsApiCall'
  AND eventtime >= '2026-11-20T00:00:00Z'
  AND eventtime <= '2026-11-27T00:00:00Z'
  AND "timestamp" >= '2026/11/20'
  AND "timestamp" <= '2026/11/27'
  AND "region" IN ('eu-west-1', 'us-east-1')
  AND "account" IN ('123456789012')
  AND (lower(useridentity.sessioncontext.sessionissuer.username) IN ('orders-api-role'))
  AND awsregion IN ('eu-west-1', 'us-east-1')
  AND recipientaccountid IN ('123456789012')
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
