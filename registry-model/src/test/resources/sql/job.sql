SET 'execution.runtime-mode' = 'streaming';
SET 'pipeline.name' = 'clicks; enriched -- v2 /* not a comment */';

/* An old version of this job used:
CREATE TABLE old_clicks (a INT) WITH ('connector' = 'kinesis');
*/
-- CREATE TABLE fake WITH ('connector' = 'pulsar');
-- 'connector' = 'rabbitmq'

CREATE TABLE clicks (
  url STRING,
  note STRING COMMENT 'contains WITH (''connector'' = ''fake'') as text',
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'clicks',
  'format' = 'json'
);

CREATE TABLE enriched (url STRING, cnt BIGINT) WITH ('connector' = 'print');

CREATE TEMPORARY VIEW per_url AS
SELECT url, COUNT(*) AS cnt FROM clicks WHERE note NOT LIKE '%;%' GROUP BY url;

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO enriched SELECT url, cnt FROM per_url;
  INSERT INTO enriched
    SELECT url, CASE WHEN cnt > 10 THEN cnt ELSE 0 END FROM per_url;
END;

INSERT INTO enriched SELECT url, 1 FROM clicks
