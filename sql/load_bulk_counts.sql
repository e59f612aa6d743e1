-- Moves $2 rows of run $1 from its inserted count to its duplicates (the repeats a bulk load's dedupe deleted).
UPDATE load_runs SET inserted = inserted - $2, duplicates = duplicates + $2 WHERE id = $1
