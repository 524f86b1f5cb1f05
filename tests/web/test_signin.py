"""Signing in on the page: a pasted token, a refused one, signing out, Supabase email
sign-in (the Supabase project faked by Playwright), and dev sign-in where it does not exist."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt

from tests.web.support import dev_sign_in

SUPABASE = "https://demo-project.supabase.co"


def test_paste_a_token_then_sign_out(open_page: Any, server: Any, user: str) -> None:
    web = open_page()
    page = web.page
    web.allow(r"status of 401 .*/api/v1/workflows")
    page.get_by_label("Supabase access token (JWT)").fill("not.a.token")
    page.get_by_role("button", name="Use this token").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "That token was refused" in (alert.text_content() or "")
    assert page.locator("#app-view").is_hidden()
    assert not [c for c in web.context.cookies() if c["name"] == "sb-access-token"]

    token = server.token(user)
    page.get_by_label("Supabase access token (JWT)").fill(f"Bearer {token}")
    page.get_by_role("button", name="Use this token").click()
    page.get_by_text(f"Signed in as {user}").wait_for()
    cookies = {c["name"]: c["value"] for c in web.context.cookies()}
    assert cookies["sb-access-token"] == token

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in").wait_for()
    assert not [c for c in web.context.cookies() if c["name"] == "sb-access-token"]
    assert page.evaluate("() => localStorage.getItem('flowsmith.token')") is None


def test_an_expired_token_sends_you_back_to_sign_in(open_page: Any, server: Any, user: str) -> None:
    web = open_page()
    page = web.page
    web.allow(r"status of 401 ")
    dev_sign_in(page, user)
    # the server stops accepting the page's token (as when it expires)
    other = jwt.encode(
        {"sub": user, "aud": "someone-else", "exp": int(time.time()) + 600},
        "wrong-secret-wrong-secret-wrong-secret",
        algorithm="HS256",
    )
    page.evaluate("t => window.flowsmith.state.client.setToken(t)", other)
    page.get_by_role("button", name="Refresh").click()
    page.get_by_role("alert").wait_for()
    assert "expired or was refused" in (page.get_by_role("alert").text_content() or "")
    assert page.locator("#app-view").is_hidden()


def test_supabase_email_sign_in(open_page: Any, server: Any, user: str) -> None:
    web = open_page()
    page = web.page
    token = server.token(user, email=f"{user}@example.com")
    seen: list[dict[str, Any]] = []
    cors = {
        "Access-Control-Allow-Origin": server.url,
        "Access-Control-Allow-Headers": "apikey, content-type",
        "Access-Control-Allow-Methods": "POST, OPTIONS",
    }

    def supabase(route: Any) -> None:
        request = route.request
        if request.method == "OPTIONS":
            route.fulfill(status=204, headers=cors)
            return
        seen.append(
            {
                "url": request.url,
                "apikey": request.headers.get("apikey"),
                "body": json.loads(request.post_data or "{}"),
            }
        )
        route.fulfill(
            status=200,
            headers={**cors, "Content-Type": "application/json"},
            body=json.dumps({"access_token": token, "token_type": "bearer", "expires_in": 3600}),
        )

    page.route(f"{SUPABASE}/**", supabase)
    page.get_by_text("Supabase email sign-in").click()
    page.get_by_label("Supabase project URL").fill(SUPABASE)
    page.get_by_label("Supabase anon key").fill("anon-key-123")
    page.get_by_label("Email").fill(f"{user}@example.com")
    page.get_by_label("Password").fill("hunter2")
    page.get_by_role("button", name="Sign in with Supabase").click()
    page.get_by_text(f"Signed in as {user}@example.com").wait_for()
    assert seen == [
        {
            "url": f"{SUPABASE}/auth/v1/token?grant_type=password",
            "apikey": "anon-key-123",
            "body": {"email": f"{user}@example.com", "password": "hunter2"},
        }
    ]
    # the project URL and anon key are remembered, the password is not
    saved = json.loads(page.evaluate("() => localStorage.getItem('flowsmith.supabase')"))
    assert saved == {"url": SUPABASE, "key": "anon-key-123"}
    assert page.get_by_label("Password", exact=True).input_value() == ""


def test_dev_sign_in_is_refused_outside_dev_mode(open_page: Any, make_server: Any) -> None:
    supabase_mode = make_server(SUPABASE_JWT_SECRET="s" * 40)
    web = open_page(base_url=supabase_mode.url)
    web.allow(r"status of 404 .*/api/v1/dev/token")
    page = web.page
    page.get_by_role("button", name="Sign in with a dev token").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "Dev sign-in is not available here" in (alert.text_content() or "")
    assert page.locator("#app-view").is_hidden()
