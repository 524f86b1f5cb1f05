"""Integrations with the user's own automation platform: n8n connections, deploys, runs.

``crypto`` keeps the API keys encrypted at rest, ``client`` talks to n8n's public API,
``payload`` turns a workflow into what that API accepts, ``service`` does connect, deploy,
activate and executions over ``repository``, and ``router`` serves them under
``/api/v1/integrations/n8n`` and ``/api/v1/workflows/{id}/deploy|activate|deactivate|executions``.
"""
