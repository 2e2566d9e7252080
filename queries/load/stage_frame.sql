-- A file read (and mapped) in Python: _frame is the registered data frame of text values.
create or replace temp table _stage as
select *
from _frame
