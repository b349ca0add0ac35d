CREATE CATALOG my_pg WITH (
  'type' = 'jdbc',
  'default-database' = 'shop',
  'username' = 'flink',
  'password' = 'secret',
  'base-url' = 'jdbc:postgresql://pg:5432'
);

USE CATALOG my_pg;
