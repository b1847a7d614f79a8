"""Backup and restore of a whole site: `yingdu backup FILE` and `yingdu restore FILE`
(docs/operators.md). One tar archive holds a consistent copy of the database, every media
file, the built lexicon, the secret key file and a manifest (row counts per table and a
SHA-256 per file) that a restore checks before and after it writes anything."""
