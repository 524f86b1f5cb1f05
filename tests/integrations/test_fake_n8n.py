"""Every n8n failure against a fake n8n (``fake_n8n.FakeN8n``, bodies from the real
2.41.1): clean errors with stable codes, the key never returned nor logged, what is sent,
re-creation after a delete or an archive, adoption of a create whose answer was lost."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet

from flowsmith.integrations.crypto import SecretBox
from tests.conftest import LiveServer, make_settings
from tests.integrations.fake_n8n import FakeN8n, real_error_execution
from tests.integrations.support import (
    add_version,
    hook_workflow,
    store_workflow,
    stored_api_key_ciphertext,
)

_users = iter(range(1, 1_000_000))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(make_settings(tmp_path_factory.mktemp("fake-n8n"))).start()
    yield live
    live.stop()


@pytest.fixture
def fake(server: LiveServer) -> FakeN8n:
    n8n = FakeN8n()
    server.app.state.n8n_transport = n8n.transport
    server.app.state.integrations = None  # rebuilt on first use, with this transport
    return n8n


@pytest.fixture
def api(server: LiveServer) -> Iterator[httpx.Client]:
    user = f"fake-n8n-user-{next(_users)}"
    with httpx.Client(base_url=server.url, headers=server.headers(user), timeout=30) as client:
        client.user = user  # type: ignore[attr-defined]
        yield client


def _connect(api: httpx.Client, fake: FakeN8n, url: str | None = None) -> httpx.Response:
    return api.post(
        "/api/v1/integrations/n8n", json={"url": url or fake.URL, "api_key": fake.api_key}
    )


def _deployed(server: LiveServer, api: httpx.Client, fake: FakeN8n, **kw: Any) -> str:
    assert _connect(api, fake).status_code == 200
    workflow_id = store_workflow(server, api.user, hook_workflow("orders", **kw))  # type: ignore[attr-defined]
    answer = api.post(f"/api/v1/workflows/{workflow_id}/deploy")
    assert answer.status_code == 200, answer.text
    return workflow_id


def _error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    return str(body["error"]["message"])


# --- connecting ----------------------------------------------------------------------------


def test_connect_stores_the_key_encrypted_never_returns_or_logs_it(
    server: LiveServer, api: httpx.Client, fake: FakeN8n, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    answer = _connect(api, fake, url=fake.URL + "/api/v1/")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["url"] == fake.URL and body["api_key_hint"] == "******" + fake.api_key[-4:]
    assert fake.api_key not in answer.text
    assert fake.requests[-1].url.path == "/api/v1/workflows"
    assert fake.requests[-1].url.params["limit"] == "1"
    assert fake.requests[-1].headers["x-n8n-api-key"] == fake.api_key
    assert fake.api_key not in str(fake.requests[-1].url)
    got = api.get("/api/v1/integrations/n8n")
    assert got.json()["connected"] is True and fake.api_key not in got.text
    # at rest: only the ciphertext
    stored = stored_api_key_ciphertext(server, api.user)  # type: ignore[attr-defined]
    assert fake.api_key not in stored
    assert (
        SecretBox([(server.settings.data_dir / "secret_key").read_text().strip()]).decrypt(stored)
        == fake.api_key
    )
    assert not [r for r in caplog.records if fake.api_key in r.getMessage()]
    # disconnect forgets it
    assert api.delete("/api/v1/integrations/n8n").status_code == 204
    assert api.get("/api/v1/integrations/n8n").json() == {
        "connected": False,
        "url": None,
        "api_key_hint": None,
        "connected_at": None,
        "updated_at": None,
    }


@pytest.mark.parametrize(
    ("fail", "key", "code"),
    [
        (None, "wrong-key", "n8n_unauthorized"),
        ("refused", None, "n8n_unreachable"),
        ("dns", None, "n8n_unreachable"),
        ("timeout", None, "n8n_timeout"),
        ("html", None, "n8n_not_n8n"),
        ("500", None, "n8n_error"),
    ],
)
def test_connect_failures_are_the_users_input(
    api: httpx.Client, fake: FakeN8n, fail: str | None, key: str | None, code: str
) -> None:
    fake.fail = fail
    answer = api.post(
        "/api/v1/integrations/n8n", json={"url": fake.URL, "api_key": key or fake.api_key}
    )
    message = _error(answer, 422, code)
    assert fake.api_key not in message and "wrong-key" not in message
    assert api.get("/api/v1/integrations/n8n").json()["connected"] is False


def test_connect_to_a_server_that_is_not_n8n(api: httpx.Client, fake: FakeN8n) -> None:
    # the URL of a site without n8n's API: 404 from outside /api/v1
    message = _error(_connect(api, fake, url=fake.URL + "/some/app"), 422, "n8n_not_n8n")
    assert "no n8n public API" in message


def test_connect_rate_limited_keeps_429(api: httpx.Client, fake: FakeN8n) -> None:
    fake.fail = "429"
    answer = _connect(api, fake)
    _error(answer, 429, "n8n_rate_limited")
    assert answer.headers["retry-after"] == "7"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "ftp://n8n.example.com",
        "http://user:pw@n8n.example.com",
        "http://[::1",
        "http://a b.example.com",
        "\u00be\u0091\U0009f54f\u0085\u066f",  # found by schemathesis: not IDNA
        "http://xn--/",
    ],
)
def test_bad_urls(api: httpx.Client, fake: FakeN8n, url: str) -> None:
    answer = api.post("/api/v1/integrations/n8n", json={"url": url or " ", "api_key": "k"})
    _error(answer, 422, "invalid_n8n_url")
    assert fake.requests == []


def test_private_networks_refused_when_configured(make_server: Any) -> None:
    live = make_server(FLOWSMITH_N8N_BLOCK_PRIVATE_NETWORKS=True)
    with httpx.Client(base_url=live.url, headers=live.headers("private-user")) as api:
        answer = api.post(
            "/api/v1/integrations/n8n", json={"url": "http://127.0.0.1:5678", "api_key": "k"}
        )
    _error(answer, 422, "invalid_n8n_url")


# --- deploying -------------------------------------------------------------------------------


def test_deploy_sends_only_what_n8n_accepts_and_no_credentials(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    workflow_id = _deployed(server, api, fake, with_mail=True)
    (created,) = [
        r for r in fake.requests if r.method == "POST" and r.url.path.endswith("/workflows")
    ]
    sent = json.loads(created.content)
    assert set(sent) <= {"name", "nodes", "connections", "settings", "description"}
    assert all("credentials" not in node for node in sent["nodes"])
    assert {n["id"] for n in sent["nodes"]} == {"hook", "shape", "check", "mail"}
    assert set(sent["settings"]) <= {"executionOrder", "timezone", "errorWorkflow"}
    deployment = api.get(f"/api/v1/workflows/{workflow_id}/deployment").json()
    assert deployment["version"] == 1 and deployment["active"] is False
    assert deployment["url"] == f"{fake.URL}/workflow/{deployment['n8n_workflow_id']}"


def test_redeploy_updates_and_keeps_credentials_chosen_in_n8n(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    workflow_id = _deployed(server, api, fake, with_mail=True)
    (n8n_id,) = fake.workflows
    # the user picks an SMTP credential on the email node in n8n
    deployment = api.get(f"/api/v1/workflows/{workflow_id}/deployment").json()
    assert deployment["in_n8n"] is True
    assert [c["chosen_in_n8n"] for c in deployment["credentials_needed"]] == [False]
    mail = next(n for n in fake.workflows[n8n_id]["nodes"] if n["id"] == "mail")
    mail["credentials"] = {"smtp": {"id": "7", "name": "My SMTP"}}
    deployment = api.get(f"/api/v1/workflows/{workflow_id}/deployment").json()
    assert [c["chosen_in_n8n"] for c in deployment["credentials_needed"]] == [True]
    add_version(server, workflow_id, hook_workflow("orders", with_mail=True, fail=False))
    answer = api.post(f"/api/v1/workflows/{workflow_id}/deploy", json={})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["n8n_workflow_id"] == n8n_id and not body["created"] and body["version"] == 2
    assert body["credentials_needed"] == [
        {
            "node_id": "mail",
            "node_name": "Email me",
            "n8n_node": "Email me",
            "credential_types": ["smtp"],
            "chosen_in_n8n": True,
        }
    ]
    mail = next(n for n in fake.workflows[n8n_id]["nodes"] if n["id"] == "mail")
    assert mail["credentials"] == {"smtp": {"id": "7", "name": "My SMTP"}}
    assert len(fake.workflows) == 1
    # an older version on request
    older = api.post(f"/api/v1/workflows/{workflow_id}/deploy", json={"version": 1}).json()
    assert older["version"] == 1 and older["latest_version"] == 2
    _error(
        api.post(f"/api/v1/workflows/{workflow_id}/deploy", json={"version": 9}),
        404,
        "version_not_found",
    )


def test_a_field_n8n_refuses_is_left_out_and_retried(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    import flowsmith.integrations.payload as payload

    workflow = hook_workflow("orders").model_copy(update={"description": "Checks orders"})
    assert _connect(api, fake).status_code == 200
    workflow_id = store_workflow(server, api.user, workflow)  # type: ignore[attr-defined]
    assert "description" not in payload.deploy_body(workflow)  # n8n 2.41.1 refuses it
    # a field some n8n version does not know: left out, and the deploy goes through
    original = payload.deploy_body

    def with_extra(*args: Any) -> dict[str, Any]:
        return {**original(*args), "staticData": None, "description": "x"}

    fake.refuse = {"staticData"}
    payload.deploy_body = with_extra  # type: ignore[assignment]
    try:
        answer = api.post(f"/api/v1/workflows/{workflow_id}/deploy")
    finally:
        payload.deploy_body = original  # type: ignore[assignment]
    assert answer.status_code == 200, answer.text
    stored = next(iter(fake.workflows.values()))
    assert "description" not in stored and "staticData" not in stored


def test_deleted_in_n8n_is_created_again_and_remapped(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    workflow_id = _deployed(server, api, fake)
    (first,) = fake.workflows
    del fake.workflows[first]
    gone = api.get(f"/api/v1/workflows/{workflow_id}/deployment").json()
    assert gone["in_n8n"] is False and gone["active"] is False
    fake.fail = "refused"  # n8n down: the mapping alone
    unknown = api.get(f"/api/v1/workflows/{workflow_id}/deployment")
    assert unknown.status_code == 200 and unknown.json()["in_n8n"] is None
    fake.fail = None
    again = api.post(f"/api/v1/workflows/{workflow_id}/deploy").json()
    assert again["recreated"] and again["created"] and again["n8n_workflow_id"] != first
    assert list(fake.workflows) == [again["n8n_workflow_id"]]
    # archived there: the same
    fake.workflows[again["n8n_workflow_id"]]["isArchived"] = True
    third = api.post(f"/api/v1/workflows/{workflow_id}/deploy").json()
    assert third["recreated"]
    live = [w for w in fake.workflows.values() if not w["isArchived"]]
    assert [w["id"] for w in live] == [third["n8n_workflow_id"]]
    mapped = api.get(f"/api/v1/workflows/{workflow_id}/deployment").json()
    assert mapped["n8n_workflow_id"] == third["n8n_workflow_id"]


def test_a_create_whose_answer_was_lost_is_adopted_not_repeated(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    assert _connect(api, fake).status_code == 200
    workflow_id = store_workflow(server, api.user, hook_workflow("orders"))  # type: ignore[attr-defined]
    fake.fail_after_create = True
    answer = api.post(f"/api/v1/workflows/{workflow_id}/deploy")
    assert answer.status_code == 200, answer.text
    fake.fail_after_create = False
    assert list(fake.workflows) == [answer.json()["n8n_workflow_id"]]
    api.post(f"/api/v1/workflows/{workflow_id}/deploy")
    assert len(fake.workflows) == 1


@pytest.mark.parametrize(
    ("fail", "status", "code"),
    [
        ("refused", 502, "n8n_unreachable"),
        ("timeout", 504, "n8n_timeout"),
        ("500", 502, "n8n_error"),
        ("429", 429, "n8n_rate_limited"),
        ("html", 502, "n8n_not_n8n"),
    ],
)
def test_n8n_failures_during_deploy_activate_and_executions(
    server: LiveServer, api: httpx.Client, fake: FakeN8n, fail: str, status: int, code: str
) -> None:
    workflow_id = _deployed(server, api, fake)
    fake.fail = fail
    for method, path in (
        ("POST", "deploy"),
        ("POST", "activate"),
        ("POST", "deactivate"),
        ("GET", "executions"),
    ):
        answer = api.request(method, f"/api/v1/workflows/{workflow_id}/{path}")
        _error(answer, status, code)
        if code == "n8n_rate_limited":
            assert answer.headers["retry-after"] == "7"
    fake.fail = None
    assert len(fake.workflows) == 1


def test_a_revoked_key(server: LiveServer, api: httpx.Client, fake: FakeN8n) -> None:
    workflow_id = _deployed(server, api, fake)
    fake.api_key = "another-key"
    message = _error(api.post(f"/api/v1/workflows/{workflow_id}/deploy"), 502, "n8n_unauthorized")
    assert "API key" in message


def test_not_connected_not_deployed_not_yours(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    workflow_id = store_workflow(server, api.user, hook_workflow("orders"))  # type: ignore[attr-defined]
    _error(api.post(f"/api/v1/workflows/{workflow_id}/deploy"), 409, "n8n_not_connected")
    assert _connect(api, fake).status_code == 200
    _error(api.post(f"/api/v1/workflows/{workflow_id}/activate"), 409, "workflow_not_deployed")
    _error(api.get(f"/api/v1/workflows/{workflow_id}/executions"), 409, "workflow_not_deployed")
    _error(api.get(f"/api/v1/workflows/{workflow_id}/deployment"), 409, "workflow_not_deployed")
    other = {"Authorization": f"Bearer {server.token('someone-else')}"}
    for method, suffix in (
        ("POST", "deploy"),
        ("GET", "deployment"),
        ("POST", "activate"),
        ("POST", "deactivate"),
        ("GET", "executions"),
    ):
        # someone else's workflow reads exactly like one that does not exist
        for wid, headers in ((workflow_id, other), ("nope", None)):
            got = api.request(method, f"/api/v1/workflows/{wid}/{suffix}", headers=headers)
            _error(got, 404, "workflow_not_found")
    # a connection is its user's: another user has none, and removing theirs leaves ours
    mine = api.get("/api/v1/integrations/n8n").json()
    assert api.get("/api/v1/integrations/n8n", headers=other).json() != mine
    assert api.delete("/api/v1/integrations/n8n", headers=other).status_code in (204, 404)
    assert api.get("/api/v1/integrations/n8n").json() == mine


# --- activation ---------------------------------------------------------------------------------


def test_activation_refused_and_gone(server: LiveServer, api: httpx.Client, fake: FakeN8n) -> None:
    workflow_id = _deployed(server, api, fake, with_mail=True)
    fake.activation_error = (
        'Cannot publish workflow: 1 node have configuration issues:\n\nNode "Email me":\n'
        "  - Missing required credential: smtp"
    )
    message = _error(api.post(f"/api/v1/workflows/{workflow_id}/activate"), 422, "n8n_rejected")
    assert "Missing required credential: smtp" in message
    fake.activation_error = None
    on = api.post(f"/api/v1/workflows/{workflow_id}/activate")
    assert on.status_code == 200 and on.json()["active"] is True
    fake.workflows.clear()
    message = _error(
        api.post(f"/api/v1/workflows/{workflow_id}/deactivate"), 409, "n8n_workflow_missing"
    )
    assert "deploy it again" in message


# --- executions ---------------------------------------------------------------------------------


def test_executions_map_the_failing_node_back_to_ours(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    workflow_id = _deployed(server, api, fake)
    (n8n_id,) = fake.workflows
    fake.add_run(n8n_id, "success")
    # the real record, its nodes named as we deployed them
    detail = real_error_execution(
        {
            "Incoming": ("Incoming order", "hook"),
            "Shape": ("Shape it", "shape"),
            "Boom": ("Check stock", "check"),
        }
    )
    fake.add_run(n8n_id, "error", detail)
    # a node renamed in n8n after the deploy: found by its id
    renamed = real_error_execution({"Boom": ("Renamed in n8n", "check")})
    fake.add_run(n8n_id, "error", renamed)
    fake.add_run(n8n_id, "crashed")  # no record to read: listed without details
    fake.add_run("another-workflow", "success")
    page = api.get(f"/api/v1/workflows/{workflow_id}/executions", params={"limit": 3})
    assert page.status_code == 200, page.text
    body = page.json()
    assert body["n8n_workflow_id"] == n8n_id and body["next_cursor"]
    crashed, renamed_run, failed = body["items"]
    assert crashed["status"] == "crashed" and crashed["failed_node"] is None
    assert renamed_run["failed_node"] == {
        "id": "check",
        "name": "Check stock",
        "n8n_name": "Renamed in n8n",
    }
    assert failed["status"] == "error" and failed["finished"] is False
    assert failed["failed_node"] == {
        "id": "check",
        "name": "Check stock",
        "n8n_name": "Check stock",
    }
    assert failed["error_message"] == "kaboom [line 1]"
    assert failed["started_at"].startswith("2026-12-06T10:22:40")
    rest = api.get(
        f"/api/v1/workflows/{workflow_id}/executions",
        params={"limit": 3, "cursor": body["next_cursor"]},
    ).json()
    bad = api.get(f"/api/v1/workflows/{workflow_id}/executions", params={"cursor": "nope"})
    assert "An invalid cursor was provided" in _error(bad, 422, "n8n_rejected")
    assert [i["status"] for i in rest["items"]] == ["success"] and rest["next_cursor"] is None
    _error(
        api.get(f"/api/v1/workflows/{workflow_id}/executions", params={"limit": 0}),
        422,
        "invalid_input",
    )


# --- key rotation ---------------------------------------------------------------------------------


def test_a_key_stored_under_the_old_server_key_is_moved_to_the_new_one(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    old = (server.settings.data_dir / "secret_key").read_text().strip()
    workflow_id = _deployed(server, api, fake)
    new = Fernet.generate_key()
    server.app.state.integrations._box = SecretBox([new, old])  # a restart with new,old
    assert api.post(f"/api/v1/workflows/{workflow_id}/deploy").status_code == 200
    stored = stored_api_key_ciphertext(server, api.user)  # type: ignore[attr-defined]
    assert SecretBox([new]).decrypt(stored) == fake.api_key
    # a server that lost every key it had: a clean error, never a crash
    server.app.state.integrations._box = SecretBox([Fernet.generate_key()])
    _error(api.post(f"/api/v1/workflows/{workflow_id}/deploy"), 409, "secret_unreadable")


def test_the_error_workflow_setting_points_at_its_n8n_copy(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    handler_id = _deployed(server, api, fake)
    (handler_n8n,) = fake.workflows
    main = hook_workflow("main")
    main.settings.error_workflow_id = handler_id
    main_id = store_workflow(server, api.user, main)  # type: ignore[attr-defined]
    assert api.post(f"/api/v1/workflows/{main_id}/deploy").status_code == 200
    created = [w for w in fake.workflows.values() if w["id"] != handler_n8n]
    assert created[0]["settings"]["errorWorkflow"] == handler_n8n
    # an error workflow that is not deployed: the setting is left out
    alone = hook_workflow("alone")
    alone.settings.error_workflow_id = "not-deployed"
    alone_id = store_workflow(server, api.user, alone)  # type: ignore[attr-defined]
    answer = api.post(f"/api/v1/workflows/{alone_id}/deploy").json()
    assert "errorWorkflow" not in fake.workflows[answer["n8n_workflow_id"]]["settings"]


def test_n8n_busy_publishing_is_waited_out_briefly(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    workflow_id = _deployed(server, api, fake)
    fake.busy = 2  # n8n 2.41.1 answers this for a few seconds after a deactivate
    assert api.post(f"/api/v1/workflows/{workflow_id}/activate").status_code == 200
    fake.busy = 100
    answer = api.post(f"/api/v1/workflows/{workflow_id}/deactivate")
    assert "try again in a few moments" in _error(answer, 409, "n8n_busy")
    assert answer.headers["retry-after"] == "5"


def test_concurrent_deploys_of_one_workflow_make_one_n8n_workflow(
    server: LiveServer, api: httpx.Client, fake: FakeN8n
) -> None:
    import asyncio

    assert _connect(api, fake).status_code == 200
    workflow_id = store_workflow(server, api.user, hook_workflow("orders"))  # type: ignore[attr-defined]
    fake.delay_s = 0.2  # each n8n call takes a while: the deploys overlap

    async def deploy_all() -> list[httpx.Response]:
        async with httpx.AsyncClient(
            base_url=server.url, headers=dict(api.headers), timeout=60
        ) as client:
            return await asyncio.gather(
                *(client.post(f"/api/v1/workflows/{workflow_id}/deploy") for _ in range(6))
            )

    answers = asyncio.run(deploy_all())
    assert [a.status_code for a in answers] == [200] * 6, [a.text for a in answers]
    assert len(fake.workflows) == 1
    assert sum(a.json()["created"] for a in answers) == 1
    assert {a.json()["n8n_workflow_id"] for a in answers} == set(fake.workflows)


@pytest.mark.parametrize("key", ["±key", "two words", "tab\tkey", "   "])
def test_keys_that_cannot_be_an_n8n_key(api: httpx.Client, fake: FakeN8n, key: str) -> None:
    answer = api.post("/api/v1/integrations/n8n", json={"url": fake.URL, "api_key": key})
    _error(answer, 422, "invalid_n8n_api_key")
    assert fake.requests == []
