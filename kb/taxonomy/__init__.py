"""Reference data kept as editable records: fields of work and the titles/awards catalogue."""
