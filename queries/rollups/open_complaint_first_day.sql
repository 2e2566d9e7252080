-- Open complaints may turn late as the extract date moves, so their days are rebuilt too.
select min(cast(received_at as date)) as first_day
from complaint
where status = 'open'
