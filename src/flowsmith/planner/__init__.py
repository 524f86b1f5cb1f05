"""The offline planner: a deterministic reading of a request (English or Chinese) into a
workflow, and of an edit request into operations on an existing one. Pure code over the core
catalog; no network, database or web imports."""
