UPDATE people SET email = NULL;

UPDATE no_such_table SET x = 1;
