CREATE TABLE my_ctas_table
WITH (
    'connector' = 'kafka',
    'topic' = 'ctas',
    'format' = 'debezium-json'
)
AS SELECT id, name, age FROM source_table WHERE mod(id, 10) = 0;

CREATE OR REPLACE TABLE rtas_table
WITH ('connector' = 'filesystem', 'path' = '/tmp/rtas', 'format' = 'parquet')
AS WITH recent AS (SELECT * FROM source_table) SELECT * FROM recent;
