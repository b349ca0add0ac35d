CREATE TABLE t1 (
  id INT,
  payload STRING
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10'
);

CREATE TABLE t2
WITH ('connector'='x')
LIKE t1 (EXCLUDING OPTIONS);

CREATE TEMPORARY TABLE t3 WITH ('format' = 'avro') LIKE `cat`.`db`.t1 (INCLUDING ALL OVERWRITING OPTIONS);
