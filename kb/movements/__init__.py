"""Emulation movements (phong trào thi đua): regular, by phase, thematic or by campaign."""
