"""Exemplars (gương điển hình tiên tiến): collectives and individuals worth learning from."""
