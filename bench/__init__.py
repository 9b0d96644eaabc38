"""Benchmarks: Handoff against a bare Bolt app, and the clock at scale (see bench/README.md)."""
