-- Which layout the database has: Citus when the citus extension is installed in it, with its active workers.
SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') AS citus
