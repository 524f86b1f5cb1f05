"""The workflow language, pure: models, catalog, validation, simulation, repair, patches, layout
and expressions. Nothing here imports web, database, event-bus, LLM or planner code (an
import-linter contract in ``make lint`` keeps it so)."""
