"""n8n import and export: our workflows to n8n's JSON and back. Reads the core catalog's n8n
mappings; imports nothing from the web, database or event-bus layers."""
