"""Demo content for the knowledge base, generated in pure Python.

Kept free of Django imports so the generator can be tested and reused (fixtures,
benchmarks, screenshots) without a database; a management command or a loader
turns its records into pages through the ordinary import path.
"""
