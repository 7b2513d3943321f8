"""The way in and out: the JSON Lines interchange format and spreadsheet imports."""
