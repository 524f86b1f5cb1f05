"""flowsmith's benchmarks: ``make bench`` (``bench/run_all.py``); see docs/performance.md."""
