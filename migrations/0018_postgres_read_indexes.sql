-- The same version as PostgreSQL's 0018, which adds indexes for reads PostgreSQL plans differently. SQLite
-- serves these reads from its existing indexes, and each index more would cost every reveal's writes, so
-- nothing changes here; the number is kept so both engines name the same schema version.
SELECT 1;
