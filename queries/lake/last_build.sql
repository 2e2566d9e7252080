-- When an engine's last lake build started: partitions written after it are rebuilt next time.
select max(b.started_at) as started_at
from rollup_build as b
where b.engine = $engine
