"""Emulation blocks and clusters (khối, cụm thi đua): who is in which group, each year."""
