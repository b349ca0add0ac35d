create table fs_archive (
  user_id BIGINT,
  behavior STRING,
  dt STRING,
  `hour` STRING
) comment 'daily archive'
partitioned by (dt, `hour`)
with (
  'connector' = 'filesystem',
  'path' = 's3://bucket/archive/',
  'format' = 'csv',
  'csv.field-delimiter' = ';',
  'sink.partition-commit.policy.kind' = 'success-file'
);
