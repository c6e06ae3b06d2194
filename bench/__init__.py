"""Benchmark and soak scripts: ``python -m bench.bench``, ``python -m bench.soak``."""
