"""The page's n8n panel in a real browser (Debian's Chromium through Playwright), against
a fake n8n: connect, deploy, what is left to set up in n8n, runs with the failing node."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import LiveServer, make_settings
from tests.integrations.fake_n8n import FakeN8n, real_error_execution
from tests.integrations.support import hook_workflow, store_workflow
from tests.web.conftest import browser, open_page  # noqa: F401  (fixtures)
from tests.web.support import dev_sign_in

FAKE = FakeN8n()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(make_settings(tmp_path_factory.mktemp("n8n-page"))).start()
    live.app.state.n8n_transport = FAKE.transport
    yield live
    live.stop()


def test_connect_deploy_and_runs_on_the_page(open_page: Any, server: LiveServer) -> None:  # noqa: F811
    user = "page-n8n-user"
    workflow_id = store_workflow(server, user, hook_workflow("orders", with_mail=True))
    web = open_page()
    page = web.page
    dev_sign_in(page, user)
    page.locator(f'.workflow-item[data-workflow-id="{workflow_id}"]').click()
    panel = page.locator("#n8n-panel")
    panel.get_by_label("n8n URL").wait_for()  # once the page has asked for the connection

    # a wrong key: n8n's verdict on the page, and the key never shown back
    web.allow(r"status of 422")
    # "not deployed yet" is a 409 the page expects (the browser logs it all the same)
    web.allow(r"status of 409 .*/deployment")
    panel.get_by_label("n8n URL").fill(FakeN8n.URL)
    panel.get_by_label("n8n API key").fill("wrong-key")
    panel.get_by_role("button", name="Connect").click()
    page.locator("#n8n-error").get_by_text("n8n_unauthorized").wait_for()

    panel.get_by_label("n8n API key").fill(FAKE.api_key)
    panel.get_by_role("button", name="Connect").click()
    panel.get_by_text(f"Connected to {FakeN8n.URL}").wait_for()
    assert FAKE.api_key not in page.content()
    assert panel.get_by_text("Not deployed yet").is_visible()

    page.get_by_role("button", name="Deploy to n8n").click()
    panel.get_by_text("Version 1 is deployed · inactive.").wait_for(timeout=60_000)
    todo = panel.locator("#n8n-todo-list li")
    assert todo.all_text_contents() == ["Email me: choose or create a credential of type smtp"]
    (n8n_id,) = FAKE.workflows
    assert panel.get_by_role("link", name="Open in n8n").get_attribute("href") == (
        f"{FakeN8n.URL}/workflow/{n8n_id}"
    )
    assert panel.get_by_text("No runs yet").is_visible()

    # the user chooses the credential in n8n, and the workflow runs there
    mail = next(n for n in FAKE.workflows[n8n_id]["nodes"] if n["id"] == "mail")
    mail["credentials"] = {"smtp": {"id": "1", "name": "SMTP account"}}
    FAKE.add_run(n8n_id, "success")
    FAKE.add_run(
        n8n_id,
        "error",
        real_error_execution({"Boom": ("Check stock", "check")}),
    )
    panel.get_by_role("button", name="Refresh").click()
    panel.get_by_text("Email me: credential chosen in n8n ✓").wait_for()
    runs = panel.locator("#n8n-runs li")
    runs.first.locator(".run-status", has_text="Failed").wait_for()
    assert runs.count() == 2
    detail = runs.first.locator(".run-detail")
    assert detail.text_content() == "failed at “Check stock”: kaboom [line 1]"
    detail.click()
    page.locator("#node-details:not([hidden])").wait_for()
    assert "IDcheck" in (page.locator("#node-details-body").text_content() or "")
    assert runs.nth(1).locator(".run-status").text_content() == "Succeeded"

    panel.get_by_role("button", name="Activate").click()
    panel.get_by_text("Version 1 is deployed · active.").wait_for()
    web.shot("n8n-panel")
