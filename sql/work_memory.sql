-- One connection's share of a whole-table job (a sessions build, the bulk path's dedupe and index, post-load's
-- index), inside its transaction. Memory enough that one hash partition's sort stays in memory at 10M rows (16
-- partitions of about 625k events, a sort of about 145MB; at 128MB it spilled and the build took 1.3x as long),
-- instead of the server's 4MB default spilling every sort to disk. A sort takes only what it needs. Set per
-- transaction (SET LOCAL), so a server of the user's keeps its own defaults for everything else; a few such
-- connections at once (one per core) stay within the embedded server's budget (src/db/embedded/server-process.ts).
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '128MB';
-- The job already runs on one connection per core: parallel workers on top would only share the same cores, and
-- a parallel index build hands its sorted runs over through temporary files even when they fit in memory.
SET LOCAL max_parallel_workers_per_gather = 0;
SET LOCAL max_parallel_maintenance_workers = 0;
