"""The organisation: the editable tree of units of the sector."""
