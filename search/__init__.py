"""Search of the knowledge base (Vietnamese, with or without diacritics)."""
