"""Conferences of exemplary models and emulation congresses, and the reports presented there."""
