/*
 * Results go to MySQL. The password contains a quote, written twice.
 */
CREATE TEMPORARY TABLE IF NOT EXISTS mysql_results (
  id BIGINT,
  name STRING,
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
   'connector'='jdbc',
   'url'='jdbc:mysql://db:3306/shop?useSSL=false&serverTimezone=UTC',
   'table-name'='results',
   'username'='flink',
   'password'='pass''word',
   'sink.buffer-flush.max-rows'='500'
);
