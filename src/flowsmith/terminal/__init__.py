"""The terminal client: ``flowsmith chat`` and ``flowsmith workflows list|show|export``.

It talks to a running server over the same HTTP API as the web page (``--url``, default
http://127.0.0.1:8000). The token is ``--token`` / ``FLOWSMITH_TOKEN`` (a Supabase access
token, or any token the server accepts); without one, a dev token for ``--sub`` from the
server's ``POST /api/v1/dev/token`` (dev mode, loopback only), or, when that is not
available and this machine holds the server's dev secret (``FLOWSMITH_DATA_DIR``), one
minted locally.

``flowsmith chat`` streams the reply as it arrives, shows the generation's stages as a live
display, then prints the workflow as a tree. Messages come from ``--message`` (repeatable),
else from standard input (one per line), with a prompt when that is a terminal.

The package: :mod:`~flowsmith.terminal.client` (talking to the server: errors, tokens, HTTP
and server-sent events), :mod:`~flowsmith.terminal.display` (the workflow tree and the live
progress display), :mod:`~flowsmith.terminal.chat` (``flowsmith chat``) and
:mod:`~flowsmith.terminal.commands` (``flowsmith workflows …``, ``flowsmith n8n …``,
``deploy``, ``executions``). ``flowsmith.cli`` registers the commands.
"""
