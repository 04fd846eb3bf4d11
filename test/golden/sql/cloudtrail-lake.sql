SELECT
  useridentity.sessioncontext.sessionissuer.arn AS role_arn,
  eventsource AS event_source,
  eventname AS event_name,
  errorcode AS error_code,
  awsregion AS aws_region,
  recipientaccountid AS account_id,
  vpcendpointid AS vpc_endpoint_id,
  CASE WHEN eventsource = 'kms.amazonaws.com' THEN useridentity.invokedby END AS invoked_by,
  element_at(requestparameters, 'bucketName') AS rp_bucketname,
  element_at(requestparameters, 'key') AS rp_key,
  element_at(requestparameters, 'prefix') AS rp_prefix,
  element_at(requestparameters, 'tableName') AS rp_tablename,
  element_at(requestparameters, 'indexName') AS rp_indexname,
  element_at(requestparameters, 'queueUrl') AS rp_queueurl,
  element_at(requestparameters, 'queueName') AS rp_queuename,
  element_at(requestparameters, 'topicArn') AS rp_topicarn,
  element_at(requestparameters, 'targetArn') AS rp_targetarn,
  element_at(requestparameters, 'functionName') AS rp_functionname,
  element_at(requestparameters, 'qualifier') AS rp_qualifier,
  element_at(requestparameters, 'secretId') AS rp_secretid,
  element_at(requestparameters, 'name') AS rp_name,
  element_at(requestparameters, 'logGroupName') AS rp_loggroupname,
  element_at(requestparameters, 'logStreamName') AS rp_logstreamname,
  element_at(requestparameters, 'keyId') AS rp_keyid,
  element_at(requestparameters, 'streamName') AS rp_streamname,
  element_at(requestparameters, 'stateMachineArn') AS rp_statemachinearn,
  element_at(requestparameters, 'roleName') AS rp_rolename,
  element_at(requestparameters, 'policyArn') AS rp_policyarn,
  element_at(requestparameters, 'eventBusName') AS rp_eventbusname,
  element_at(requestparameters, 'repositoryName') AS rp_repositoryname,
  array_join(array_sort(transform(resources, r -> r.arn)), ' ') AS resource_arns,
  count(*) AS calls,
  min(eventtime) AS first_seen,
  max(eventtime) AS last_seen
FROM 0a1b2c3d-1111-2222-3333-444455556666
WHERE useridentity.type = 'AssumedRole'
  AND eventtype = 'AwsApiCall'
  AND eventtime >= timestamp '2026-11-20 00:00:00'
  AND eventtime <= timestamp '2026-11-27 00:00:00'
  AND (lower(useridentity.sessioncontext.sessionissuer.arn) IN ('arn:aws:iam::123456789012:role/orders-api-role') OR lower(useridentity.sessioncontext.sessionissuer.username) IN ('o''brien-role'))
  AND awsregion IN ('eu-west-1')
  AND recipientaccountid IN ('123456789012')
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
