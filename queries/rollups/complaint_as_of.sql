-- The end of the last day of the complaint extract: open complaints due before it are late.
select cast(cast(max(received_at) as date) + interval 1 day as timestamp) as as_of
from complaint
