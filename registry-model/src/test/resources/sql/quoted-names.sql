Create Table `my catalog`.`my db`.`select` (
  `from` INT,
  `with` STRING
) With (
  'connector' = 'datagen'
);

CREATE TABLE `odd``name` (x INT) WITH ('connector' = 'blackhole');
